internal import AdvisoryModel
internal import SecurityModel

/// Parses the rubysec ruby-advisory-db's native YAML advisories (`gems/<gem>/<id>.yml`).
///
/// The id is the CVE when there is one (GHSA and OSVDB ids become aliases), else the GHSA, else
/// the OSVDB id. `patched_versions` and `unaffected_versions` (RubyGems requirement lists) are
/// turned into one OSV ``AffectedRange`` whose events describe exactly the complement of the
/// versions they allow (`fixed` at the lower bound of each patched interval, `limit` where an
/// unaffected interval begins). An affected interval that starts just above a version (after
/// `<= x` unaffected or `= x` patched) cannot be written with OSV events; it is widened to start
/// at that version and the approximation is noted in ``FeedRecords/skipped``.
public struct RubySecParser: FeedParser {
    /// The feed id stored in every advisory's ``Advisory/source``.
    public let source: String

    /// A parser whose advisories record `source` as their feed (default `rubysec`).
    public init(source: String = "rubysec") {
        self.source = source
    }

    public func accepts(path: String) -> Bool {
        let components = path.split(separator: "/")
        guard components.count >= 3, components[components.count - 3].hasSuffix("gems") else { return false }
        let name = components[components.count - 1]
        return name.hasSuffix(".yml") || name.hasSuffix(".yaml")
    }

    public func parse(_ document: FeedDocument) throws(FeedError) -> FeedRecords {
        let root = try YAMLDocument.parse(document.bytes, path: document.path)
        guard case .object = root else {
            throw FeedError(.malformed, path: document.path, reason: "advisory is not a YAML mapping")
        }
        var records = FeedRecords()
        func text(_ key: String) throws(FeedError) -> String? {
            switch root[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            case .int(let value)?: return String(value)
            case .double(let value)?: return String(value)
            default: throw FeedError(.malformed, path: document.path, reason: "field '\(key)' is not a string")
            }
        }
        guard let gem = try text("gem"), !gem.isEmpty else {
            throw FeedError(.malformed, path: document.path, reason: "advisory has no string field 'gem'")
        }
        let cve = try text("cve").map { $0.hasPrefix("CVE-") ? $0 : "CVE-" + $0 }
        let ghsa = try text("ghsa").map { $0.hasPrefix("GHSA-") ? $0 : "GHSA-" + $0 }
        let osvdb = try text("osvdb").map { $0.hasPrefix("OSVDB-") ? $0 : "OSVDB-" + $0 }
        let ids = [cve, ghsa, osvdb].compactMap { $0 }
        let fileStem = Self.stem(of: document.path)
        var advisory = Advisory(id: ids.first ?? fileStem, aliases: Array(ids.dropFirst()), source: source)
        advisory.summary = try text("title")
        advisory.details = try text("description").map(OSVRecordReader.truncated)
        advisory.published = try text("date")
        if let url = try text("url") { advisory.references.append(url) }
        if let related = root["related"], case .object(let members) = related {
            for (_, value) in members { advisory.references += value.strings }
        }
        advisory.vendorSeverity = Self.severity(
            v4: try text("cvss_v4"),
            v3: try text("cvss_v3"),
            v2: try text("cvss_v2")
        )

        let patched = try requirements(root, "patched_versions", path: document.path)
        let unaffected = try requirements(root, "unaffected_versions", path: document.path)
        let key = PackageKey(ecosystem: .rubyGems, name: gem)
        do throws(RubySecRequirement.Problem) {
            let conversion = try GemRangeBuilder.build(patched: patched, unaffected: unaffected)
            var package = AffectedPackage(key: key)
            if conversion.events.isEmpty {
                package.status = .notAffected
            } else {
                package.ranges = [AffectedRange(kind: .ecosystem, events: conversion.events)]
            }
            advisory.affected = [package]
            for bound in conversion.approximatedBounds {
                records.skipped.append(
                    "\(advisory.id) \(gem): affected versions start just above \(bound), widened to include \(bound)"
                )
            }
        } catch {
            records.skipped.append("\(advisory.id) \(gem): versions left out: \(error.reason)")
        }
        records.advisories.append(advisory)
        return records
    }

    private func requirements(_ root: JSONValue, _ key: String, path: String) throws(FeedError) -> [String] {
        guard let value = root[key], value != .null else { return [] }
        guard case .array(let items) = value else {
            throw FeedError(.malformed, path: path, reason: "field '\(key)' is not a list")
        }
        var result: [String] = []
        for item in items {
            switch item {
            case .string(let text): result.append(text)
            case .int(let number): result.append(String(number))
            default: throw FeedError(.malformed, path: path, reason: "field '\(key)' holds a non-string requirement")
            }
        }
        return result
    }

    private static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// The severity band of the newest CVSS base score given (v3/v4 bands, else v2 bands).
    static func severity(v4: String?, v3: String?, v2: String?) -> Severity? {
        if let score = (v4 ?? v3).flatMap(Double.init) {
            switch score {
            case 9...: return .critical
            case 7..<9: return .high
            case 4..<7: return .medium
            case let s where s > 0: return .low
            default: return nil
            }
        }
        if let score = v2.flatMap(Double.init) {
            switch score {
            case 7...: return .high
            case 4..<7: return .medium
            case let s where s > 0: return .low
            default: return nil
            }
        }
        return nil
    }
}
