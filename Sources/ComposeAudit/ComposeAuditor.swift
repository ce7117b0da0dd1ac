public import ContainerAudit
import SecurityModel

/// `bulkhead audit compose FILE`, pure: the container checks of `bulkhead audit docker` (CIS Docker Benchmark
/// v1.6.0 section 5 and docker-bench's capability checks) applied statically to the services of a Compose file.
///
/// Each service is mapped to the container `docker compose up` would create (``ComposeServiceMapper``), the checks
/// run over it, and every finding is moved to the Compose file: `file` is the path, `range` the line of the
/// offending key (or of the service when a key is missing), `object` is `service/<name>`, `fieldPath` the Compose
/// key (`services.web.privileged`), `container` the service name, `image` its image (`build:<context>` when
/// built locally), and the remediation names the Compose key to change.
///
/// Checks the file cannot decide for a service are skipped and listed in
/// ``ComposeAuditResult/undecidedChecks``: today 5.27 (health) when the image's `HEALTHCHECK` applies.
public struct ComposeAuditor: Sendable {
    /// The checks to run, in order.
    public var checks: [any ContainerCheck]
    /// Loads the file (limits, YAML, interpolation, `extends`).
    public var loader: ComposeProjectLoader
    /// The engine's security features (`apparmor`, `selinux`, …) when the caller knows the host the file will
    /// run on; nil (the default) when unknown, and then the AppArmor and SELinux checks apply.
    public var hostSecurityFeatures: Set<String>?

    /// Inspect fields whose findings are about one item of a list, attributed by re-running the check on each
    /// item alone.
    static let itemFields: Set<String> = ["Mounts", "HostConfig.PortBindings", "HostConfig.Devices"]

    /// Creates an auditor running `checks`.
    public init(
        checks: [any ContainerCheck] = ContainerCheckCatalogue.all,
        loader: ComposeProjectLoader = .init(),
        hostSecurityFeatures: Set<String>? = nil
    ) {
        self.checks = checks
        self.loader = loader
        self.hostSecurityFeatures = hostSecurityFeatures
    }

    /// Audits the Compose file `text`; `path` names it in findings and errors; `environment` gives the variables
    /// for interpolation (the auditor reads no `.env` file and no process environment).
    public func audit(text: String, path: String, environment: [String: String] = [:]) -> ComposeAuditResult {
        let load = loader.load(text: text, path: path, environment: environment)
        guard let project = load.project else {
            return ComposeAuditResult(errors: load.errors, warnings: load.warnings)
        }
        var result = audit(project)
        result.errors = load.errors + result.errors
        result.warnings = load.warnings + result.warnings
        return result
    }

    /// Audits a loaded project.
    public func audit(_ project: ComposeProject) -> ComposeAuditResult {
        var result = ComposeAuditResult(project: project)
        let mapper = ComposeServiceMapper(project: project)
        for service in project.services {
            var mapping: ComposeServiceMapping
            do {
                mapping = try mapper.map(service)
                mapping.config.hostSecurityFeatures = hostSecurityFeatures
            } catch {
                result.errors.append(error)
                continue
            }
            result.auditedServices.append(service.name)
            if !mapping.undecidedChecks.isEmpty { result.undecidedChecks[service.name] = mapping.undecidedChecks }
            for check in checks where !mapping.undecidedChecks.contains(check.descriptor.id) {
                result.findings += findings(of: check, on: mapping, service: service, project: project)
            }
        }
        return result
    }

    /// The findings of `check` on one service, located in the Compose file.
    func findings(
        of check: any ContainerCheck,
        on mapping: ComposeServiceMapping,
        service: ComposeService,
        project: ComposeProject
    ) -> [Finding] {
        let raw = check.check(mapping.config)
        guard let field = raw.first?.location.fieldPath else {
            return raw.map { locate($0, key: service.keyPath, service: service, project: project) }
        }
        guard Self.itemFields.contains(field) else {
            let key = ComposeKeyLocator.keyPath(for: field, in: service)
            return raw.map { locate($0, key: key, service: service, project: project) }
        }
        var out: [Finding] = []
        for (config, key) in Self.singleItemConfigs(mapping, field: field) {
            out += check.check(config).map { locate($0, key: key, service: service, project: project) }
        }
        return out
    }

    /// Copies of the configuration holding one mount, port or device each, with that item's Compose key.
    static func singleItemConfigs(_ mapping: ComposeServiceMapping, field: String) -> [(ContainerConfig, String)] {
        let config = mapping.config
        switch field {
        case "Mounts":
            return zip(config.mounts ?? [], mapping.mountKeys).map { mount, key in
                var copy = config
                copy.mounts = [mount]
                return (copy, key)
            }
        case "HostConfig.PortBindings":
            return zip(config.hostConfig?.portBindings ?? [], mapping.portKeys).map { port, key in
                var copy = config
                copy.hostConfig?.portBindings = [port]
                return (copy, key)
            }
        default:
            return zip(config.hostConfig?.devices ?? [], mapping.deviceKeys).map { device, key in
                var copy = config
                copy.hostConfig?.devices = [device]
                return (copy, key)
            }
        }
    }

    /// `finding` moved to the Compose file at `key`.
    func locate(_ finding: Finding, key: String, service: ComposeService, project: ComposeProject) -> Finding {
        var located = finding
        let line = project.line(of: key, in: service)
        located.location = Location(
            file: project.file,
            range: line.map { SourceRange(lines: $0, $0) },
            image: service.imageName,
            container: service.name,
            object: "service/\(service.name)",
            fieldPath: key
        )
        if let text = ComposeRemediation.text(for: finding.ruleID, service: service.name) {
            located.remediation = text
        }
        return located
    }
}
