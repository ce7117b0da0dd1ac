public import SecurityModel

/// IMG2104: a shell in the image (`sh`, `bash`, `ash`, `dash`, `zsh` …, busybox included). Most images have
/// one; it is listed so that minimal and distroless images can assert they have none. Informational.
public struct ShellPresent: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG2104",
        slug: "shell-present",
        title: "Shell in the image",
        severity: .info,
        remediation:
            "For a hardened runtime image use a distroless or `scratch` base and exec-form `ENTRYPOINT`/`CMD`, so "
            + "that no shell is available to an attacker.",
        tags: ["hardening"]
    )

    static let names: Set<Substring> = ["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish"]

    public func check(_ input: ImageCheckInput) -> [Finding] {
        let tools = ToolInventory.find(in: input) { base in Self.names.contains(base) ? String(base) : nil }
        guard let first = tools.first else { return [] }
        return [
            Finding(
                rule: descriptor,
                location: input.location(path: first.path, layerIndex: first.layerIndex),
                message: "Shells present: \(ToolInventory.describe(tools))"
            )
        ]
    }
}
