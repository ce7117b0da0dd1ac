/// What the rpm cataloger takes from one installed package's header.
struct RpmPackageHeader: Sendable, Hashable {
    var name: String
    var version: String
    var release: String?
    var epoch: Int?
    var architecture: String?
    /// `SOURCERPM` file name (`bash-4.4-19.6.1.src.rpm`).
    var sourceRPM: String?
    var license: String?
    var vendor: String?
    /// Owned files (not directories), absolute.
    var files: [String]
}

/// A header blob that cannot be read.
struct RpmHeaderError: Error, Sendable, Hashable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Parses an RPM header blob as rpm stores it in its database (`il`, `dl`, `il` index entries of
/// 16 bytes, then `dl` bytes of data; all big-endian), optionally preceded by the 8-byte header magic
/// of a package file's header section.
///
/// Every offset and count is checked against the blob, so any byte string parses or throws.
enum RpmHeaderParser {
    enum Tag {
        static let name: UInt32 = 1000
        static let version: UInt32 = 1001
        static let release: UInt32 = 1002
        static let epoch: UInt32 = 1003
        static let vendor: UInt32 = 1011
        static let license: UInt32 = 1014
        static let arch: UInt32 = 1022
        static let oldFilenames: UInt32 = 1027
        static let fileModes: UInt32 = 1030
        static let sourceRPM: UInt32 = 1044
        static let dirIndexes: UInt32 = 1116
        static let baseNames: UInt32 = 1117
        static let dirNames: UInt32 = 1118
    }

    private enum Kind {
        static let int16: UInt32 = 3
        static let int32: UInt32 = 4
        static let string: UInt32 = 6
        static let stringArray: UInt32 = 8
        static let i18nString: UInt32 = 9
    }

    private struct IndexEntry {
        var type: UInt32
        var offset: Int
        var count: Int
    }

    /// rpm's own limits (`HEADER_TAGS_MAX`, `HEADER_DATA_MAX`).
    private static let maxTags = 0xFFFF
    private static let maxData = 256 << 20

    static func parse(_ blob: [UInt8]) throws(RpmHeaderError) -> RpmPackageHeader {
        var start = 0
        if OSBinary.hasPrefix(blob, [0x8E, 0xAD, 0xE8, 0x01]) { start = 8 }
        guard let il32 = OSBinary.u32(blob, start, bigEndian: true),
            let dl32 = OSBinary.u32(blob, start + 4, bigEndian: true)
        else { throw RpmHeaderError(message: "header blob of \(blob.count) bytes is too short") }
        let il = Int(il32)
        let dl = Int(dl32)
        guard il >= 1, il <= maxTags, dl <= maxData else {
            throw RpmHeaderError(message: "header has an impossible size (\(il) tags, \(dl) data bytes)")
        }
        let indexStart = start + 8
        let dataStart = indexStart + il * 16
        guard dataStart + dl <= blob.count else {
            throw RpmHeaderError(message: "header claims \(dataStart + dl) bytes but the blob has \(blob.count)")
        }
        var wanted: [UInt32: IndexEntry] = [:]
        for k in 0..<il {
            let at = indexStart + k * 16
            guard let tag = OSBinary.u32(blob, at, bigEndian: true),
                let type = OSBinary.u32(blob, at + 4, bigEndian: true),
                let offset = OSBinary.u32(blob, at + 8, bigEndian: true),
                let count = OSBinary.u32(blob, at + 12, bigEndian: true)
            else { throw RpmHeaderError(message: "truncated header index") }
            guard (1000...1118).contains(tag) else { continue }
            wanted[tag] = IndexEntry(type: type, offset: Int(offset), count: Int(count))
        }
        let reader = Reader(blob: blob, dataStart: dataStart, dataEnd: dataStart + dl)

        guard let name = reader.string(wanted[Tag.name]), !name.isEmpty else {
            throw RpmHeaderError(message: "header has no NAME")
        }
        guard let version = reader.string(wanted[Tag.version]) else {
            throw RpmHeaderError(message: "header of \(name) has no VERSION")
        }
        var header = RpmPackageHeader(
            name: name,
            version: version,
            release: reader.string(wanted[Tag.release]),
            epoch: reader.int32s(wanted[Tag.epoch])?.first.map { Int($0) },
            architecture: reader.string(wanted[Tag.arch]),
            sourceRPM: reader.string(wanted[Tag.sourceRPM]),
            license: reader.string(wanted[Tag.license]),
            vendor: reader.string(wanted[Tag.vendor]),
            files: []
        )
        header.files = files(reader, wanted)
        return header
    }

    private static func files(_ reader: Reader, _ wanted: [UInt32: IndexEntry]) -> [String] {
        let modes = reader.int16s(wanted[Tag.fileModes])
        var paths: [String] = []
        if let bases = reader.strings(wanted[Tag.baseNames]), let indexes = reader.int32s(wanted[Tag.dirIndexes]),
            let dirs = reader.strings(wanted[Tag.dirNames])
        {
            paths.reserveCapacity(bases.count)
            for (i, base) in bases.enumerated() where i < indexes.count {
                let index = Int(indexes[i])
                guard index >= 0, index < dirs.count else { continue }
                if let modes, i < modes.count, modes[i] & 0o170000 == 0o040000 { continue }
                paths.append(dirs[index] + base)
            }
        } else if let old = reader.strings(wanted[Tag.oldFilenames]) {
            for (i, path) in old.enumerated() {
                if let modes, i < modes.count, modes[i] & 0o170000 == 0o040000 { continue }
                paths.append(path)
            }
        }
        return paths
    }

    /// Typed, bounds-checked access to the data store.
    private struct Reader {
        let blob: [UInt8]
        let dataStart: Int
        let dataEnd: Int

        func string(_ entry: IndexEntry?) -> String? {
            guard let entry,
                entry.type == Kind.string || entry.type == Kind.i18nString
                    || entry.type == Kind.stringArray
            else { return nil }
            return cString(at: dataStart + entry.offset)?.value
        }

        func strings(_ entry: IndexEntry?) -> [String]? {
            guard let entry, entry.type == Kind.stringArray || entry.type == Kind.i18nString,
                entry.count <= dataEnd - dataStart
            else { return nil }
            var out: [String] = []
            out.reserveCapacity(entry.count)
            var at = dataStart + entry.offset
            for _ in 0..<entry.count {
                guard let (value, next) = cString(at: at) else { return nil }
                out.append(value)
                at = next
            }
            return out
        }

        func int32s(_ entry: IndexEntry?) -> [Int32]? {
            guard let entry, entry.type == Kind.int32, entry.offset >= 0, entry.count <= (dataEnd - dataStart) / 4
            else { return nil }
            let start = dataStart + entry.offset
            guard start + entry.count * 4 <= dataEnd else { return nil }
            var out: [Int32] = []
            out.reserveCapacity(entry.count)
            for k in 0..<entry.count {
                guard let v = OSBinary.u32(blob, start + k * 4, bigEndian: true) else { return nil }
                out.append(Int32(bitPattern: v))
            }
            return out
        }

        func int16s(_ entry: IndexEntry?) -> [UInt16]? {
            guard let entry, entry.type == Kind.int16, entry.offset >= 0, entry.count <= (dataEnd - dataStart) / 2
            else { return nil }
            let start = dataStart + entry.offset
            guard start + entry.count * 2 <= dataEnd else { return nil }
            var out: [UInt16] = []
            out.reserveCapacity(entry.count)
            for k in 0..<entry.count {
                guard let v = OSBinary.u16(blob, start + k * 2, bigEndian: true) else { return nil }
                out.append(v)
            }
            return out
        }

        /// The NUL-terminated string at `at` and the offset after its NUL, or nil when it runs past the data.
        private func cString(at: Int) -> (value: String, next: Int)? {
            guard at >= dataStart, at < dataEnd else { return nil }
            return blob.withUnsafeBufferPointer { buf in
                var end = at
                while end < dataEnd && buf[end] != 0 { end += 1 }
                guard end < dataEnd else { return nil }
                return (OSBinary.string(buf, at, end), end + 1)
            }
        }
    }
}
