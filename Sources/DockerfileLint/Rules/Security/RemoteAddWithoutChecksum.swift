import DockerfileSyntax
public import SecurityModel

/// DF5005: `ADD` of a remote URL (http, https, git) without `--checksum`, so whatever the server returns
/// at build time ends up in the image. Git sources pinned to a full commit hash (`#<40 hex>`) pass.
public struct RemoteAddWithoutChecksum: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5005",
        slug: "add-remote-without-checksum",
        title: "ADD of a remote URL without --checksum",
        severity: .medium,
        remediation:
            "Pin the download: `ADD --checksum=sha256:<digest> https://…/file /dst` (Dockerfile syntax 1.6+), or "
            + "for git sources a full commit (`ADD https://github.com/org/repo.git#<commit-sha> /src`). "
            + "Alternatively download with curl and verify with `sha256sum -c`.",
        references: ["https://docs.docker.com/reference/dockerfile/#add---checksum"],
        tags: ["security", "supply-chain"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        for instruction in context.instructions {
            let target = instruction.trigger ?? instruction
            guard target.kind == .add, !target.hasFlag("checksum"), let parts = target.copyParts else { continue }
            for source in parts.sources {
                guard let kind = Self.remoteKind(source) else { continue }
                if kind == "git", Self.isPinnedToCommit(source) { continue }
                let url = Self.withoutCredentials(source)
                let message = "ADD downloads \(url) (\(kind)) without --checksum; its content is not verified"
                result.append(Violation(instruction, message))
                break
            }
        }
        return result
    }

    /// `http`, `https` or `git` for a remote source, nil for a local path.
    static func remoteKind(_ source: String) -> String? {
        let lower = source.lowercased()
        if lower.hasPrefix("git@") || lower.hasPrefix("git://") || lower.hasPrefix("ssh://") { return "git" }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            let path = lower.split(separator: "#", maxSplits: 1).first.map(String.init) ?? lower
            return path.hasSuffix(".git") ? "git" : (lower.hasPrefix("https") ? "https" : "http")
        }
        return nil
    }

    /// `source` with any `user:password@` part replaced, so messages never show credentials.
    static func withoutCredentials(_ source: String) -> String {
        guard let scheme = source.firstRange(of: "://") else { return source }
        let rest = source[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return source }
        return String(source[..<scheme.upperBound]) + "***" + String(rest[at...])
    }

    /// True when the git fragment names a full commit hash.
    static func isPinnedToCommit(_ source: String) -> Bool {
        guard let hash = source.split(separator: "#", maxSplits: 1).dropFirst().first else { return false }
        let ref = hash.split(separator: ":").first.map(String.init) ?? String(hash)
        return ref.count == 40 && ref.allSatisfy(\.isHexDigit)
    }
}
