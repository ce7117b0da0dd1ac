public import AdvisoryModel

/// Parses Alpine-style security databases ("secdb") into advisories.
///
/// Reads four spellings of the same data: the current secdb JSON (`{"distroversion", "packages":
/// [{"pkg": {"name", "secfixes"}}]}`), the older secdb YAML of the same shape, aquasecurity
/// vuln-list's per-package JSON (`{"name", "secfixes", "distroversion"}`), and Wolfi/Chainguard
/// `security.json` (no `distroversion`, so the release is nil).
///
/// Each id listed under a fixed version `V` becomes an ``AffectedPackage`` with the range
/// *introduced 0, fixed V*; the key `"0"` means the package was never affected
/// (``AffectedStatus/notAffected``, no range). Choices:
/// - When one id is listed under several fixed versions of the same package, the **lowest** fixed
///   version (APK ordering) is the fix: the branch got the fix first there, later entries repeat it.
/// - When an id is listed under `"0"` and under a real fixed version of the same package, the fixed
///   version wins (reporting a fixed vulnerability is safer than hiding one).
/// - All entries of one id in one document merge into one ``Advisory`` (one affected package per
///   package name), in order of first appearance.
/// - Entries may hold several ids or extra words (`"CVE-2018-1 CVE-2018-2"`, `"XSA-123"`); they are
///   split on white space and tokens shaped like `PREFIX-…` (`CVE-`, `GHSA-`, `XSA-`, …) are kept.
///   An entry holding no id, and a fixed version APK ordering cannot parse, go to `skipped`.
public struct AlpineSecDBParser: FeedParser {
    /// The ecosystem of the packages (``Ecosystem/alpine``, ``Ecosystem/wolfi``, ``Ecosystem/chainguard``).
    public let ecosystem: Ecosystem
    /// The `source` given to every advisory (for example `alpine-secdb`).
    public let source: String

    /// Creates the parser.
    public init(ecosystem: Ecosystem = .alpine, source: String) {
        self.ecosystem = ecosystem
        self.source = source
    }

    /// True for the file names this parser reads (see the type documentation).
    public func accepts(path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".json") || lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    /// Parses one document; malformed input throws ``FeedError`` naming the file and the field or line.
    public func parse(_ document: FeedDocument) throws(FeedError) -> FeedRecords {
        let secdb = try SecDBReader.read(document)
        let release = secdb.distroversion.flatMap { version -> String? in
            let trimmed = version.trimmingFeedWhitespace
            guard !trimmed.isEmpty else { return nil }
            return ecosystem.normalizedRelease(trimmed)
        }
        var builder = Builder(ecosystem: ecosystem, release: release, path: document.path)
        for package in secdb.packages {
            builder.add(package)
        }
        return FeedRecords(advisories: builder.advisories(source: source), skipped: builder.skipped)
    }

    /// Accumulates fixes per (id, package), then builds the advisories.
    private struct Builder {
        let ecosystem: Ecosystem
        let release: String?
        let path: String
        var order: [String] = []
        /// id → package name → lowest fixed version (nil: only listed under "0").
        var fixes: [String: [(name: String, fixed: String?)]] = [:]
        var skipped: [String] = []

        init(ecosystem: Ecosystem, release: String?, path: String) {
            self.ecosystem = ecosystem
            self.release = release
            self.path = path
        }

        mutating func add(_ package: SecDBPackage) {
            let scheme = ecosystem.versionScheme
            for (version, entries) in package.secfixes {
                let fixed: String?
                if version == "0" {
                    fixed = nil
                } else {
                    do {
                        try scheme.validate(version)
                    } catch {
                        skipped.append("\(path): \(package.name) \(version): unparsable APK version (\(error))")
                        continue
                    }
                    fixed = version
                }
                for entry in entries {
                    let ids = Self.identifiers(in: entry)
                    if ids.isEmpty {
                        skipped.append("\(path): \(package.name) \(version): no advisory id in \"\(entry)\"")
                    }
                    for id in ids {
                        record(id: id, name: package.name, fixed: fixed, scheme: scheme)
                    }
                }
            }
        }

        private mutating func record(id: String, name: String, fixed: String?, scheme: VersionScheme) {
            guard var entries = fixes[id] else {
                order.append(id)
                fixes[id] = [(name, fixed)]
                return
            }
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let fixed {
                    if let current = entries[index].fixed {
                        let lower = ((try? scheme.compare(fixed, current)) ?? 0) < 0
                        if lower { entries[index].fixed = fixed }
                    } else {
                        entries[index].fixed = fixed
                    }
                }
            } else {
                entries.append((name, fixed))
            }
            fixes[id] = entries
        }

        func advisories(source: String) -> [Advisory] {
            order.map { id in
                let affected = (fixes[id] ?? []).map { entry in
                    let key = PackageKey(ecosystem: ecosystem, release: release, name: entry.name)
                    guard let fixed = entry.fixed else { return AffectedPackage(key: key, status: .notAffected) }
                    let range = AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(fixed)])
                    return AffectedPackage(key: key, ranges: [range])
                }
                return Advisory(id: id, source: source, affected: affected)
            }
        }

        /// The advisory ids in one secfixes entry. The entry is split on white space and each token
        /// trimmed of `,;:()[]`. A token starting with `CVE-YYYY-NNNN` (or the typo `CVE_`) yields
        /// that CVE id (so `CVE-2017-8073.patch` and `CVE-2017-17434-1` name their CVE); any other
        /// token of the form `PREFIX-REST` — PREFIX 2-10 upper-case ASCII letters, REST ASCII letters,
        /// digits and dashes holding a digit (`XSA-204`, `GHSA-…`, `TALOS-2017-0394`) — is kept whole.
        static func identifiers(in entry: String) -> [String] {
            var ids: [String] = []
            for rawToken in entry.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                let token = rawToken.trimmingFeedCharacters(",;:()[]")
                guard let id = cveIdentifier(token) ?? otherIdentifier(token), !ids.contains(id) else { continue }
                ids.append(id)
            }
            return ids
        }

        private static func cveIdentifier(_ token: String) -> String? {
            let bytes = Array(token.utf8)
            guard bytes.count >= 13, bytes[0] == UInt8(ascii: "C"), bytes[1] == UInt8(ascii: "V"),
                bytes[2] == UInt8(ascii: "E"), bytes[3] == UInt8(ascii: "-") || bytes[3] == UInt8(ascii: "_"),
                bytes[4..<8].allSatisfy(isDigit), bytes[8] == UInt8(ascii: "-")
            else { return nil }
            var end = 9
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            guard end - 9 >= 4 else { return nil }
            return "CVE-" + String(decoding: bytes[4..<end], as: UTF8.self)
        }

        private static func otherIdentifier(_ token: String) -> String? {
            guard let dash = token.firstIndex(of: "-") else { return nil }
            let prefix = token[token.startIndex..<dash]
            let rest = token[token.index(after: dash)...]
            guard (2...10).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && $0.isUppercase }),
                let first = rest.first, first != "-",
                rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
                rest.contains(where: { $0.isNumber })
            else { return nil }
            return token
        }

        private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    }
}
