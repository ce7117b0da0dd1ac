import ComposeAudit
import SecurityModel
import Testing

@Suite struct ComposeErrorTests {
    @Test func wrongTypeNamesFileServiceAndKeyAndOthersAreStillAudited() throws {
        let result = ComposeTest.audit(
            """
            services:
              web:
                image: app
                privileged: "maybe"
              db:
                image: postgres
                privileged: true
            """
        )
        #expect(result.auditedServices == ["db"])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.code == .wrongType)
        #expect(error.file == "compose.yaml")
        #expect(error.service == "web")
        #expect(error.key == "services.web.privileged")
        #expect(error.line == 4)
        #expect(error.description.contains("compose.yaml:4"))
        #expect(error.description.contains("must be a boolean"))
        #expect(result.findings.contains { $0.ruleID == "CIS-DOCKER-5.5" && $0.location.container == "db" })
    }

    @Test(arguments: [
        ("services:\n  web: [1]\n", ComposeError.Code.notAMapping),
        ("services:\n  web:\n    image: a\n    ports: [\"99999:80\"]\n", .invalidValue),
        ("services:\n  web:\n    image: a\n    mem_limit: lots\n", .invalidValue),
        ("services:\n  web:\n    image: a\n    restart: sometimes\n", .invalidValue),
        ("services:\n  web:\n    image: a\n    cap_add: SYS_ADMIN\n", .wrongType),
        ("services:\n  web:\n    image: a\n    volumes: [\"a:b:c:d\"]\n", .invalidValue),
        ("services:\n  web:\n    image: a\n    ports: [\"8080:80-90\"]\n", .invalidValue),
        ("services:\n  web:\n    image: a\n    extends: nowhere\n", .invalidExtends),
        ("services:\n  web:\n    image: \"${\"\n", .invalidInterpolation),
    ])
    func serviceErrors(_ text: String, _ code: ComposeError.Code) {
        let result = ComposeTest.audit(text)
        #expect(result.errors.map(\.code) == [code], "\(result.errors)")
        #expect(result.errors.first?.service == "web")
        #expect(result.auditedServices.isEmpty)
    }

    @Test(arguments: [
        ("services: [web]\n", ComposeError.Code.notAMapping),
        ("- a\n- b\n", .notAMapping),
        ("services: {web: {image: [}\n", .invalidYAML),
        ("", .notAMapping),
        ("web:\n  image: nginx\n", .notAMapping),
    ])
    func fileErrors(_ text: String, _ code: ComposeError.Code) {
        let result = ComposeTest.audit(text)
        #expect(result.errors.map(\.code) == [code], "\(result.errors)")
        #expect(result.errors.first?.service == nil)
        #expect(result.project == nil)
        #expect(result.findings.isEmpty)
    }

    @Test func hostileInputIsBounded() {
        var bomb = "x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            bomb +=
                "x-a\(level): &a\(level) ["
                + Array(repeating: "*a\(level == 1 ? "" : "\(level - 1)")", count: 10)
                .joined(separator: ", ") + "]\n"
        }
        bomb += "services:\n  web: {image: a}\n"
        #expect(ComposeTest.audit(bomb).errors.map(\.code) == [.tooLarge])
        let auditor = ComposeAuditor(loader: ComposeProjectLoader(maximumBytes: 1000))
        let big = "services:\n  web:\n    image: a\n" + String(repeating: "# padding\n", count: 200)
        #expect(auditor.audit(text: big, path: "big.yaml").errors.map(\.code) == [.tooLarge])
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(ComposeTest.audit(deep).errors.map(\.code) == [.invalidYAML])
        let ranges =
            "services:\n  web:\n    image: a\n    ports: ["
            + Array(repeating: "\"1-65535:1-65535\"", count: 3)
            .joined(separator: ", ") + "]\n"
        #expect(ComposeTest.audit(ranges).errors.map(\.code) == [.invalidValue])
    }

    @Test func noServicesIsAWarning() {
        let result = ComposeTest.audit("version: \"3\"\nnetworks: {a: {}}\n")
        #expect(result.errors.isEmpty)
        #expect(result.warnings.count == 1)
        #expect(result.auditedServices.isEmpty)
    }
}
