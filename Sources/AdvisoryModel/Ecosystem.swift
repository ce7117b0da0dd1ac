public import SecurityModel

/// A package ecosystem, named as OSV names it (`Alpine`, `Debian`, `PyPI`, `crates.io`…).
///
/// Each ecosystem knows how to normalise package names (so that `Django`, `django` and `DJANGO`
/// meet in one lookup key) and which ``VersionScheme`` orders its versions.
public struct Ecosystem: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let alpine = Ecosystem(rawValue: "Alpine")
    public static let wolfi = Ecosystem(rawValue: "Wolfi")
    public static let chainguard = Ecosystem(rawValue: "Chainguard")
    public static let debian = Ecosystem(rawValue: "Debian")
    public static let ubuntu = Ecosystem(rawValue: "Ubuntu")
    public static let redHat = Ecosystem(rawValue: "Red Hat")
    public static let pypi = Ecosystem(rawValue: "PyPI")
    public static let npm = Ecosystem(rawValue: "npm")
    public static let go = Ecosystem(rawValue: "Go")
    public static let crates = Ecosystem(rawValue: "crates.io")
    public static let maven = Ecosystem(rawValue: "Maven")
    public static let rubyGems = Ecosystem(rawValue: "RubyGems")
    public static let nuget = Ecosystem(rawValue: "NuGet")
    public static let packagist = Ecosystem(rawValue: "Packagist")

    /// Every ecosystem Bulkhead can match.
    public static let all: [Ecosystem] = [
        .alpine, .wolfi, .chainguard, .debian, .ubuntu, .redHat, .pypi, .npm, .go, .crates, .maven, .rubyGems,
        .nuget, .packagist,
    ]

    /// Parses an OSV ecosystem string (`Alpine:v3.16`, `Debian:12`, `Ubuntu:22.04:LTS`, `PyPI`),
    /// returning the ecosystem and the normalised release, or nil when Bulkhead cannot match it.
    public static func parseOSV(_ text: String) -> (ecosystem: Ecosystem, release: String?)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let head = parts.first,
            let ecosystem = all.first(where: { $0.rawValue.lowercased() == head.lowercased() })
        else { return nil }
        guard parts.count > 1, !parts[1].isEmpty else { return (ecosystem, nil) }
        // Ubuntu's feed also names `Ubuntu:Pro:14.04:LTS` and `Ubuntu:Pro:FIPS:20.04:LTS`: the
        // series is the first component that starts with a digit.
        if ecosystem == .ubuntu, let series = parts.dropFirst().first(where: { $0.first?.isNumber == true }) {
            return (ecosystem, ecosystem.normalizedRelease(series))
        }
        return (ecosystem, ecosystem.normalizedRelease(parts[1]))
    }

    /// True for operating-system distributions (matched through source package + release).
    public var isDistribution: Bool {
        [.alpine, .wolfi, .chainguard, .debian, .ubuntu, .redHat].contains(self)
    }

    /// The ecosystem of an installed package, or nil when there is none to match against.
    public static func of(_ type: PackageType, distribution: String? = nil) -> Ecosystem? {
        switch type {
        case .apk:
            switch distribution {
            case "wolfi": return .wolfi
            case "chainguard": return .chainguard
            default: return .alpine
            }
        case .deb: return distribution == "ubuntu" ? .ubuntu : .debian
        case .rpm: return .redHat
        case .python: return .pypi
        case .npm: return .npm
        case .gem: return .rubyGems
        case .cargo: return .crates
        case .composer: return .packagist
        case .nuget: return .nuget
        case .goModule: return .go
        case .javaArchive: return .maven
        case .binary: return nil
        }
    }

    /// The package name as this ecosystem compares names: PEP 503 for PyPI (lower case, runs of
    /// `-_.` → `-`), lower case for case-insensitive registries (npm, NuGet, Packagist, crates.io
    /// treats `-`/`_` alike), unchanged where case matters (Go, Maven, RubyGems, distributions).
    public func normalizedName(_ name: String) -> String {
        switch self {
        case .pypi:
            var out = ""
            var lastWasSeparator = false
            for c in name.lowercased() {
                if c == "-" || c == "_" || c == "." {
                    if !lastWasSeparator { out.append("-") }
                    lastWasSeparator = true
                } else {
                    out.append(c)
                    lastWasSeparator = false
                }
            }
            return out
        case .crates: return name.lowercased().replacingAll("_", with: "-")
        case .npm, .nuget, .packagist, .debian, .ubuntu, .alpine, .wolfi, .chainguard: return name.lowercased()
        default: return name
        }
    }

    /// Normalises a release name: Alpine `v3.10.4` → `3.10`; Debian `12` → `bookworm`; Ubuntu
    /// `22.04:LTS` → `22.04`.
    public func normalizedRelease(_ release: String) -> String {
        switch self {
        case .alpine:
            var r = release.hasPrefix("v") ? String(release.dropFirst()) : release
            let parts = r.split(separator: ".")
            if parts.count > 2 { r = parts.prefix(2).joined(separator: ".") }
            return r
        case .debian:
            let major = String(release.split(separator: ".").first ?? Substring(release))
            return Self.debianCodenames[major] ?? release.lowercased()
        case .ubuntu:
            return String(release.split(separator: ":").first ?? Substring(release))
        default: return release
        }
    }

    /// Debian release numbers to codenames.
    public static let debianCodenames: [String: String] = [
        "7": "wheezy", "8": "jessie", "9": "stretch", "10": "buster", "11": "bullseye", "12": "bookworm",
        "13": "trixie", "14": "forky",
    ]

    /// The version ordering of this ecosystem.
    public var versionScheme: VersionScheme {
        switch self {
        case .alpine, .wolfi, .chainguard: .apk
        case .debian, .ubuntu: .dpkg
        case .redHat: .rpm
        case .pypi: .pep440
        case .go: .go
        case .maven: .maven
        case .rubyGems: .rubyGems
        case .nuget: .nuget
        case .packagist: .composer
        default: .semver
        }
    }

    public static func < (l: Ecosystem, r: Ecosystem) -> Bool { l.rawValue < r.rawValue }
    public var description: String { rawValue }
}

extension String {
    /// Replaces every occurrence of `target` with `replacement` (Foundation-free).
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
