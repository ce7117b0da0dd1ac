public import SecurityModel

/// IMG2103: `curl` or `wget` in the image (busybox applets included): handy for an attacker to fetch a
/// second stage. Informational.
public struct DownloadToolPresent: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG2103",
        slug: "download-tool-present",
        title: "curl or wget in the image",
        severity: .info,
        remediation:
            "Remove download tools from the runtime image when the application does not need them (download in a "
            + "build stage); for health checks prefer a small built-in probe of the application.",
        tags: ["hardening"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        let tools = ToolInventory.find(in: input) { base in base == "curl" || base == "wget" ? String(base) : nil }
        guard let first = tools.first else { return [] }
        return [
            Finding(
                rule: descriptor,
                location: input.location(path: first.path, layerIndex: first.layerIndex),
                message: "Download tools present: \(ToolInventory.describe(tools))"
            )
        ]
    }
}
