import ComposeAudit
import ContainerAudit
import SecurityModel
import Testing

@Suite struct ComposeAuditorTests {
    @Test func findingsPointAtTheComposeKey() throws {
        let result = ComposeTest.audit(
            """
            services:
              web:
                image: nginx:1.25
                privileged: true
                ports:
                  - "8080:8080"
                  - "80:80"
            """
        )
        #expect(result.errors.isEmpty)
        let privileged = try #require(result.findings.first { $0.ruleID == "CIS-DOCKER-5.5" })
        #expect(privileged.location.file == "compose.yaml")
        #expect(privileged.location.range?.start.line == 4)
        #expect(privileged.location.object == "service/web")
        #expect(privileged.location.fieldPath == "services.web.privileged")
        #expect(privileged.location.container == "web")
        #expect(privileged.location.image == "nginx:1.25")
        #expect(privileged.remediation?.contains("privileged: true") == true)
        let port = try #require(result.findings.first { $0.ruleID == "CIS-DOCKER-5.8" })
        #expect(port.location.fieldPath == "services.web.ports[1]")
        #expect(port.location.range?.start.line == 7)
        let memory = try #require(result.findings.first { $0.ruleID == "CIS-DOCKER-5.11" })
        #expect(memory.location.fieldPath == "services.web.mem_limit")
        #expect(memory.location.range?.start.line == 2)
    }
}

@Suite struct ComposeHostFeatureTests {
    @Test func selinuxCheckFollowsTheKnownHost() {
        let text = "services:\n  web:\n    image: a\n"
        let unknown = ComposeAuditor().audit(text: text, path: "c.yaml")
        #expect(unknown.findings.contains { $0.ruleID == "CIS-DOCKER-5.3" })
        let noSELinux = ComposeAuditor(hostSecurityFeatures: ["apparmor", "seccomp"]).audit(text: text, path: "c.yaml")
        #expect(!noSELinux.findings.contains { $0.ruleID == "CIS-DOCKER-5.3" })
        #expect(noSELinux.undecidedChecks["web"] == ["CIS-DOCKER-4.1", "CIS-DOCKER-5.27"])
    }
}
