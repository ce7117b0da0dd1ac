import DockerfileSyntax
public import SecurityModel

/// DF3026 (hadolint DL3026): images must come from an allowed registry.
///
/// Reads `settings.trustedRegistries` (hadolint's `trustedRegistries`) and stays silent when the
/// list is empty. Patterns may start or end with `*` (`*.example.com`, `registry.example.*`), and
/// `*` alone allows everything. Images without a registry come from Docker Hub, so they pass when
/// `docker.io` or `hub.docker.com` is allowed. `scratch` and names of earlier stages are exempt.
/// Like hadolint, `FROM`, `COPY --from=<image>` and `RUN --mount=…,from=<image>` are checked.
public struct AllowedRegistry: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3026",
        slug: "untrusted-registry",
        aliases: ["DL3026"],
        title: "Image from a registry that is not allowed",
        severity: .high,
        remediation: "Pull the image from one of the configured trusted registries, or add the registry to the list.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3026"],
        tags: ["security", "supply-chain"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        let allowed = context.settings.trustedRegistries
        guard !allowed.isEmpty else { return [] }
        var aliases: Set<String> = []
        var result: [Violation] = []
        func isAllowed(registry: String?, name: String) -> Bool {
            if aliases.contains(name) { return true }
            if let registry { return allowed.contains { Self.matches($0, registry) } }
            return name == "scratch"
                || allowed.contains { Self.matches($0, "docker.io") || Self.matches($0, "hub.docker.com") }
        }
        for ins in context.instructions {
            switch ins.kind {
            case .from:
                guard let image = HadolintArguments.baseImage(ins) else { continue }
                if !isAllowed(registry: image.registry, name: image.name) {
                    let registry = image.registry ?? "docker.io"
                    result.append(
                        Violation(
                            ins,
                            "Image '\(image.name)' comes from '\(registry)', which is not an allowed registry"
                        )
                    )
                }
                if let alias = image.alias { aliases.insert(alias) }
            case .copy:
                guard HadolintArguments.fileList(ins) != nil, let from = ins.flag("from") else { continue }
                let (registry, name) = Self.split(from)
                if !isAllowed(registry: registry, name: name) {
                    result.append(
                        Violation(ins, "COPY --from=\(from) uses an image from a registry that is not allowed")
                    )
                }
            case .run:
                let sources = ins.flags.filter { $0.name == "mount" }.compactMap { Self.mountSource($0.value ?? "") }
                let disallowed = sources.contains { source in
                    let (registry, name) = Self.split(source)
                    return !isAllowed(registry: registry, name: name)
                }
                if disallowed {
                    result.append(Violation(ins, "RUN --mount uses an image from a registry that is not allowed"))
                }
            default:
                continue
            }
        }
        return result
    }

    /// hadolint's pattern match: `*`, `*suffix`, `prefix*` or an exact name.
    static func matches(_ pattern: String, _ registry: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasPrefix("*") { return registry.hasSuffix(pattern.dropFirst()) }
        if pattern.hasSuffix("*") { return registry.hasPrefix(pattern.dropLast()) }
        return registry == pattern
    }

    /// Registry (a first path component with a dot) and the rest of an image reference.
    static func split(_ reference: String) -> (registry: String?, name: String) {
        guard reference.contains("/") else { return (nil, reference) }
        var parts = reference.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        guard let head = parts.first, head.contains(".") else { return (nil, reference) }
        return (head, parts.dropFirst().joined(separator: "/"))
    }

    /// The image a cache or bind mount reads from (`scratch` when none is named).
    static func mountSource(_ spec: String) -> String? {
        var type = "bind"
        var from: String? = nil
        for field in spec.split(separator: ",") {
            let kv = field.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0].lowercased() {
            case "type": type = kv[1].lowercased()
            case "from": from = kv[1]
            default: continue
            }
        }
        guard type == "cache" || type == "bind" else { return nil }
        return from ?? "scratch"
    }
}
