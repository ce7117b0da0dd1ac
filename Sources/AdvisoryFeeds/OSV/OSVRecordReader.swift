internal import AdvisoryModel
internal import SecurityModel

/// Turns one OSV record (already parsed into a ``JSONValue``) into an ``Advisory``, collecting the
/// parts it had to leave out.
struct OSVRecordReader {
    /// Longest `details` kept, in UTF-8 bytes.
    static let maximumDetailsBytes = 4096

    let path: String
    let label: String
    let source: String
    private(set) var skipped: [String] = []
    private var recordID = ""

    init(path: String, label: String, source: String) {
        self.path = path
        self.label = label
        self.source = source
    }

    mutating func advisory(from value: JSONValue) throws(FeedError) -> Advisory {
        guard case .object = value else { throw malformed("\(label) is not a JSON object") }
        guard let id = try string(value, "id"), !id.isEmpty else {
            throw malformed("\(label) has no string field 'id'")
        }
        recordID = id
        var advisory = Advisory(id: id, source: source)
        advisory.aliases = try strings(value, "aliases").filter { $0 != id }
        advisory.related = try strings(value, "related")
        let upstream = try strings(value, "upstream")
        for other in upstream where other != id && !advisory.aliases.contains(other) {
            // Ubuntu's and Debian's per-CVE records (UBUNTU-CVE-x, DEBIAN-CVE-x) are that CVE.
            if id.hasSuffix("-" + other) {
                advisory.aliases.append(other)
            } else if !advisory.related.contains(other) {
                advisory.related.append(other)
            }
        }
        advisory.summary = try string(value, "summary")
        advisory.details = try string(value, "details").map(Self.truncated)
        advisory.published = try string(value, "published")
        advisory.modified = try string(value, "modified")
        advisory.withdrawn = try string(value, "withdrawn")

        var distributionSeverity: (Severity?, String)?
        for (index, entry) in try objects(value, "severity").enumerated() {
            let type = try string(entry, "type", field: "severity[\(index)].type") ?? ""
            let score = try string(entry, "score", field: "severity[\(index)].score") ?? ""
            switch type {
            case "CVSS_V2", "CVSS_V3", "CVSS_V4":
                if !score.isEmpty { advisory.cvssVectors.append(score) }
            case "Ubuntu", "Debian":
                distributionSeverity = (Self.vendorSeverity(score), score)
            default:
                break
            }
        }
        if let databaseSpecific = value["database_specific"], case .object = databaseSpecific {
            if let label = databaseSpecific["severity"]?.stringValue {
                advisory.vendorSeverity = Severity(parsing: label)
            }
            advisory.cwes = databaseSpecific["cwe_ids"]?.strings ?? []
        }
        if let distributionSeverity {
            advisory.vendorSeverity = advisory.vendorSeverity ?? distributionSeverity.0
        }
        for (index, reference) in try objects(value, "references").enumerated() {
            if let url = try string(reference, "url", field: "references[\(index)].url") {
                advisory.references.append(url)
            }
        }
        for (index, entry) in try objects(value, "affected").enumerated() {
            guard var package = try affected(entry, index: index) else { continue }
            if package.vendorSeverity == nil, package.vendorSeverityLabel == nil, let distributionSeverity,
                package.key.ecosystem.isDistribution
            {
                package.vendorSeverity = distributionSeverity.0
                package.vendorSeverityLabel = distributionSeverity.1
            }
            advisory.affected.append(package)
        }
        return advisory
    }

    // MARK: - Affected packages

    private mutating func affected(_ entry: JSONValue, index: Int) throws(FeedError) -> AffectedPackage? {
        let field = "affected[\(index)]"
        guard let package = entry["package"], package != .null else {
            skipped.append("\(recordID): \(field) names no package")
            return nil
        }
        guard case .object = package else { throw malformed("field '\(field).package' is not an object") }
        guard let ecosystemText = try string(package, "ecosystem", field: "\(field).package.ecosystem"),
            let name = try string(package, "name", field: "\(field).package.name"), !name.isEmpty
        else { throw malformed("field '\(field).package' lacks 'ecosystem' or 'name'") }
        guard let (ecosystem, release) = Ecosystem.parseOSV(ecosystemText) else {
            skipped.append("\(recordID): ecosystem '\(ecosystemText)' of \(name) is not supported")
            return nil
        }
        var result = AffectedPackage(key: PackageKey(ecosystem: ecosystem, release: release, name: name))
        result.versions = try strings(entry, "versions", field: "\(field).versions")
        for (rangeIndex, range) in try objects(entry, "ranges", field: "\(field).ranges").enumerated() {
            if let parsed = try self.range(range, field: "\(field).ranges[\(rangeIndex)]", package: result.key) {
                result.ranges.append(parsed)
            }
        }
        for key in ["ecosystem_specific", "database_specific"] {
            guard let specific = entry[key], case .object = specific else { continue }
            for name in ["severity", "urgency", "priority"] {
                if let label = specific[name]?.nonEmptyString {
                    result.vendorSeverity = Self.vendorSeverity(label)
                    result.vendorSeverityLabel = label
                }
            }
        }
        return result
    }

    private mutating func range(_ range: JSONValue, field: String, package: PackageKey) throws(FeedError)
        -> AffectedRange?
    {
        let typeText = try string(range, "type", field: "\(field).type") ?? ""
        guard let kind = AffectedRange.Kind(rawValue: typeText) else {
            skipped.append("\(recordID) \(package): range type '\(typeText)' is not supported")
            return nil
        }
        var events: [RangeEvent] = []
        for (index, event) in try objects(range, "events", field: "\(field).events").enumerated() {
            guard let members = event.objectMembers, let (key, value) = members.first else {
                throw malformed("field '\(field).events[\(index)]' is empty")
            }
            guard let version = value.stringValue else {
                throw malformed("field '\(field).events[\(index)].\(key)' is not a string")
            }
            switch key {
            case "introduced": events.append(.introduced(version))
            case "fixed": events.append(.fixed(version))
            case "last_affected": events.append(.lastAffected(version))
            case "limit": events.append(.limit(version))
            default: throw malformed("field '\(field).events[\(index)]' has unknown event '\(key)'")
            }
        }
        if kind != .git {
            let scheme = kind == .semver ? VersionScheme.semver : package.ecosystem.versionScheme
            for event in events {
                if case .introduced("0") = event { continue }
                if case .limit("*") = event { continue }
                do {
                    try scheme.validate(event.version)
                } catch {
                    skipped.append(
                        "\(recordID) \(package): \(kind.rawValue) range dropped: '\(event.version)' is not a valid \(scheme.rawValue) version (\(error))"
                    )
                    return nil
                }
            }
        }
        return AffectedRange(kind: kind, events: events)
    }

    // MARK: - Helpers

    /// Maps a vendor's label (Ubuntu priority, Debian urgency, `medium**`) to a severity.
    static func vendorSeverity(_ label: String) -> Severity? {
        var text = label.lowercased()
        while text.hasSuffix("*") { text.removeLast() }
        switch text {
        case "negligible", "unimportant": return .info
        default: return Severity(parsing: text)
        }
    }

    static func truncated(_ text: String) -> String {
        guard text.utf8.count > maximumDetailsBytes else { return text }
        var result = ""
        var bytes = 0
        for character in text {
            bytes += character.utf8.count
            if bytes > maximumDetailsBytes - 3 { break }
            result.append(character)
        }
        return result + "…"
    }

    private func malformed(_ reason: String) -> FeedError {
        FeedError(.malformed, path: path, reason: recordID.isEmpty ? reason : "\(recordID): \(reason)")
    }

    private func string(_ object: JSONValue, _ key: String, field: String? = nil) throws(FeedError) -> String? {
        guard let value = object[key] else { return nil }
        switch value {
        case .null: return nil
        case .string(let text): return text
        default: throw malformed("field '\(field ?? key)' is not a string")
        }
    }

    private func strings(_ object: JSONValue, _ key: String, field: String? = nil) throws(FeedError) -> [String] {
        guard let value = object[key], value != .null else { return [] }
        guard case .array(let items) = value else { throw malformed("field '\(field ?? key)' is not an array") }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else {
                throw malformed("field '\(field ?? key)' holds a value that is not a string")
            }
            result.append(text)
        }
        return result
    }

    private func objects(_ object: JSONValue, _ key: String, field: String? = nil) throws(FeedError) -> [JSONValue] {
        guard let value = object[key], value != .null else { return [] }
        guard case .array(let items) = value else { throw malformed("field '\(field ?? key)' is not an array") }
        for (index, item) in items.enumerated() {
            guard case .object = item else { throw malformed("field '\(field ?? key)[\(index)]' is not an object") }
        }
        return items
    }
}
