import SecurityModel

/// Helpers shared by the language catalogers: reading manifests through the tree, building packages and
/// diagnostics, and small text utilities that work without Foundation.
enum LanguageSupport {
    /// Largest manifest or lock file read (lock files of big monorepos reach tens of MiB).
    static let manifestLimit = 64 << 20

    /// Reads every regular file accepted by `required`, hands its bytes to `parse`, and gathers the packages
    /// and diagnostics. A file that cannot be read becomes a diagnostic naming it.
    static func scan(
        _ tree: any FileTree,
        id: String,
        required: (String) -> Bool,
        limit: Int = manifestLimit,
        parse: (_ path: String, _ bytes: [UInt8], _ sink: inout ManifestSink) -> Void
    ) -> CatalogerResult {
        var result = CatalogerResult()
        for entry in tree.files(where: required) {
            let bytes: [UInt8]
            do {
                bytes = try tree.contents(of: entry.path, limit: limit)
            } catch {
                result.diagnostics.append(
                    CatalogDiagnostic(catalogerID: id, path: entry.path, message: "cannot read: \(error.message)")
                )
                continue
            }
            var sink = ManifestSink(catalogerID: id, path: entry.path, layerIndex: entry.layerIndex)
            parse(entry.path, bytes, &sink)
            result.packages += sink.packages
            result.diagnostics += sink.diagnostics
        }
        return result
    }

    /// PEP 503 normalised name: lowercase, runs of `-`, `_` and `.` become one `-`.
    static func pep503(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var inRun = false
        for byte in name.utf8 {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                if !inRun { out.append(UInt8(ascii: "-")) }
                inRun = true
                continue
            }
            inRun = false
            out.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `pkg:npm/%40scope/name@1.0.0` or `pkg:npm/name@1.0.0`.
    static func npmPURL(name: String, version: String) -> String {
        if name.hasPrefix("@"), let slash = name.firstIndex(of: "/") {
            return PackageURL.make(
                type: "npm",
                namespace: String(name[..<slash]),
                name: String(name[name.index(after: slash)...]),
                version: version
            )
        }
        return PackageURL.make(type: "npm", name: name, version: version)
    }

    /// A purl whose name may contain `/`: everything before the last slash is the namespace
    /// (`pkg:golang/github.com/a/b@v1`, `pkg:composer/vendor/name@1.0`).
    static func slashedPURL(type: String, path: String, version: String) -> String {
        guard let slash = path.lastIndex(of: "/") else {
            return PackageURL.make(type: type, name: path, version: version)
        }
        return PackageURL.make(
            type: type,
            namespace: String(path[..<slash]),
            name: String(path[path.index(after: slash)...]),
            version: version
        )
    }

    /// The text after the last occurrence of `marker` in `s`, or nil when `marker` does not occur.
    static func textAfterLast(_ marker: String, in s: String) -> Substring? {
        let m = Array(marker.utf8)
        let u = s.utf8
        guard !m.isEmpty, u.count >= m.count else { return nil }
        var end = u.endIndex
        while true {
            guard let start = u.index(end, offsetBy: -m.count, limitedBy: u.startIndex) else { return nil }
            if u[start..<end].elementsEqual(m) { return s[end...] }
            end = u.index(before: end)
        }
    }

    /// True when `s` contains `needle`.
    static func contains(_ s: Substring, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return true }
        let u = Array(s.utf8)
        guard u.count >= n.count else { return false }
        for i in 0...(u.count - n.count) where u[i] == n[0] && Array(u[i..<(i + n.count)]) == n { return true }
        return false
    }

    /// Strips ASCII spaces, tabs and line ends from both sides.
    static func trim(_ s: Substring) -> Substring {
        var start = s.startIndex
        var end = s.endIndex
        while start < end, isSpace(s.utf8[start]) { start = s.index(after: start) }
        while end > start {
            let before = s.index(before: end)
            if !isSpace(s.utf8[before]) { break }
            end = before
        }
        return s[start..<end]
    }

    /// Strips ASCII whitespace from both sides.
    static func trim(_ s: String) -> String { String(trim(s[...])) }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Lines of `text` without their `\n` / `\r\n` terminators.
    /// Splits on the byte 0x0A: a `String` sees `\r\n` as one `Character`, so splitting on `"\n"` would
    /// miss CRLF line ends.
    static func lines(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == 0x0A {
                var end = index
                if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
                out.append(text[start..<end])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        var end = utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        out.append(text[start..<end])
        return out
    }

    /// Removes one pair of matching surrounding quotes (`"x"` or `'x'`).
    static func unquote(_ s: Substring) -> Substring {
        if s.count >= 2, let first = s.first, first == "\"" || first == "'", s.last == first {
            return s.dropFirst().dropLast()
        }
        return s
    }

    /// Licenses from an npm/composer-style `license` value: a string, an object with `type`, or an array
    /// of either.
    static func licenses(from value: JSONValue?) -> [String] {
        guard let value else { return [] }
        switch value {
        case .string(let s):
            let t = trim(s)
            return t.isEmpty ? [] : [t]
        case .object:
            if let type = value["type"]?.stringValue ?? value["name"]?.stringValue {
                let t = trim(type)
                return t.isEmpty ? [] : [t]
            }
            return []
        case .array(let items): return items.flatMap { licenses(from: $0) }
        default: return []
        }
    }

    /// The string of a JSON string member, or nil when absent or not a string.
    static func string(_ value: JSONValue?, _ key: String) -> String? { value?[key]?.stringValue }
}

/// Collects the packages and diagnostics of one manifest file.
struct ManifestSink {
    let catalogerID: String
    let path: String
    let layerIndex: Int?
    var packages: [Package] = []
    var diagnostics: [CatalogDiagnostic] = []
    private var seen: Set<String> = []

    init(catalogerID: String, path: String, layerIndex: Int?) {
        self.catalogerID = catalogerID
        self.path = path
        self.layerIndex = layerIndex
    }

    /// Adds a package found in this manifest; a second package with the same purl is merged away.
    mutating func add(
        name: String,
        version: String,
        type: PackageType,
        purl: String,
        licenses: [String] = [],
        locations: [String]? = nil,
        files: [String] = []
    ) {
        guard seen.insert(purl).inserted else { return }
        packages.append(
            Package(
                name: name,
                version: version,
                type: type,
                purl: purl,
                licenses: licenses,
                layerIndex: layerIndex,
                locations: locations ?? [path],
                files: files,
                foundBy: catalogerID
            )
        )
    }

    /// Records a problem with this manifest.
    mutating func diagnose(_ message: String) {
        diagnostics.append(CatalogDiagnostic(catalogerID: catalogerID, path: path, message: message))
    }
}
