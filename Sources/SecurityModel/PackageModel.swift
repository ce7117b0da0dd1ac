/// The kind of a software package, by packaging system.
public enum PackageType: String, Sendable, Hashable, Codable, CaseIterable {
    case apk, deb, rpm
    case python, npm, gem, cargo, composer, nuget
    case goModule = "golang"
    case javaArchive = "maven"
    case binary
}

/// One installed package found in an image or a directory.
public struct Package: Sendable, Hashable {
    public var name: String
    public var version: String
    public var type: PackageType
    /// Package URL (`pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=alpine-3.11.5`).
    public var purl: String
    /// Source package name (dpkg `Source:`, apk origin, rpm source RPM name) where the ecosystem has one.
    public var sourceName: String?
    /// Source package version when it differs from ``version``.
    public var sourceVersion: String?
    /// Declared licenses (SPDX ids or expressions where the metadata gives them).
    public var licenses: [String]
    /// Architecture, for OS packages.
    public var architecture: String?
    /// Index of the layer that added the package (its database entry or manifest file).
    public var layerIndex: Int?
    /// Where it was found: the database or manifest file(s).
    public var locations: [String]
    /// Files the package owns (from the package database), when known.
    public var files: [String]
    /// The cataloger that found it (`os/apk`, `lang/python-dist-info`).
    public var foundBy: String

    public init(
        name: String,
        version: String,
        type: PackageType,
        purl: String,
        sourceName: String? = nil,
        sourceVersion: String? = nil,
        licenses: [String] = [],
        architecture: String? = nil,
        layerIndex: Int? = nil,
        locations: [String] = [],
        files: [String] = [],
        foundBy: String
    ) {
        self.name = name
        self.version = version
        self.type = type
        self.purl = purl
        self.sourceName = sourceName
        self.sourceVersion = sourceVersion
        self.licenses = licenses
        self.architecture = architecture
        self.layerIndex = layerIndex
        self.locations = locations
        self.files = files
        self.foundBy = foundBy
    }
}

/// The operating system of a root file system, from /etc/os-release and friends.
public struct OperatingSystem: Sendable, Hashable {
    /// `ID` (`alpine`, `debian`, `ubuntu`, `rhel`, `centos`, `rocky`, `almalinux`, `fedora`, `amzn`, `wolfi`).
    public var id: String
    /// `VERSION_ID` (`3.11.5`, `12`, `22.04`).
    public var versionID: String?
    /// `VERSION_CODENAME` (`bookworm`, `jammy`).
    public var codename: String?
    /// `PRETTY_NAME`.
    public var prettyName: String?
    /// `ID_LIKE` entries.
    public var idLike: [String]
    /// True for distroless-style images (no shell, no package manager).
    public var isDistroless: Bool

    public init(
        id: String,
        versionID: String? = nil,
        codename: String? = nil,
        prettyName: String? = nil,
        idLike: [String] = [],
        isDistroless: Bool = false
    ) {
        self.id = id
        self.versionID = versionID
        self.codename = codename
        self.prettyName = prettyName
        self.idLike = idLike
        self.isDistroless = isDistroless
    }
}

/// Builds Package URLs (purl spec): `pkg:type/namespace/name@version?qualifiers`.
public enum PackageURL {
    /// A purl with percent-encoded components; qualifiers sorted by key, empty ones dropped.
    public static func make(
        type: String,
        namespace: String? = nil,
        name: String,
        version: String?,
        qualifiers: [String: String] = [:],
        subpath: String? = nil
    ) -> String {
        var s = "pkg:\(type.lowercased())/"
        if let namespace, !namespace.isEmpty {
            s += namespace.split(separator: "/").map { encode(String($0)) }.joined(separator: "/") + "/"
        }
        s += encode(name)
        if let version, !version.isEmpty { s += "@" + encode(version) }
        let q = qualifiers.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        if !q.isEmpty { s += "?" + q.map { "\($0.key.lowercased())=\(encode($0.value))" }.joined(separator: "&") }
        if let subpath, !subpath.isEmpty {
            s += "#" + subpath.split(separator: "/").map { encode(String($0)) }.joined(separator: "/")
        }
        return s
    }

    /// Percent-encodes everything except unreserved characters (`A-Z a-z 0-9 - . _ ~`) and `+` is encoded.
    public static func encode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
