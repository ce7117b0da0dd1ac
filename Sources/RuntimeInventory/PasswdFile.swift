/// The id → name table of an `/etc/passwd` or `/etc/group` file.
///
/// Parsing is total: a line that is not a valid entry (too few fields, an empty or unprintable name, an id
/// that is not a decimal number below 2^32, a NIS `+`/`-` line, a comment) is skipped and counted, never an
/// error. Only the first ``maximumBytes`` bytes are read, and a truncated last line is ignored. When an id
/// appears twice the first entry wins, as `getpwuid(3)` does.
public struct PasswdFile: Sendable, Hashable {
    /// Which file the bytes come from.
    public enum Kind: Sendable, Hashable {
        /// `/etc/passwd`: `name:password:uid:gid:gecos:home:shell`.
        case passwd
        /// `/etc/group`: `name:password:gid:members`.
        case group
    }

    /// Largest number of bytes parsed (1 MiB); the rest is ignored.
    public static let maximumBytes = 1_048_576
    /// Longest name accepted, in bytes.
    public static let maximumNameLength = 256

    /// The names by user or group id.
    public let namesByID: [Int64: String]
    /// The non-empty lines that were not entries (malformed, comments, NIS lines, duplicates).
    public let skippedLines: Int
    /// True when the input was longer than ``maximumBytes``.
    public let truncated: Bool

    /// An empty table.
    public init() {
        namesByID = [:]
        skippedLines = 0
        truncated = false
    }

    /// Parses the contents of a passwd or group file.
    public init(_ bytes: some Collection<UInt8>, kind: Kind) {
        var names: [Int64: String] = [:]
        var skipped = 0
        let limited = Array(bytes.prefix(Self.maximumBytes + 1))
        truncated = limited.count > Self.maximumBytes
        var text = limited.prefix(Self.maximumBytes)
        if truncated, let lastNewline = text.lastIndex(of: 0x0A) {
            text = text[..<lastNewline]
        } else if truncated {
            text = text[text.startIndex..<text.startIndex]
        }
        for line in text.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let (id, name) = Self.entry(line, kind: kind), names[id] == nil else {
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { skipped += 1 }
                continue
            }
            names[id] = name
        }
        namesByID = names
        skippedLines = skipped
    }

    /// The name of user or group `id`, or nil.
    public func name(of id: Int64) -> String? { namesByID[id] }

    /// The id and name of one line, or nil when it is not an entry.
    static func entry(_ line: ArraySlice<UInt8>, kind: Kind) -> (Int64, String)? {
        var content = line
        if content.last == 0x0D { content = content.dropLast() }
        let fields = content.split(separator: 0x3A, maxSplits: 3, omittingEmptySubsequences: false)
        let required = kind == .passwd ? 4 : 3
        guard fields.count >= required else { return nil }
        let rawName = fields[0]
        guard let first = rawName.first, first != 0x2B, first != 0x2D, first != 0x23 else { return nil }
        guard rawName.count <= maximumNameLength, rawName.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { return nil }
        guard let name = String(validating: rawName, as: UTF8.self) else { return nil }
        guard let id = decimalID(fields[2]) else { return nil }
        return (id, name)
    }

    /// A decimal id below 2^32 (no sign, no blanks, at most 10 digits), or nil.
    static func decimalID(_ field: ArraySlice<UInt8>) -> Int64? {
        guard !field.isEmpty, field.count <= 10 else { return nil }
        var value: Int64 = 0
        for byte in field {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value <= 4_294_967_295 ? value : nil
    }
}
