public import ArgumentParser

/// `bulkhead audit`: are containers run safely? The Docker host and its containers, Compose files and
/// Kubernetes manifests against CIS Docker Benchmark v1.6.0 and the Pod Security Standards.
public struct AuditCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit how containers run: the Docker host and containers, Compose files, Kubernetes manifests.",
        discussion: """
            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad usage, bad \
            configuration, an unreadable input or an unreachable Docker Engine; 3 internal error.
            """,
        subcommands: [AuditDockerCommand.self, AuditComposeCommand.self, AuditKubernetesCommand.self]
    )

    public init() {}
}

/// Options every `bulkhead audit` subcommand shares.
struct AuditCommonOptions: ParsableArguments {
    @Option(name: .long, help: "Disable a check (id such as CIS-DOCKER-5.5, or an alias such as 5_5). Repeatable.")
    var ignore: [String] = []

    @Flag(name: .long, help: "List the checks of this subcommand and exit.")
    var listChecks = false
}
