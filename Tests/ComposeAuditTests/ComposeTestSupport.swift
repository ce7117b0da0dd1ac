import ComposeAudit
import ContainerAudit
import SecurityModel

/// Helpers shared by the Compose audit tests.
enum ComposeTest {
    /// Loads `text` and maps the service `name`.
    static func config(_ text: String, service name: String = "web", environment: [String: String] = [:]) throws
        -> ContainerConfig
    {
        let load = ComposeProjectLoader().load(text: text, path: "compose.yaml", environment: environment)
        guard let project = load.project, let service = project.service(named: name) else {
            throw ComposeTestFailure(message: "service \(name) did not load: \(load.errors)")
        }
        return try ComposeServiceMapper(project: project).config(for: service)
    }

    /// Audits `text` as `compose.yaml`.
    static func audit(_ text: String, environment: [String: String] = [:]) -> ComposeAuditResult {
        ComposeAuditor().audit(text: text, path: "compose.yaml", environment: environment)
    }

    /// Rule ids of the findings on service `name`.
    static func ruleIDs(_ result: ComposeAuditResult, service name: String = "web") -> Set<String> {
        Set(result.findings.filter { $0.location.container == name }.map(\.ruleID))
    }
}

struct ComposeTestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
