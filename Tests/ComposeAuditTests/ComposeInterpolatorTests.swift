import ComposeAudit
import SecurityModel
import Testing

@Suite struct ComposeInterpolatorTests {
    let interpolator = ComposeInterpolator(environment: ["SET": "value", "EMPTY": "", "PORT": "8080"])

    @Test(arguments: [
        ("plain", "plain"), ("$SET", "value"), ("${SET}", "value"), ("a${SET}b", "avalueb"), ("$SET-x", "value-x"),
        ("${UNSET:-def}", "def"), ("${EMPTY:-def}", "def"), ("${EMPTY-def}", ""), ("${UNSET-def}", "def"),
        ("${SET:-def}", "value"), ("${SET:+alt}", "alt"), ("${EMPTY:+alt}", ""), ("${EMPTY+alt}", "alt"),
        ("${UNSET+alt}", ""), ("$$SET", "$SET"), ("$${SET}", "${SET}"), ("cost $5", "cost $5"), ("100%$", "100%$"),
        ("${UNSET:-${PORT}}", "8080"), ("${UNSET:-${ALSO_UNSET:-deep}}", "deep"), ("${PORT}:80", "8080:80"),
    ])
    func expands(_ input: String, _ expected: String) throws {
        #expect(try interpolator.interpolate(input).text == expected)
    }

    @Test func unsetVariablesBecomeEmptyAndAreReported() throws {
        let output = try interpolator.interpolate("${A}/$B/${A}")
        #expect(output.text == "//")
        #expect(output.unresolved == ["A", "B"])
        #expect(try interpolator.interpolate("${UNSET:-x}").unresolved.isEmpty)
    }

    @Test func requiredVariables() throws {
        #expect(throws: ComposeInterpolator.Failure.missing(name: "UNSET", message: "set it")) {
            try interpolator.interpolate("${UNSET:?set it}")
        }
        #expect(throws: ComposeInterpolator.Failure.missing(name: "EMPTY", message: "")) {
            try interpolator.interpolate("${EMPTY:?}")
        }
        #expect(try interpolator.interpolate("${EMPTY?}").text == "")
    }

    @Test(arguments: ["${", "${SET", "${}", "${1X}", "${SET:x}", "${SET*}", "${ bad}"])
    func malformed(_ input: String) {
        #expect(throws: ComposeInterpolator.Failure.self) { try interpolator.interpolate(input) }
    }

    @Test func interpolationInAFile() {
        let result = ComposeTest.audit(
            """
            services:
              web:
                image: "app:${TAG:-latest}"
                privileged: ${PRIV}
                ports: ["${HOST_PORT}:80"]
                user: "$$HOME"
                mem_limit: ${MEM}
            """,
            environment: ["PRIV": "true", "HOST_PORT": "80"]
        )
        #expect(result.errors.isEmpty, "\(result.errors)")
        let ids = ComposeTest.ruleIDs(result)
        #expect(ids.contains("CIS-DOCKER-5.5"))
        #expect(ids.contains("CIS-DOCKER-5.8"))
        #expect(ids.contains("CIS-DOCKER-5.11"))
        #expect(result.findings.first?.location.image == "app:latest")
        #expect(result.warnings.map(\.message) == ["the variable MEM is not set; it is read as an empty string"])
        #expect(result.warnings.first?.line == 7)
    }

    @Test func missingRequiredVariableFailsOnlyThatService() {
        let result = ComposeTest.audit(
            "services:\n  web:\n    image: \"${IMAGE:?set IMAGE}\"\n  db:\n    image: postgres\n"
        )
        #expect(result.auditedServices == ["db"])
        let error = result.errors.first
        #expect(result.errors.count == 1)
        #expect(error?.code == .missingVariable)
        #expect(error?.service == "web")
        #expect(error?.key == "services.web.image")
        #expect(error?.line == 3)
        #expect(error?.description.contains("set IMAGE") == true)
    }
}
