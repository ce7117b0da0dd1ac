public import SecurityModel

/// A Package URL split into its components, percent-decoded (purl spec:
/// `pkg:type/namespace/name@version?qualifiers#subpath`).
public struct ParsedPackageURL: Sendable, Hashable {
    /// Lower-cased type (`deb`, `pypi`, `maven`).
    public var type: String
    /// Namespace (`debian`, `org.apache.logging.log4j`, `@angular`), nil when absent.
    public var namespace: String?
    /// Name.
    public var name: String
    /// Version, nil when absent.
    public var version: String?
    /// Qualifiers, keys lower-cased.
    public var qualifiers: [String: String]
    /// Subpath, nil when absent.
    public var subpath: String?

    /// Parses `text`; nil when it is not a purl (no `pkg:` scheme, no type or no name).
    public init?(_ text: String) {
        guard text.utf8.count <= 65_536, text.utf8.count > 4, text.prefix(4).lowercased() == "pkg:" else { return nil }
        var rest = Substring(text.dropFirst(4))
        while rest.hasPrefix("/") { rest = rest.dropFirst() }
        if let hash = rest.firstIndex(of: "#") {
            let sub = rest[rest.index(after: hash)...].split(separator: "/").filter { $0 != "." && $0 != ".." }
            subpath = sub.isEmpty ? nil : sub.map { Self.decode($0) }.joined(separator: "/")
            rest = rest[..<hash]
        } else {
            subpath = nil
        }
        var qualifiers: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                guard let eq = pair.firstIndex(of: "=") else { continue }
                let key = pair[..<eq].lowercased()
                let value = Self.decode(pair[pair.index(after: eq)...])
                if !key.isEmpty, !value.isEmpty { qualifiers[key] = value }
            }
            rest = rest[..<question]
        }
        self.qualifiers = qualifiers
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let type = rest[..<slash].lowercased()
        guard !type.isEmpty else { return nil }
        self.type = type
        var path = rest[rest.index(after: slash)...]
        if let at = path.lastIndex(of: "@"), !path[at...].contains("/"), at != path.startIndex,
            path[path.index(before: at)] != "/"
        {
            let v = Self.decode(path[path.index(after: at)...])
            version = v.isEmpty ? nil : v
            path = path[..<at]
        } else {
            version = nil
        }
        let segments = path.split(separator: "/")
        guard let last = segments.last else { return nil }
        name = Self.decode(last)
        guard !name.isEmpty else { return nil }
        let ns = segments.dropLast().map { Self.decode($0) }.joined(separator: "/")
        namespace = ns.isEmpty ? nil : ns
    }

    /// The Bulkhead package type for this purl type; ``PackageType/binary`` for types it has none for.
    public var packageType: PackageType { Self.packageType(purlType: type) ?? .binary }

    /// The Bulkhead package type for a purl type, nil when there is none.
    public static func packageType(purlType: String) -> PackageType? {
        switch purlType.lowercased() {
        case "apk": return .apk
        case "deb": return .deb
        case "rpm": return .rpm
        case "pypi": return .python
        case "npm": return .npm
        case "gem": return .gem
        case "cargo": return .cargo
        case "composer": return .composer
        case "nuget": return .nuget
        case "golang": return .goModule
        case "maven": return .javaArchive
        case "generic", "binary": return .binary
        default: return nil
        }
    }

    /// The source package the `upstream` qualifier names (`glibc`, `glibc@2.36-9`,
    /// `chkconfig-1.33-2.fc43.src.rpm`), with its version when it gives one.
    public var upstream: (name: String, version: String?)? {
        guard let value = qualifiers["upstream"], !value.isEmpty else { return nil }
        for suffix in [".src.rpm", ".nosrc.rpm"] where value.hasSuffix(suffix) {
            let nvr = value.dropLast(suffix.count)
            let parts = nvr.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count >= 3 else { return (String(nvr), nil) }
            return (
                parts.dropLast(2).joined(separator: "-"), parts.suffix(2).joined(separator: "-")
            )
        }
        if let at = value.firstIndex(of: "@"), at != value.startIndex {
            let version = value[value.index(after: at)...]
            return (String(value[..<at]), version.isEmpty ? nil : String(version))
        }
        return (value, nil)
    }

    /// Percent-decodes `text` (invalid escapes kept as written, invalid UTF-8 repaired).
    static func decode(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let hi = hex(bytes[i + 1]),
                let lo = hex(bytes[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
