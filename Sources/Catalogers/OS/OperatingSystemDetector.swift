public import SecurityModel

/// Finds the operating system of a root file system from `/etc/os-release` and its fallbacks.
///
/// Order: `/etc/os-release`, then `/usr/lib/os-release`. When neither names an `ID`, the older release
/// files are tried: `/etc/alpine-release`, `/etc/oracle-release`, `/etc/lsb-release`,
/// `/etc/system-release`, `/etc/redhat-release`, `/etc/debian_version`. Missing details of an
/// os-release (Ubuntu 14.04 has no codename, Debian 7 only says `VERSION="7 (wheezy)"`) are filled in
/// from `lsb-release`, `VERSION` and `debian_version`.
///
/// Distroless images are recognised by gcr.io/distroless's `PRETTY_NAME="Distroless"`, by a dpkg
/// `status.d/` directory without a `status` file, and by Wolfi/Chainguard trees without a shell or
/// `apk`.
public enum OperatingSystemDetector {
    /// Every file ``detect(_:)`` may read.
    public static let releaseFiles: [String] = [
        "/etc/os-release", "/usr/lib/os-release", "/etc/alpine-release", "/etc/oracle-release", "/etc/lsb-release",
        "/etc/system-release", "/etc/redhat-release", "/etc/debian_version",
    ]

    /// True when `path` is one of ``releaseFiles`` (its content is needed by ``detect(_:)``).
    public static func isRequired(_ path: String) -> Bool { releaseFiles.contains(path) }

    /// The operating system of `tree`, or nil when no release file identifies one (a `scratch` image).
    public static func detect(_ tree: any FileTree) -> OperatingSystem? {
        let lsb = read(tree, "/etc/lsb-release").map(KeyValueReleaseFile.init)
        var os: OperatingSystem?
        var version: String?
        for path in ["/etc/os-release", "/usr/lib/os-release"] {
            guard let text = read(tree, path) else { continue }
            let file = KeyValueReleaseFile(text)
            guard let id = file["ID"] else { continue }
            os = OperatingSystem(
                id: id.lowercased(),
                versionID: file["VERSION_ID"],
                codename: file["VERSION_CODENAME"] ?? file["UBUNTU_CODENAME"],
                prettyName: file["PRETTY_NAME"],
                idLike: (file["ID_LIKE"] ?? "").split(separator: " ").map { $0.lowercased() }
            )
            version = file["VERSION"]
            break
        }
        if os == nil { os = fallback(tree, lsb: lsb) }
        guard var os else { return nil }
        fillIn(&os, version: version, lsb: lsb, tree: tree)
        os.isDistroless = isDistroless(os, tree: tree)
        return os
    }

    private static func read(_ tree: any FileTree, _ path: String) -> String? {
        tree.text(of: path, limit: 64 << 10)
    }

    /// The OS from the pre-os-release files.
    private static func fallback(_ tree: any FileTree, lsb: KeyValueReleaseFile?) -> OperatingSystem? {
        if let text = read(tree, "/etc/alpine-release"), let line = firstLine(text) {
            return OperatingSystem(id: "alpine", versionID: line)
        }
        if let text = read(tree, "/etc/oracle-release"), let os = parseRedHatStyle(text) { return os }
        if let lsb, let id = lsb["DISTRIB_ID"] {
            return OperatingSystem(
                id: id.lowercased(),
                versionID: lsb["DISTRIB_RELEASE"],
                codename: lsb["DISTRIB_CODENAME"],
                prettyName: lsb["DISTRIB_DESCRIPTION"]
            )
        }
        for path in ["/etc/system-release", "/etc/redhat-release"] {
            if let text = read(tree, path), let os = parseRedHatStyle(text) { return os }
        }
        if let text = read(tree, "/etc/debian_version"), let line = firstLine(text) {
            var os = OperatingSystem(id: "debian")
            if line.first?.isNumber == true {
                os.versionID = String(line.split(separator: ".").first ?? Substring(line))
            } else {
                os.codename = line.split(separator: "/").first.map(String.init)
            }
            return os
        }
        return nil
    }

    private static func fillIn(
        _ os: inout OperatingSystem,
        version: String?,
        lsb: KeyValueReleaseFile?,
        tree: any FileTree
    ) {
        if os.codename == nil, let lsb, lsb["DISTRIB_ID"]?.lowercased() == os.id {
            os.codename = lsb["DISTRIB_CODENAME"]
        }
        if os.codename == nil, os.id == "debian" || os.id == "ubuntu", let version {
            os.codename = codename(fromVersion: version)
        }
        switch os.id {
        case "debian":
            if os.versionID == nil, let text = read(tree, "/etc/debian_version"), let line = firstLine(text),
                line.first?.isNumber == true
            {
                os.versionID = String(line.split(separator: ".").first ?? Substring(line))
            }
            if os.codename == nil, let major = os.versionID?.split(separator: ".").first {
                os.codename = debianCodenames[String(major)]
            }
        case "alpine":
            if os.versionID == nil, let text = read(tree, "/etc/alpine-release") { os.versionID = firstLine(text) }
        default:
            break
        }
    }

    /// `7 (wheezy)` → `wheezy`; `14.04.6 LTS, Trusty Tahr` → `trusty`; `23.10 (Mantic Minotaur)` → `mantic`.
    static func codename(fromVersion version: String) -> String? {
        var candidate: Substring?
        if let open = version.firstIndex(of: "("), let close = version[open...].firstIndex(of: ")") {
            candidate = version[version.index(after: open)..<close]
        } else if let comma = version.firstIndex(of: ",") {
            candidate = version[version.index(after: comma)...]
        }
        guard let candidate else { return nil }
        // "Debian GNU/Linux 9 (stretch)" → "stretch"; words with digits are not codenames.
        guard let word = candidate.split(separator: " ").first, word.allSatisfy(\.isLetter) else { return nil }
        return word.lowercased()
    }

    /// `Red Hat Enterprise Linux Server release 6.10 (Santiago)`, `Amazon Linux release 2 (Karoo)`,
    /// `Oracle Linux Server release 7.9`, `CentOS Linux release 7.9.2009 (Core)`.
    static func parseRedHatStyle(_ text: String) -> OperatingSystem? {
        guard let line = firstLine(text) else { return nil }
        let words = line.split(separator: " ")
        guard let at = words.firstIndex(of: "release"), at > 0, at + 1 < words.count else { return nil }
        let name = words[..<at].joined(separator: " ")
        let version = words[at + 1]
        guard version.first?.isNumber == true else { return nil }
        let rest = words[(at + 1)...].joined(separator: " ")
        let id: String
        switch name {
        case _ where name.hasPrefix("Red Hat Enterprise Linux"): id = "rhel"
        case _ where name.hasPrefix("CentOS"): id = "centos"
        case _ where name.hasPrefix("Rocky"): id = "rocky"
        case _ where name.hasPrefix("AlmaLinux"): id = "almalinux"
        case _ where name.hasPrefix("Fedora"): id = "fedora"
        case _ where name.hasPrefix("Oracle Linux"): id = "ol"
        case _ where name.hasPrefix("Amazon Linux"): id = "amzn"
        default:
            guard let first = name.split(separator: " ").first else { return nil }
            id = first.lowercased()
        }
        var codename: String?
        if let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            codename = String(rest[rest.index(after: open)..<close])
        }
        return OperatingSystem(id: id, versionID: String(version), codename: codename, prettyName: line)
    }

    private static func isDistroless(_ os: OperatingSystem, tree: any FileTree) -> Bool {
        if os.prettyName?.lowercased().contains("distroless") == true { return true }
        if isDirectory(tree, "/var/lib/dpkg/status.d"), tree.resolve("/var/lib/dpkg/status") == nil { return true }
        if os.id == "wolfi" || os.id == "chainguard" {
            let tools = ["/bin/sh", "/usr/bin/sh", "/bin/busybox", "/sbin/apk", "/usr/bin/apk"]
            return tools.allSatisfy { tree.resolve($0) == nil }
        }
        return false
    }

    private static func isDirectory(_ tree: any FileTree, _ path: String) -> Bool {
        guard let resolved = tree.resolve(path) else { return false }
        return tree.entry(at: resolved)?.kind == .directory
    }

    /// The first line with content, without surrounding blanks.
    private static func firstLine(_ text: String) -> String? {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var s = line
            while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
            while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
            if !s.isEmpty { return String(s) }
        }
        return nil
    }

    private static let debianCodenames: [String: String] = [
        "4": "etch", "5": "lenny", "6": "squeeze", "7": "wheezy", "8": "jessie", "9": "stretch", "10": "buster",
        "11": "bullseye", "12": "bookworm", "13": "trixie", "14": "forky",
    ]
}
