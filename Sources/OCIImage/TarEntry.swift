/// One member of a tar archive, after GNU long-name/long-link and PAX overrides were applied.
public struct TarEntry: Sendable, Hashable {
    /// The member type.
    public enum Kind: Sendable, Hashable {
        case regular, hardlink, symlink, characterDevice, blockDevice, directory, fifo
        /// A type flag this reader does not interpret (`V` volume label, `M` multi-volume, …); its
        /// content is skipped.
        case other(UInt8)
    }

    /// The member name as stored (not normalised; may be absolute or contain `..`). Invalid UTF-8
    /// is repaired with U+FFFD.
    public var name: String
    /// Target of a symlink or hard link, as stored.
    public var linkName: String
    /// The member type.
    public var kind: Kind
    /// Bytes of content stored in the archive for this member.
    public var size: Int
    /// The file's logical size: `size`, or the expanded size of a sparse file.
    public var realSize: Int
    /// True for GNU sparse members (old `S` type or PAX `GNU.sparse.*`); their stored content is a
    /// sparse map plus data, not the file's bytes.
    public var isSparse: Bool
    /// Permission bits (including setuid/setgid/sticky).
    public var mode: UInt32
    /// Owner user id.
    public var uid: Int
    /// Owner group id.
    public var gid: Int
    /// Offset of the member's content from the start of the stream.
    public var contentOffset: Int

    /// An entry from its parts (`realSize` defaults to `size`).
    public init(
        name: String,
        linkName: String = "",
        kind: Kind,
        size: Int = 0,
        realSize: Int? = nil,
        isSparse: Bool = false,
        mode: UInt32 = 0o644,
        uid: Int = 0,
        gid: Int = 0,
        contentOffset: Int = 0
    ) {
        self.name = name
        self.linkName = linkName
        self.kind = kind
        self.size = size
        self.realSize = realSize ?? size
        self.isSparse = isSparse
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.contentOffset = contentOffset
    }
}
