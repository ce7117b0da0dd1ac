/// One package from apk's installed database.
struct ApkEntry: Sendable, Hashable {
    var name: String
    var version: String
    var architecture: String?
    /// `o:` — the aport (source package) it was built from.
    var origin: String?
    /// `L:` as written (an SPDX expression on current Alpine, free text on old releases).
    var license: String?
    /// `c:` — the aports commit.
    var commit: String?
    /// Files (`F:` directory + `R:` name) as absolute paths.
    var files: [String]
    /// 1-based line of the entry's first field.
    var line: Int
}

/// What an installed database held.
struct ApkDatabaseParseResult: Sendable {
    var entries: [ApkEntry] = []
    /// Entries without `P:` or `V:`.
    var incomplete = 0
    /// 1-based numbers of lines that are not `X:value` (first 20).
    var malformedLines: [Int] = []
    var malformedCount = 0
}

/// Parses `/lib/apk/db/installed`: blank-line separated entries of `X:value` lines (apk-tools'
/// `apk_db_index_read`).
enum ApkDatabaseParser {
    static func parse(_ bytes: [UInt8]) -> ApkDatabaseParseResult {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    static func parse(_ buf: UnsafeBufferPointer<UInt8>) -> ApkDatabaseParseResult {
        var result = ApkDatabaseParseResult()
        var current = ApkEntry(name: "", version: "", files: [], line: 0)
        var hasFields = false
        var directory = ""
        var lineNumber = 0
        var i = 0
        let n = buf.count

        func flush() {
            defer {
                current = ApkEntry(name: "", version: "", files: [], line: 0)
                hasFields = false
                directory = ""
            }
            guard hasFields else { return }
            guard !current.name.isEmpty, !current.version.isEmpty else {
                result.incomplete += 1
                return
            }
            result.entries.append(current)
        }

        while i < n {
            lineNumber += 1
            var end = i
            while end < n && buf[end] != 0x0A { end += 1 }
            defer { i = end + 1 }
            var stop = end
            while stop > i && buf[stop - 1] == 0x0D { stop -= 1 }
            if stop == i {
                flush()
                continue
            }
            guard stop - i >= 2, buf[i + 1] == UInt8(ascii: ":") else {
                result.malformedCount += 1
                if result.malformedLines.count < 20 { result.malformedLines.append(lineNumber) }
                continue
            }
            if !hasFields {
                hasFields = true
                current.line = lineNumber
            }
            let value = { OSBinary.string(buf, i + 2, stop) }
            switch buf[i] {
            case UInt8(ascii: "P"): current.name = value()
            case UInt8(ascii: "V"): current.version = value()
            case UInt8(ascii: "A"): current.architecture = nonEmpty(value())
            case UInt8(ascii: "o"): current.origin = nonEmpty(value())
            case UInt8(ascii: "L"): current.license = nonEmpty(value())
            case UInt8(ascii: "c"): current.commit = nonEmpty(value())
            case UInt8(ascii: "F"): directory = value()
            case UInt8(ascii: "R"):
                let name = value()
                current.files.append(directory.isEmpty ? "/" + name : "/" + directory + "/" + name)
            default: break
            }
        }
        flush()
        return result
    }

    private static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
