public import SecurityModel

/// Everything an SBOM says about one scanned subject: what was scanned, its operating system, the
/// packages found in it and the problems the catalogers met.
///
/// It is the single input of every SBOM encoder. Encoders are pure functions of it: equal inventories
/// give byte-identical documents, because the creation time is a field set by the caller (no clock is
/// read) and serial numbers and namespaces are derived from ``contentDigest``.
public struct Inventory: Sendable, Hashable {
    /// What was scanned.
    public enum Subject: Sendable, Hashable {
        /// A container image, with what its configuration says about it.
        case image(ImageMetadata)
        /// A root file system or project directory.
        case directory(path: String)
    }

    /// The program that wrote the document.
    public struct Tool: Sendable, Hashable {
        /// Tool name (`bulkhead`).
        public var name: String
        /// Tool version (`0.4.0`).
        public var version: String

        /// A tool description.
        public init(name: String = "bulkhead", version: String) {
            self.name = name
            self.version = version
        }
    }

    /// What was scanned.
    public var subject: Subject
    /// The detected operating system, nil when unknown.
    public var operatingSystem: OperatingSystem?
    /// The packages found, in any order (encoders sort them).
    public var packages: [Package]
    /// Problems met while cataloguing (unreadable databases, malformed manifests).
    public var diagnostics: [InventoryDiagnostic]
    /// The program that wrote the document.
    public var tool: Tool
    /// Creation time as RFC 3339 UTC text (`2024-05-01T12:00:00Z`), chosen by the caller; see ``SBOMTimestamp``.
    public var created: String

    /// An inventory.
    public init(
        subject: Subject,
        operatingSystem: OperatingSystem? = nil,
        packages: [Package] = [],
        diagnostics: [InventoryDiagnostic] = [],
        tool: Tool,
        created: String
    ) {
        self.subject = subject
        self.operatingSystem = operatingSystem
        self.packages = packages
        self.diagnostics = diagnostics
        self.tool = tool
        self.created = created
    }
}

extension Inventory {
    /// SHA-256 (hex) of the inventory's content without its creation time: tool, subject, operating system,
    /// packages in output order (every field, files included) and diagnostics, each value length-prefixed.
    /// Equal content gives an equal digest; the order of ``packages`` does not matter.
    public var contentDigest: String { ContentDigest.of(self) }

    /// A UUID (version 5 layout, lowercase) derived from ``contentDigest``.
    public var documentUUID: String { DeterministicUUID.make("bulkhead-sbom:" + contentDigest) }

    /// A name for the subject: the image reference (or its first tag), or the directory path.
    public var subjectName: String {
        switch subject {
        case .image(let image): return ImageName(image).displayName
        case .directory(let path): return path
        }
    }

    /// The packages in output order, exact duplicates removed: by type, name, version, purl, then the
    /// rest of their identity (see ``PackageIdentity``).
    public var orderedPackages: [Package] { PackageIdentity.ordered(packages) }
}
