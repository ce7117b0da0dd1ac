public import SecurityModel

/// What an SBOM file read back gives: its format, subject, operating system and packages.
public struct DecodedSBOM: Sendable, Hashable {
    /// The format a file was recognised as.
    public enum Format: Sendable, Hashable, CustomStringConvertible {
        /// CycloneDX JSON with its `specVersion` (`1.4`…`1.7`).
        case cycloneDX(specVersion: String)
        /// SPDX JSON with its version (`SPDX-2.2`, `SPDX-2.3`).
        case spdx(version: String)
        /// Bulkhead's own JSON with its `schemaVersion`.
        case bulkhead(schemaVersion: Int)
        /// syft's JSON with its `schema.version`.
        case syft(schemaVersion: String)

        /// `CycloneDX 1.6`, `SPDX-2.3`, `Bulkhead JSON 1`.
        public var description: String {
            switch self {
            case .cycloneDX(let v): return "CycloneDX \(v)"
            case .spdx(let v): return v
            case .bulkhead(let v): return "Bulkhead JSON \(v)"
            case .syft(let v): return "syft JSON \(v)"
            }
        }
    }

    /// The format.
    public var format: Format
    /// The described subject (image or directory name), when the document names one.
    public var subjectName: String?
    /// The operating system component/package, when the document has one.
    public var operatingSystem: OperatingSystem?
    /// The packages, in document order.
    public var packages: [Package]
    /// Diagnostics the document carried (Bulkhead documents) and entries that could not be read.
    public var diagnostics: [InventoryDiagnostic]

    /// A decoded document.
    public init(
        format: Format,
        subjectName: String? = nil,
        operatingSystem: OperatingSystem? = nil,
        packages: [Package] = [],
        diagnostics: [InventoryDiagnostic] = []
    ) {
        self.format = format
        self.subjectName = subjectName
        self.operatingSystem = operatingSystem
        self.packages = packages
        self.diagnostics = diagnostics
    }
}
