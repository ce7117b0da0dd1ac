public import ArgumentParser
import ContainerAudit
import Foundation
import ImageSources
import OCIImage
import SecurityModel

/// `bulkhead audit docker`: the local Docker Engine's containers (CIS Docker Benchmark v1.6.0 section 5 and
/// the community capability checks), the daemon's configuration (section 2) and the host files of section 3.
public struct AuditDockerCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "docker",
        abstract: "Audit the Docker host, the daemon's configuration and every running container (CIS Docker v1.6.0).",
        discussion: """
            The engine is reached through DOCKER_HOST, else /var/run/docker.sock. Nothing is executed inside \
            containers and nothing is changed: the audit only reads the Engine API, /etc/docker/daemon.json, \
            dockerd's command line in /proc and the ownership and modes of the section 3 files.
            """
    )

    @Flag(name: .long, help: "Also audit created and stopped containers (default: running ones only).")
    var all = false

    @Option(name: .long, help: "Audit only this container (name or id). Repeatable.")
    var container: [String] = []

    @Flag(name: .long, help: "Audit containers only: skip the daemon configuration and host files.")
    var containersOnly = false

    @Flag(name: .long, help: "Skip the containers: audit the daemon configuration and host files only.")
    var noContainers = false

    @Option(
        name: .long,
        help: "The daemon configuration file (default: dockerd's --config-file, else /etc/docker/daemon.json)."
    )
    var daemonConfig: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Look up host files under this directory instead of / (for audits of a mounted host root).")
    )
    var hostRoot: String = "/"

    @Option(name: .long, help: "Seconds to wait for the Docker Engine to connect or answer (default 30).")
    var timeout: Int = 30

    @OptionGroup var common: AuditCommonOptions

    @OptionGroup var report: ReportOptions

    public init() {}

    public func validate() throws {
        if containersOnly && noContainers {
            throw ValidationError("--containers-only and --no-containers exclude each other")
        }
        if !(1...3600).contains(timeout) { throw ValidationError("--timeout must be between 1 and 3600 seconds") }
    }

    public func run() throws {
        let status = execute(io: .process)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command against `io`; returns the exit code.
    public func execute(io: CommandIO) -> Int32 {
        do {
            let session = try AuditSession(name: "audit docker", io: io, report: report, common: common)
            let rules = ContainerCheckCatalogue.descriptors + DockerHostAuditing.descriptors
            if common.listChecks {
                return session.listChecks(
                    rules,
                    notAutomated: ContainerCheckCatalogue.notAutomated + DockerHostAuditing.notAutomated
                )
            }
            return run(session: session, rules: rules)
        } catch let error as ValidationError {
            io.writeErr("bulkhead audit docker: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch {
            io.writeErr("bulkhead audit docker: \(error)\n")
            return ExitStatus.usageOrInput.rawValue
        }
    }

    private func run(session: AuditSession, rules: [RuleDescriptor]) -> Int32 {
        let io = session.io
        var findings: [Finding] = []
        var errors: [TargetError] = []
        var targets: [String] = []
        let client: DockerEngineClient
        do {
            client = try DockerEngineClient(
                environment: io.environment,
                timeouts: HTTPTimeouts(connect: .seconds(timeout), read: .seconds(timeout))
            )
        } catch {
            io.writeErr("bulkhead audit docker: \(error)\n")
            return ExitStatus.usageOrInput.rawValue
        }
        let engine = "Docker Engine at \(client.endpoint)"
        var engineReachable = true
        do {
            try client.ping()
        } catch {
            engineReachable = false
            errors.append(
                TargetError(
                    code: "engine-unreachable",
                    target: engine,
                    message:
                        "cannot reach the \(engine): \(error.message); is dockerd running, and is DOCKER_HOST right?"
                )
            )
        }
        // /info once, for the daemon checks and for which confinement the host offers its containers.
        let info = engineReachable ? DockerHostAuditing.readInfo(client) : nil
        if engineReachable && !noContainers {
            let audited = auditContainers(client: client, info: info, io: io, session: session)
            findings += audited.findings
            errors += audited.errors
            targets += audited.targets
        }
        if !containersOnly {
            let host = DockerHostAuditing(
                client: engineReachable ? client : nil,
                info: info,
                daemonConfigPath: daemonConfig,
                hostRoot: hostRoot
            )
            let result = host.audit()
            findings += result.findings
            errors += result.errors
            targets += result.targets
        }
        return session.finish(targets: targets, findings: findings, errors: errors, rules: rules)
    }

    private func auditContainers(
        client: DockerEngineClient,
        info: Result<JSONValue, TargetError>?,
        io: CommandIO,
        session: AuditSession
    ) -> (findings: [Finding], errors: [TargetError], targets: [String]) {
        let engine = "Docker Engine at \(client.endpoint)"
        let ids: [String]
        do {
            ids = container.isEmpty ? try client.listContainers(all: all) : container
        } catch {
            return ([], [TargetError(code: "engine-error", target: engine, message: "\(engine): \(error.message)")], [])
        }
        let checks = ContainerCheckCatalogue.all.filter { session.isActive($0.descriptor) }
        let features = (try? info?.get()).flatMap(DockerHostAuditing.securityFeatures)
        let progress = ProgressLine(io: io, total: ids.count, label: "Inspecting containers")
        defer { progress.finish() }
        var findings: [Finding] = []
        var errors: [TargetError] = []
        var targets: [String] = []
        // Each container costs two engine round trips (inspect, top): ask for several at once.
        let audited = ParallelMap.map(ids) { index, id -> ContainerAuditOutcome in
            progress.update(index)
            var outcome = ContainerAuditOutcome()
            do {
                let body = try client.inspectContainer(id)
                let text = String(decoding: body, as: UTF8.self)
                for var config in try ContainerConfig.decode(text, source: "container \(id)") {
                    config.hostSecurityFeatures = features
                    if config.status == "running", let top = try? client.top(config.id ?? id),
                        let list = try? JSONParser.parse(bytes: top)
                    {
                        config.processNames = ContainerProcessList.names(top: list)
                    }
                    outcome.targets.append("container:\(config.displayName)")
                    outcome.findings += ContainerCheckCatalogue.run(config, checks: checks)
                }
            } catch let error as ImageError {
                let code = error.code == .notFound ? "no-such-container" : "engine-error"
                outcome.errors.append(
                    TargetError(code: code, target: "container:\(id)", message: "container \(id): \(error.message)")
                )
            } catch {
                outcome.errors.append(
                    TargetError(code: "invalid-inspect", target: "container:\(id)", message: "\(error)")
                )
            }
            return outcome
        }
        for outcome in audited {
            findings += outcome.findings
            errors += outcome.errors
            targets += outcome.targets
        }
        return (findings, errors, targets)
    }
}

/// What auditing one container gave.
private struct ContainerAuditOutcome: Sendable {
    var findings: [Finding] = []
    var errors: [TargetError] = []
    var targets: [String] = []
}
