/// One installed package from a dpkg status file (`/var/lib/dpkg/status`, `status.d/<pkg>`).
struct DpkgEntry: Sendable, Hashable {
    var package: String
    var version: String
    var architecture: String?
    /// `Source:` name, when the field is present.
    var source: String?
    /// The version in `Source: name (version)`, when given.
    var sourceVersion: String?
    var status: String?
    /// 1-based line of the stanza's first field.
    var line: Int
}

/// What a status file held.
struct DpkgStatusParseResult: Sendable {
    var entries: [DpkgEntry] = []
    /// Stanzas whose `Status:` says the package is not installed (`deinstall ok config-files`, `half-installed`).
    var notInstalled = 0
    /// Stanzas without a `Package:` or `Version:` value (vcpkg feature records, stub stanzas).
    var incomplete = 0
    /// 1-based numbers of lines that are neither `Field: value`, a continuation, nor a comment (first 20).
    var malformedLines: [Int] = []
    /// Total number of malformed lines.
    var malformedCount = 0
}

/// Parses Debian control-file stanzas (deb822) as dpkg writes them in its status database.
///
/// Works on bytes: only the fields the catalogers use (`Package`, `Version`, `Architecture`, `Source`,
/// `Status`) become strings; multi-line fields (`Description`, `Conffiles`) are skipped line by line.
enum DpkgStatusParser {
    static func parse(_ bytes: [UInt8]) -> DpkgStatusParseResult {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    private enum Field { case package, version, architecture, source, status, other }

    private struct Stanza {
        var package = ""
        var version = ""
        var architecture: String?
        var source: String?
        var status: String?
        var firstLine = 0
        var hasFields = false
    }

    static func parse(_ buf: UnsafeBufferPointer<UInt8>) -> DpkgStatusParseResult {
        var result = DpkgStatusParseResult()
        var stanza = Stanza()
        var lineNumber = 0
        var i = 0
        let n = buf.count

        func flush() {
            defer { stanza = Stanza() }
            guard stanza.hasFields else { return }
            guard !stanza.package.isEmpty, !stanza.version.isEmpty else {
                result.incomplete += 1
                return
            }
            guard isInstalled(status: stanza.status) else {
                result.notInstalled += 1
                return
            }
            var entry = DpkgEntry(
                package: stanza.package,
                version: stanza.version,
                architecture: stanza.architecture,
                status: stanza.status,
                line: stanza.firstLine
            )
            if let source = stanza.source {
                let (name, version) = splitSource(source)
                entry.source = name
                entry.sourceVersion = version
            }
            result.entries.append(entry)
        }

        while i < n {
            lineNumber += 1
            var end = i
            while end < n && buf[end] != 0x0A { end += 1 }
            defer { i = end + 1 }
            var lineEnd = end
            while lineEnd > i && OSBinary.isBlank(buf[lineEnd - 1]) { lineEnd -= 1 }
            if lineEnd == i {
                // Blank line (or only blanks): end of stanza.
                flush()
                continue
            }
            let first = buf[i]
            if first == 0x20 || first == 0x09 { continue }  // continuation of a multi-line field
            if first == UInt8(ascii: "#") { continue }
            var colon = i
            while colon < lineEnd && buf[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon < lineEnd else {
                result.malformedCount += 1
                if result.malformedLines.count < 20 { result.malformedLines.append(lineNumber) }
                continue
            }
            var keyEnd = colon
            while keyEnd > i && OSBinary.isBlank(buf[keyEnd - 1]) { keyEnd -= 1 }
            guard keyEnd > i else {
                result.malformedCount += 1
                if result.malformedLines.count < 20 { result.malformedLines.append(lineNumber) }
                continue
            }
            if !stanza.hasFields {
                stanza.hasFields = true
                stanza.firstLine = lineNumber
            }
            let field = classify(buf, i, keyEnd)
            if case .other = field { continue }
            var valueStart = colon + 1
            while valueStart < lineEnd && OSBinary.isBlank(buf[valueStart]) { valueStart += 1 }
            let value = OSBinary.string(buf, valueStart, lineEnd)
            switch field {
            case .package: stanza.package = value
            case .version: stanza.version = value
            case .architecture: stanza.architecture = value.isEmpty ? nil : value
            case .source: stanza.source = value.isEmpty ? nil : value
            case .status: stanza.status = value
            case .other: break
            }
        }
        flush()
        return result
    }

    private static func classify(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Field {
        switch end - start {
        case 6:
            if OSBinary.equalsIgnoringCase(buf, start, end, "Status") { return .status }
            if OSBinary.equalsIgnoringCase(buf, start, end, "Source") { return .source }
        case 7:
            if OSBinary.equalsIgnoringCase(buf, start, end, "Package") { return .package }
            if OSBinary.equalsIgnoringCase(buf, start, end, "Version") { return .version }
        case 12:
            if OSBinary.equalsIgnoringCase(buf, start, end, "Architecture") { return .architecture }
        default:
            break
        }
        return .other
    }

    /// True when dpkg considers the package's files present: no `Status:` field (distroless `status.d`),
    /// or a status whose third word (the package state) is `installed`, whatever the wanted action
    /// (`install`, `hold`, `deinstall`, `purge`) or error flag.
    static func isInstalled(status: String?) -> Bool {
        guard let status else { return true }
        let words = status.split(separator: " ")
        return words.count == 3 && words[2] == "installed"
    }

    /// `pam` → (`pam`, nil); `postgresql-common (200+deb10u5)` → (`postgresql-common`, `200+deb10u5`).
    static func splitSource(_ source: String) -> (name: String, version: String?) {
        guard let open = source.firstIndex(of: "(") else {
            return (String(source.split(separator: " ").first ?? Substring(source)), nil)
        }
        let name = source[..<open].split(separator: " ").first.map(String.init) ?? ""
        let afterOpen = source[source.index(after: open)...]
        let inner = afterOpen.firstIndex(of: ")").map { afterOpen[..<$0] } ?? afterOpen
        let version = inner.split(separator: " ").first.map(String.init)
        return (name, version)
    }
}
