/// What `stat(2)` (following symbolic links) says about one host path.
public struct HostFileFacts: Sendable, Hashable {
    /// The file type.
    public enum Kind: String, Sendable, Hashable {
        case file, directory, socket
        /// Only when the adapter used `lstat` on purpose; checks treat it as "not the expected kind".
        case symlink
        case other
    }

    /// The path as planned.
    public var path: String
    /// False when the path does not exist (`ENOENT`/`ENOTDIR`); the other fields are then zero.
    public var exists: Bool
    public var kind: Kind
    public var uid: UInt32
    public var gid: UInt32
    /// Permission bits including set-user-ID, set-group-ID and sticky (`st_mode & 0o7777`).
    public var mode: UInt32

    /// An existing path.
    public init(path: String, kind: Kind, uid: UInt32, gid: UInt32, mode: UInt32) {
        self.path = path
        self.exists = true
        self.kind = kind
        self.uid = uid
        self.gid = gid
        self.mode = mode & 0o7777
    }

    /// A path that does not exist.
    public static func missing(_ path: String) -> HostFileFacts {
        var facts = HostFileFacts(path: path, kind: .other, uid: 0, gid: 0, mode: 0)
        facts.exists = false
        return facts
    }

    /// The mode as `chmod` writes it (`644`, `4755`).
    public var octalMode: String { String(mode, radix: 8) }
}
