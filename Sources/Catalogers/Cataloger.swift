public import SecurityModel

/// Finds packages of one kind in a file tree (an image's squashed root file system or a directory).
///
/// Catalogers are pure: they read only through the ``FileTree``. ``isRequired(_:)`` tells the image
/// reader which files' bytes must be kept while layers stream by (osv-scalibr's `FileRequired`), so
/// nothing else is buffered.
public protocol Cataloger: Sendable {
    /// Path-like id (`os/apk`, `os/dpkg`, `lang/python-dist-info`).
    var id: String { get }
    /// Bumped whenever output for the same input changes (part of cache keys).
    var version: Int { get }
    /// True when the content of the file at `path` (absolute in the tree) is needed by ``catalog(_:context:)``.
    func isRequired(_ path: String) -> Bool
    /// The packages found, plus problems (unreadable databases, unsupported formats) as diagnostics.
    func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult
}

/// Facts shared by all catalogers of one run.
public struct CatalogContext: Sendable {
    /// The detected operating system (for purl `distro` qualifiers), if any.
    public var operatingSystem: OperatingSystem?

    public init(operatingSystem: OperatingSystem? = nil) { self.operatingSystem = operatingSystem }
}

/// What a cataloger found.
public struct CatalogerResult: Sendable {
    public var packages: [Package]
    /// Problems that mean the package list may be incomplete ("rpm database format not supported",
    /// "corrupt status file at line 120"). Never silently zero packages.
    public var diagnostics: [CatalogDiagnostic]

    public init(packages: [Package] = [], diagnostics: [CatalogDiagnostic] = []) {
        self.packages = packages
        self.diagnostics = diagnostics
    }
}

/// A problem a cataloger met, with the file concerned.
public struct CatalogDiagnostic: Sendable, Hashable {
    public var catalogerID: String
    public var path: String
    public var message: String

    public init(catalogerID: String, path: String, message: String) {
        self.catalogerID = catalogerID
        self.path = path
        self.message = message
    }
}
