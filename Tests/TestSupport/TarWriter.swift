/// Builds tar archives in memory for tests: ustar members, GNU or PAX long names, links, devices,
/// whiteouts, and deliberately broken headers (hostile-image tests).
public struct TarWriter {
    /// How names longer than 100 bytes are written.
    public enum LongNames: Sendable {
        /// `././@LongLink` members of type `L` / `K`.
        case gnu
        /// PAX `x` headers with `path` / `linkpath`.
        case pax
    }

    /// The archive so far (without the end-of-archive marker until ``finish()``).
    public private(set) var bytes: [UInt8] = []
    public var longNames: LongNames

    public init(longNames: LongNames = .pax) { self.longNames = longNames }

    /// A regular file.
    public mutating func file(_ name: String, _ content: [UInt8], mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0) {
        entry(name, type: UInt8(ascii: "0"), content: content, mode: mode, uid: uid, gid: gid)
    }

    /// A regular file with UTF-8 text.
    public mutating func file(_ name: String, _ text: String, mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0) {
        file(name, Array(text.utf8), mode: mode, uid: uid, gid: gid)
    }

    public mutating func directory(_ name: String, mode: UInt32 = 0o755, uid: Int = 0, gid: Int = 0) {
        entry(name.hasSuffix("/") ? name : name + "/", type: UInt8(ascii: "5"), mode: mode, uid: uid, gid: gid)
    }

    public mutating func symlink(_ name: String, to target: String) {
        entry(name, type: UInt8(ascii: "2"), linkName: target, mode: 0o777)
    }

    public mutating func hardlink(_ name: String, to target: String, mode: UInt32 = 0o644) {
        entry(name, type: UInt8(ascii: "1"), linkName: target, mode: mode)
    }

    public mutating func characterDevice(_ name: String) {
        entry(name, type: UInt8(ascii: "3"), mode: 0o666)
    }

    public mutating func fifo(_ name: String) {
        entry(name, type: UInt8(ascii: "6"), mode: 0o644)
    }

    /// `.wh.<base>` next to `path`: deletes `path` from lower layers.
    public mutating func whiteout(_ path: String) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) + "/" } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        entry(dir + ".wh." + base, type: UInt8(ascii: "0"), mode: 0)
    }

    /// `.wh..wh..opq` in `directory`: hides everything lower layers put there.
    public mutating func opaque(_ directory: String) {
        let dir = directory.hasSuffix("/") ? directory : directory + "/"
        entry(dir + ".wh..wh..opq", type: UInt8(ascii: "0"), mode: 0)
    }

    /// Any member. Long names and link names are written with ``longNames``; `paxRecords` adds
    /// further PAX records (for example `size` or `GNU.sparse.*`).
    public mutating func entry(
        _ name: String,
        type: UInt8,
        content: [UInt8] = [],
        linkName: String = "",
        mode: UInt32 = 0o644,
        uid: Int = 0,
        gid: Int = 0,
        paxRecords: [(String, String)] = [],
        storedSize: Int? = nil
    ) {
        var records = paxRecords
        let nameBytes = Array(name.utf8)
        let linkBytes = Array(linkName.utf8)
        var headerName = nameBytes
        var headerLink = linkBytes
        if nameBytes.count > 100 {
            switch longNames {
            case .gnu:
                appendMember(
                    Self.header(name: Array("././@LongLink".utf8), type: UInt8(ascii: "L"), size: nameBytes.count + 1)
                )
                appendContent(nameBytes + [0])
            case .pax: records.append(("path", name))
            }
            headerName = Array(nameBytes.prefix(100))
        }
        if linkBytes.count > 100 {
            switch longNames {
            case .gnu:
                appendMember(
                    Self.header(name: Array("././@LongLink".utf8), type: UInt8(ascii: "K"), size: linkBytes.count + 1)
                )
                appendContent(linkBytes + [0])
            case .pax: records.append(("linkpath", linkName))
            }
            headerLink = Array(linkBytes.prefix(100))
        }
        if !records.isEmpty {
            let data = Self.paxData(records)
            appendMember(Self.header(name: Array("PaxHeaders/x".utf8), type: UInt8(ascii: "x"), size: data.count))
            appendContent(data)
        }
        appendMember(
            Self.header(
                name: headerName,
                type: type,
                size: storedSize ?? content.count,
                linkName: headerLink,
                mode: mode,
                uid: uid,
                gid: gid
            )
        )
        appendContent(content)
    }

    /// Appends raw bytes (a hand-made header, garbage, a second archive).
    public mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    /// The archive with its end-of-archive marker (two zero blocks).
    public func finish() -> [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

    private mutating func appendMember(_ header: [UInt8]) { bytes.append(contentsOf: header) }

    private mutating func appendContent(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
        let pad = (512 - data.count % 512) % 512
        bytes.append(contentsOf: [UInt8](repeating: 0, count: pad))
    }

    /// PAX records `"<len> key=value\n"`.
    public static func paxData(_ records: [(String, String)]) -> [UInt8] {
        var out: [UInt8] = []
        for (key, value) in records {
            let body = " \(key)=\(value)\n"
            var length = body.utf8.count + 1
            while String(length).utf8.count + body.utf8.count != length { length += 1 }
            out.append(contentsOf: Array("\(length)\(body)".utf8))
        }
        return out
    }

    /// A 512-byte ustar header with a correct checksum (or `checksumDelta` added to it).
    public static func header(
        name: [UInt8],
        type: UInt8,
        size: Int,
        linkName: [UInt8] = [],
        mode: UInt32 = 0o644,
        uid: Int = 0,
        gid: Int = 0,
        checksumDelta: Int = 0
    ) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], _ offset: Int, _ length: Int) {
            for (i, b) in bytes.prefix(length).enumerated() { h[offset + i] = b }
        }
        func octal(_ value: Int, _ offset: Int, _ length: Int) {
            var digits = Array(String(value, radix: 8).utf8)
            if digits.count > length - 1 {
                // base-256 for values that do not fit (GNU)
                h[offset] = 0x80
                var v = value
                var i = offset + length - 1
                while i > offset {
                    h[i] = UInt8(v & 0xFF)
                    v >>= 8
                    i -= 1
                }
                return
            }
            digits = [UInt8](repeating: UInt8(ascii: "0"), count: length - 1 - digits.count) + digits
            put(digits, offset, length - 1)
        }
        put(name, 0, 100)
        octal(Int(mode), 100, 8)
        octal(uid, 108, 8)
        octal(gid, 116, 8)
        octal(size, 124, 12)
        octal(0, 136, 12)
        h[156] = type
        put(linkName, 157, 100)
        put(Array("ustar".utf8) + [0] + Array("00".utf8), 257, 8)
        for i in 148..<156 { h[i] = 0x20 }
        let sum = h.reduce(0) { $0 + Int($1) } + checksumDelta
        let digits = Array(String(sum, radix: 8).utf8)
        let field = [UInt8](repeating: UInt8(ascii: "0"), count: max(0, 6 - digits.count)) + digits + [0, 0x20]
        put(field, 148, 8)
        return h
    }
}
