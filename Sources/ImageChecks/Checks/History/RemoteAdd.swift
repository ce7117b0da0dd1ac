public import SecurityModel

/// IMG1107: ADD fetched a remote URL (`ADD https://…`, `ADD http://…`, a git URL) without `--checksum`.
/// Only BuildKit records the URL in the history; the classic builder writes `ADD file:<hash>`, which is
/// local content and not reported. Plain `http://` is rated high: nothing protects it in transit.
public struct RemoteAdd: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1107",
        slug: "remote-add",
        title: "ADD of a remote URL",
        severity: .medium,
        cis: "4.9",
        remediation:
            "Download in a RUN step that checks a pinned checksum (`curl -fsSLo f https://… && echo \"<sha256>  f\" "
            + "| sha256sum -c -`), or use `ADD --checksum=sha256:<digest> https://…`; never fetch over plain HTTP.",
        tags: ["security", "supply-chain"]
    )

    /// True for `http(s)://…`, `git@host:…` and other URL sources.
    static func isRemote(_ source: String) -> Bool {
        let lower = source.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("git@")
            || lower.hasPrefix("git://") || lower.hasPrefix("ssh://") || lower.hasPrefix("ftp://")
    }

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        for step in input.history where step.instruction == "ADD" {
            if step.arguments.contains("--checksum=") { continue }
            let (sources, _) = AddInsteadOfCopy.operands(of: step)
            let remote = sources.filter(Self.isRemote)
            guard !remote.isEmpty else { continue }
            let plain = remote.contains { $0.lowercased().hasPrefix("http://") || $0.lowercased().hasPrefix("ftp://") }
            let shown = remote.map { SecretText.redact(Self.withoutUserInfo($0)) }.joined(separator: ", ")
            findings.append(
                Finding(
                    rule: descriptor,
                    severity: plain ? .high : nil,
                    location: input.location(of: step),
                    message: "History step \(step.index) ADDs \(shown) without a checksum"
                        + (plain ? " over unencrypted transport" : "")
                )
            )
        }
        return findings
    }

    /// `https://user:pw@host/x` → `https://host/x`.
    static func withoutUserInfo(_ url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + String(rest[rest.index(after: at)...])
    }
}
