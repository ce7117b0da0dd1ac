public import SecurityModel

/// IMG3001: space wasted by files that a later layer overwrites or deletes: the bytes stay in the image
/// although no container can see them. Reported (informational) when the efficiency score is below
/// ``WastedSpace/minimumEfficiency`` or more than ``WastedSpace/maximumWastedBytes`` are wasted, with the
/// largest wasted files and the size of each layer.
public struct WastedSpace: ImageCheck {
    public init() {}

    /// Efficiency below this is reported (dive's default CI threshold).
    public static let minimumEfficiency = 0.9
    /// More wasted bytes than this are reported (10 MB).
    public static let maximumWastedBytes = 10_000_000

    public let descriptor = RuleDescriptor.image(
        id: "IMG3001",
        slug: "wasted-space",
        title: "Space wasted by overwritten or deleted files",
        severity: .info,
        remediation:
            "Delete temporary files in the same RUN step that creates them, avoid changing ownership or mode of "
            + "files in a later layer (`COPY --chown`/`--chmod` instead of `RUN chown`), and use multi-stage builds.",
        tags: ["size", "best-practice"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        let summary = ImageEfficiency(input.statistics, top: 10)
        guard summary.totalBytes > 0, summary.wastedBytes > 0 else { return [] }
        guard summary.efficiency < Self.minimumEfficiency || summary.wastedBytes > Self.maximumWastedBytes else {
            return []
        }
        let files = summary.topWastedFiles.map { file in
            "\(file.path) \(ByteCount.format(file.wastedBytes))" + (file.deleted ? " deleted" : " overwritten")
        }
        let layers = summary.layers.map { "#\($0.index) \(ByteCount.format($0.addedBytes))" }
        var message =
            "Efficiency \(ByteCount.percent(summary.efficiency)): \(ByteCount.format(summary.wastedBytes)) of "
            + "\(ByteCount.format(summary.totalBytes)) are wasted"
        if !files.isEmpty { message += "; largest: " + files.joined(separator: ", ") }
        if !layers.isEmpty { message += "; layer sizes: " + layers.joined(separator: ", ") }
        let layer = summary.topWastedFiles.first?.layerIndices.first
        return [
            Finding(
                rule: descriptor,
                location: input.location(path: summary.topWastedFiles.first?.path, layerIndex: layer),
                message: message
            )
        ]
    }
}
