/// Why a manifest file, or one document in it, could not be loaded.
public struct ManifestLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case tooLarge, invalidYAML, tooManyNodes, notAnObject }
        private let kind: Kind
        /// The input is larger than the loader's size limit.
        public static var tooLarge: Self { Self(kind: .tooLarge) }
        /// The document is not valid YAML/JSON (includes nesting deeper than the parser allows).
        public static var invalidYAML: Self { Self(kind: .invalidYAML) }
        /// The document expands to more nodes than allowed (alias bombs such as "billion laughs").
        public static var tooManyNodes: Self { Self(kind: .tooManyNodes) }
        /// The document is valid YAML but not a mapping (a Kubernetes object).
        public static var notAnObject: Self { Self(kind: .notAnObject) }
        /// The code's name.
        public var description: String { kind.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The file as given (`-` for standard input).
    public var file: String
    /// 0-based index of the document in the file; nil when the whole file was rejected.
    public var documentIndex: Int?
    /// 1-based line in the file where the problem is, when known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(code: Code, file: String, documentIndex: Int? = nil, line: Int? = nil, message: String) {
        self.code = code
        self.file = file
        self.documentIndex = documentIndex
        self.line = line
        self.message = message
    }

    /// `file:line: document N: message`.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let documentIndex { place += ": document \(documentIndex)" }
        return "\(place): \(message)"
    }
}
