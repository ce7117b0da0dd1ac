public import AdvisoryModel
import Yams

/// A feed format Bulkhead can import.
public enum FeedKind: String, Sendable, Hashable, CaseIterable {
    case osv
    case alpineSecDB = "alpine-secdb"
    case wolfiSecDB = "wolfi-secdb"
    case chainguardSecDB = "chainguard-secdb"
    case debianTracker = "debian-tracker"
    case debianDSA = "debian-dsa"
    case debianDLA = "debian-dla"
    case rubysec
    case nvd
    case kev
    case epss

    /// The parser for documents of this kind, recording `source` (the feed id) on each advisory.
    public func parser(source: String) -> any FeedParser {
        switch self {
        case .osv: OSVParser(source: source)
        case .alpineSecDB: AlpineSecDBParser(ecosystem: .alpine, source: source)
        case .wolfiSecDB: AlpineSecDBParser(ecosystem: .wolfi, source: source)
        case .chainguardSecDB: AlpineSecDBParser(ecosystem: .chainguard, source: source)
        case .debianTracker: DebianTrackerParser(source: source)
        case .debianDSA, .debianDLA: DebianAdvisoryListParser(source: source)
        case .rubysec: RubySecParser(source: source)
        case .nvd: NVDParser()
        case .kev: KEVParser()
        case .epss: EPSSParser()
        }
    }
}

/// One feed to download and import: an id (recorded on every advisory it yields), a format, and
/// the URLs of its documents.
public struct FeedSource: Sendable, Hashable {
    /// Stable id (`alpine-3.20-main`, `osv-pypi`, `debian-tracker`); `--only` selects by id prefix
    /// or by ``selectors``.
    public var id: String
    public var kind: FeedKind
    /// `https://`, `http://` or `file://` URLs (several documents of one feed are imported together).
    public var urls: [String]
    /// Words `--only` matches besides the id: ecosystems (`alpine`, `pypi`, `debian`…), `enrichment`.
    public var selectors: [String]

    public init(id: String, kind: FeedKind, urls: [String], selectors: [String] = []) {
        self.id = id
        self.kind = kind
        self.urls = urls
        self.selectors = selectors
    }

    /// True when `--only` word `word` selects this feed.
    public func isSelected(by word: String) -> Bool {
        let w = word.lowercased()
        return id.lowercased() == w || id.lowercased().hasPrefix(w + "-") || selectors.contains(w)
    }
}

/// Why a feeds file could not be read.
public struct FeedCatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// The feeds `bulkhead db update` downloads: built-in defaults (the publishers' real URLs) or a
/// feeds file (YAML) that replaces them — for mirrors, air-gapped sites and tests.
///
/// ```yaml
/// feeds:
///   - id: alpine-3.20-main
///     kind: alpine-secdb
///     urls: [https://secdb.alpinelinux.org/v3.20/main.json]
///     selectors: [alpine]
/// ```
public enum FeedCatalogue {
    /// Alpine branches with published secdb JSON included by default.
    public static let alpineBranches = ["3.17", "3.18", "3.19", "3.20", "3.21", "3.22"]
    /// OSV ecosystems downloaded by default (osv.dev's per-ecosystem `all.zip`).
    public static let osvEcosystems: [(id: String, name: String, selector: String)] = [
        ("pypi", "PyPI", "pypi"), ("npm", "npm", "npm"), ("go", "Go", "go"), ("crates", "crates.io", "cargo"),
        ("maven", "Maven", "maven"), ("rubygems", "RubyGems", "rubygems"), ("nuget", "NuGet", "nuget"),
        ("packagist", "Packagist", "composer"), ("ubuntu", "Ubuntu", "ubuntu"),
    ]

    /// The built-in feed list. NVD is not included: its API is paginated and rate limited; add a
    /// `kind: nvd` feed pointing at CVE API 2.0 JSON files (or a mirror of them) in a feeds file.
    public static var defaults: [FeedSource] {
        var feeds: [FeedSource] = []
        for branch in alpineBranches {
            for repo in ["main", "community"] {
                feeds.append(
                    FeedSource(
                        id: "alpine-\(branch)-\(repo)",
                        kind: .alpineSecDB,
                        urls: ["https://secdb.alpinelinux.org/v\(branch)/\(repo).json"],
                        selectors: ["alpine"]
                    )
                )
            }
        }
        feeds.append(
            FeedSource(
                id: "wolfi",
                kind: .wolfiSecDB,
                urls: ["https://packages.wolfi.dev/os/security.json"],
                selectors: ["wolfi"]
            )
        )
        feeds.append(
            FeedSource(
                id: "chainguard",
                kind: .chainguardSecDB,
                urls: ["https://packages.cgr.dev/chainguard/security.json"],
                selectors: ["chainguard"]
            )
        )
        feeds.append(
            FeedSource(
                id: "debian-tracker",
                kind: .debianTracker,
                urls: ["https://security-tracker.debian.org/tracker/data/json"],
                selectors: ["debian"]
            )
        )
        feeds.append(
            FeedSource(
                id: "debian-dsa",
                kind: .debianDSA,
                urls: ["https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DSA/list"],
                selectors: ["debian"]
            )
        )
        feeds.append(
            FeedSource(
                id: "debian-dla",
                kind: .debianDLA,
                urls: ["https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DLA/list"],
                selectors: ["debian"]
            )
        )
        for eco in osvEcosystems {
            feeds.append(
                FeedSource(
                    id: "osv-\(eco.id)",
                    kind: .osv,
                    urls: ["https://osv-vulnerabilities.storage.googleapis.com/\(eco.name)/all.zip"],
                    selectors: [eco.selector, eco.id]
                )
            )
        }
        feeds.append(
            FeedSource(
                id: "kev",
                kind: .kev,
                urls: ["https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"],
                selectors: ["enrichment"]
            )
        )
        feeds.append(
            FeedSource(
                id: "epss",
                kind: .epss,
                urls: ["https://epss.cyentia.com/epss_scores-current.csv.gz"],
                selectors: ["enrichment"]
            )
        )
        return feeds
    }

    /// Reads a feeds file.
    public static func parse(_ text: String, path: String) throws(FeedCatalogueError) -> [FeedSource] {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw FeedCatalogueError(path: path, reason: "invalid YAML: \(error)")
        }
        guard let list = root?.mapping?["feeds"]?.sequence ?? root?.sequence else {
            throw FeedCatalogueError(path: path, reason: "expected a 'feeds' list")
        }
        var feeds: [FeedSource] = []
        var ids = Set<String>()
        for item in list {
            let at = "\(path):\(item.mark?.line ?? 0)"
            guard let map = item.mapping, let id = map["id"]?.string, !id.isEmpty else {
                throw FeedCatalogueError(path: at, reason: "each feed needs an 'id'")
            }
            guard ids.insert(id).inserted else {
                throw FeedCatalogueError(path: at, reason: "duplicate feed id '\(id)'")
            }
            guard let kindName = map["kind"]?.string, let kind = FeedKind(rawValue: kindName) else {
                throw FeedCatalogueError(
                    path: at,
                    reason:
                        "feed '\(id)': unknown kind '\(map["kind"]?.string ?? "")'; use one of \(FeedKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            var urls = map["urls"]?.sequence?.compactMap(\.string) ?? []
            if let url = map["url"]?.string { urls.append(url) }
            guard !urls.isEmpty else {
                throw FeedCatalogueError(path: at, reason: "feed '\(id)' has no 'url' or 'urls'")
            }
            for url in urls where !(url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("file://")) {
                throw FeedCatalogueError(
                    path: at,
                    reason: "feed '\(id)': unsupported URL '\(url)' (use https://, http:// or file://)"
                )
            }
            let selectors = map["selectors"]?.sequence?.compactMap { $0.string?.lowercased() } ?? []
            feeds.append(FeedSource(id: id, kind: kind, urls: urls, selectors: selectors))
        }
        return feeds
    }
}
