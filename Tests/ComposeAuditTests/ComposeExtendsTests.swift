import ComposeAudit
import ContainerAudit
import SecurityModel
import Testing

@Suite struct ComposeExtendsTests {
    static let text = """
        services:
          base:
            image: app
            privileged: true
            cap_add: [NET_ADMIN]
            volumes: ["/etc:/conf", "/srv/a:/a"]
            command: ["run", "base"]
          web:
            extends: base
            privileged: false
            cap_add: [SYS_PTRACE]
            volumes: ["./conf:/conf"]
            command: ["run", "web"]
          worker:
            extends: {service: web}
            user: root
          remote:
            extends: {file: other.yaml, service: x}
            image: remote
        """

    @Test func extendsMergesAsComposeDoes() throws {
        let web = try ComposeTest.config(Self.text)
        #expect(web.image == "app")
        #expect(web.hostConfig?.privileged == false)
        #expect(web.hostConfig?.capAdd == ["NET_ADMIN", "SYS_PTRACE"])
        #expect(web.mounts?.map(\.destination) == ["/a", "/conf"])
        #expect(web.mounts?.map(\.source) == ["/srv/a", "./conf"])
        let worker = try ComposeTest.config(Self.text, service: "worker")
        #expect(worker.user == "root")
        #expect(worker.hostConfig?.capAdd == ["NET_ADMIN", "SYS_PTRACE"])
    }

    @Test func inheritedKeysPointAtTheBaseLine() throws {
        let result = ComposeTest.audit(Self.text)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let finding = try #require(
            result.findings.first { $0.ruleID == "CIS-DOCKER-5.4" && $0.location.container == "worker" }
        )
        #expect(finding.location.fieldPath == "services.worker.cap_add")
        #expect(finding.location.range?.start.line == 11)
        let remote = result.warnings.filter { $0.service == "remote" }
        #expect(remote.count == 1)
        #expect(remote.first?.message.contains("other.yaml") == true)
        #expect(result.auditedServices == ["base", "web", "worker", "remote"])
    }

    @Test func cyclesAreErrors() {
        let result = ComposeTest.audit(
            "services:\n  a: {image: x, extends: b}\n  b: {image: x, extends: a}\n  c: {image: x}\n"
        )
        #expect(result.auditedServices == ["c"])
        #expect(result.errors.count == 2)
        #expect(result.errors.allSatisfy { $0.code == .invalidExtends })
    }

    @Test func laterDocumentsOverrideEarlierOnes() throws {
        let web = try ComposeTest.config(
            "services:\n  web: {image: a, privileged: true}\n---\nservices:\n  web: {privileged: false}\n"
        )
        #expect(web.image == "a")
        #expect(web.hostConfig?.privileged == false)
    }
}
