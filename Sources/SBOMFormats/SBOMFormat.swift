/// The output formats of `bulkhead sbom --format`.
public enum SBOMFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// CycloneDX 1.6 JSON.
    case cycloneDXJSON = "cyclonedx-json"
    /// SPDX 2.3 JSON.
    case spdxJSON = "spdx-json"
    /// Bulkhead's own JSON.
    case json
    /// Aligned text table for people.
    case table

    /// The `--format` value.
    public var description: String { rawValue }

    /// Renders `inventory` in this format (JSON formats end with a newline).
    public func render(_ inventory: Inventory) -> String {
        switch self {
        case .cycloneDXJSON: return CycloneDXEncoder.encode(inventory)
        case .spdxJSON: return SPDXEncoder.encode(inventory)
        case .json: return NativeSBOMEncoder.encode(inventory)
        case .table: return SBOMTable.render(inventory)
        }
    }
}
