public import AdvisoryModel
public import SecurityModel

/// Parses the Debian Security Tracker JSON (`https://security-tracker.debian.org/tracker/data/json`):
/// `{ "<source package>": { "<CVE-… | TEMP-…>": { "description", "scope", "debianbug",
/// "releases": { "<codename>": { "status", "repositories", "fixed_version", "urgency", "nodsa",
/// "nodsa_reason" } } } } }`.
///
/// Per release: `resolved` with `fixed_version` `"0"` → ``AffectedStatus/notAffected``; `resolved`
/// with a version `V` → range *introduced 0, fixed V*; `open` → ``AffectedStatus/endOfLife`` when
/// the urgency is `end-of-life`, ``AffectedStatus/willNotFix`` when `nodsa_reason` is `ignored`,
/// else ``AffectedStatus/notFixed``; `undetermined` → ``AffectedStatus/undetermined``.
/// Urgency → vendor severity: `unimportant` and `low` → low, `medium` → medium, `high` → high,
/// anything else (`not yet assigned`, `end-of-life`, unknown words) → nil; trailing `*` markers
/// (`low**`) are ignored for the mapping. The raw urgency is kept as the severity label.
///
/// Streaming: the top-level object is walked package by package and only one package's subtree
/// is materialised as a ``JSONValue`` at a time, so the memory beyond the input bytes and the
/// produced advisories is bounded by the largest package (the Linux kernel, a few MB).
/// One ``Advisory`` per vulnerability id in the document, with one affected package per
/// (source package, release).
public struct DebianTrackerParser: FeedParser {
    /// The `source` given to every advisory (for example `debian-tracker`).
    public let source: String

    /// Creates the parser.
    public init(source: String = "debian-tracker") {
        self.source = source
    }

    /// True for the file names this parser reads (see the type documentation).
    public func accepts(path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name == "json" || name.hasSuffix("-json") || name.lowercased().hasSuffix(".json")
    }

    /// Parses one document; malformed input throws ``FeedError`` naming the file and the field or line.
    public func parse(_ document: FeedDocument) throws(FeedError) -> FeedRecords {
        var builder = Builder(path: document.path, source: source)
        var walker = TopLevelObjectWalker(bytes: document.bytes, path: document.path)
        while let (name, value) = try walker.next() {
            try builder.add(package: name, value: value)
        }
        return FeedRecords(advisories: builder.advisories, skipped: builder.skipped)
    }

    /// Maps a tracker urgency to a severity (see the type documentation).
    public static func severity(forUrgency urgency: String) -> Severity? {
        var word = Substring(urgency)
        while word.hasSuffix("*") { word = word.dropLast() }
        switch word {
        case "unimportant", "low": return .low
        case "medium": return .medium
        case "high": return .high
        default: return nil
        }
    }

    private struct Builder {
        let path: String
        let source: String
        var advisories: [Advisory] = []
        var indexByID: [String: Int] = [:]
        var skipped: [String] = []

        init(path: String, source: String) {
            self.path = path
            self.source = source
        }

        mutating func add(package: String, value: JSONValue) throws(FeedError) {
            guard let vulnerabilities = value.objectMembers else {
                throw FeedError(.malformed, path: path, reason: "package \"\(package)\": value is not an object")
            }
            for (id, entry) in vulnerabilities {
                let field = "\(package)/\(id)"
                guard entry.objectMembers != nil else {
                    throw FeedError(.malformed, path: path, reason: "\(field): entry is not an object")
                }
                var affected: [AffectedPackage] = []
                switch entry["releases"] {
                case nil, .null?:
                    break
                case .object(let releases)?:
                    for (codename, release) in releases {
                        if let package = try affectedPackage(
                            package: package,
                            codename: codename,
                            release: release,
                            field: "\(field)/releases/\(codename)"
                        ) {
                            affected.append(package)
                        }
                    }
                default:
                    throw FeedError(.malformed, path: path, reason: "\(field): \"releases\" is not an object")
                }
                let index: Int
                if let existing = indexByID[id] {
                    index = existing
                } else {
                    index = advisories.count
                    indexByID[id] = index
                    var advisory = Advisory(id: id, source: source)
                    if case .string(let description)? = entry["description"], !description.isEmpty {
                        advisory.summary = description
                    }
                    advisories.append(advisory)
                }
                if let bug = entry["debianbug"]?.integerValue {
                    let reference = "https://bugs.debian.org/\(bug)"
                    if !advisories[index].references.contains(reference) {
                        advisories[index].references.append(reference)
                    }
                }
                advisories[index].affected += affected
            }
        }

        private mutating func affectedPackage(
            package: String,
            codename: String,
            release: JSONValue,
            field: String
        ) throws(FeedError) -> AffectedPackage? {
            guard release.objectMembers != nil else {
                throw FeedError(.malformed, path: path, reason: "\(field): not an object")
            }
            guard let status = release["status"]?.stringValue else {
                throw FeedError(.malformed, path: path, reason: "\(field): \"status\" is missing or not a string")
            }
            let urgency = release["urgency"]?.stringValue
            let key = PackageKey(ecosystem: .debian, release: codename, name: package)
            var affected = AffectedPackage(
                key: key,
                vendorSeverity: urgency.flatMap(DebianTrackerParser.severity(forUrgency:)),
                vendorSeverityLabel: urgency
            )
            switch status {
            case "resolved":
                guard let fixed = release["fixed_version"]?.nonEmptyString else {
                    skipped.append("\(path): \(field): resolved without a fixed_version")
                    return nil
                }
                if fixed == "0" {
                    affected.status = .notAffected
                } else {
                    do {
                        try VersionScheme.dpkg.validate(fixed)
                    } catch {
                        skipped.append("\(path): \(field): unparsable fixed_version \"\(fixed)\" (\(error))")
                        return nil
                    }
                    affected.ranges = [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(fixed)])]
                }
            case "open":
                if urgency == "end-of-life" {
                    affected.status = .endOfLife
                } else if release["nodsa_reason"]?.stringValue == "ignored" {
                    affected.status = .willNotFix
                } else {
                    affected.status = .notFixed
                }
            case "undetermined":
                affected.status = .undetermined
            default:
                skipped.append("\(path): \(field): unknown status \"\(status)\"")
                return nil
            }
            return affected
        }
    }
}
