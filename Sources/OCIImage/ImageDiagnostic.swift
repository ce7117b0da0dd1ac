/// Something odd but survivable met while reading an image: a path that climbs above the root, a
/// write through a symlink, a hard link to nothing, content that could not be kept. The image is
/// still read (as the runtime would unpack it); callers surface these to the user and image checks
/// may turn them into findings.
public struct ImageDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String {
            case unsafePath, writeThroughSymlink, symlinkOutsideRoot, hardLinkTargetMissing, contentNotRetained,
                unsupportedEntry, skippedEntry, dataAfterEndOfArchive, diagnosticsTruncated
        }
        private let kind: Kind
        /// A member path climbed above the root (`../x`) and was kept inside it.
        public static var unsafePath: Self { Self(kind: .unsafePath) }
        /// A member was written through a symlink in its parent path and landed elsewhere.
        public static var writeThroughSymlink: Self { Self(kind: .writeThroughSymlink) }
        /// A symlink's target climbs above the root (it resolves inside the root).
        public static var symlinkOutsideRoot: Self { Self(kind: .symlinkOutsideRoot) }
        /// A hard link names a file the image does not have.
        public static var hardLinkTargetMissing: Self { Self(kind: .hardLinkTargetMissing) }
        /// A required file's content could not be kept (too large, over budget, sparse, store error).
        public static var contentNotRetained: Self { Self(kind: .contentNotRetained) }
        /// A member type the reader does not unpack (volume label, multi-volume continuation…).
        public static var unsupportedEntry: Self { Self(kind: .unsupportedEntry) }
        /// A member that could not be placed (its parent is a file, or a symlink loop).
        public static var skippedEntry: Self { Self(kind: .skippedEntry) }
        /// Non-zero data follows the end-of-archive marker (a concatenated archive the runtime ignores).
        public static var dataAfterEndOfArchive: Self { Self(kind: .dataAfterEndOfArchive) }
        /// More diagnostics than the limit; the rest were counted only.
        public static var diagnosticsTruncated: Self { Self(kind: .diagnosticsTruncated) }
        /// The code's name.
        public var description: String { kind.rawValue }
    }

    /// What kind of problem.
    public var code: Code
    /// Index of the layer concerned (0 = bottom), when one is.
    public var layerIndex: Int?
    /// The layer or blob concerned, as in ``ImageError/subject`` (`layer 1 (sha256:…)`).
    public var subject: String
    /// The path inside the image concerned, when one is.
    public var path: String?
    /// What happened, for people.
    public var message: String

    /// A diagnostic from its parts.
    public init(code: Code, layerIndex: Int?, subject: String, path: String? = nil, message: String) {
        self.code = code
        self.layerIndex = layerIndex
        self.subject = subject
        self.path = path
        self.message = message
    }

    /// `subject: path: message`.
    public var description: String { "\(subject): \(path.map { "\($0): " } ?? "")\(message)" }
}
