public import SecurityModel

/// A record that did not decode from the store's JSON.
public struct AdvisoryDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "stored advisory is malformed: \(reason)" }
}

extension Advisory {
    /// The compact JSON form kept in the database (and in export bundles). Stable field names.
    public var storageJSON: JSONValue {
        .compactObject([
            ("id", .string(id)),
            ("aliases", aliases.isEmpty ? nil : .array(aliases.map(JSONValue.string))),
            ("related", related.isEmpty ? nil : .array(related.map(JSONValue.string))),
            ("source", .string(source)),
            ("summary", summary.map(JSONValue.string)),
            ("details", details.map(JSONValue.string)),
            ("published", published.map(JSONValue.string)),
            ("modified", modified.map(JSONValue.string)),
            ("withdrawn", withdrawn.map(JSONValue.string)),
            ("severity", vendorSeverity.map { .string($0.rawValue) }),
            ("cvss", cvssVectors.isEmpty ? nil : .array(cvssVectors.map(JSONValue.string))),
            ("cwes", cwes.isEmpty ? nil : .array(cwes.map(JSONValue.string))),
            ("references", references.isEmpty ? nil : .array(references.map(JSONValue.string))),
            ("affected", affected.isEmpty ? nil : .array(affected.map(\.storageJSON))),
        ])
    }

    /// Decodes ``storageJSON``.
    public init(storageJSON json: JSONValue) throws(AdvisoryDecodingError) {
        guard let id = json["id"]?.stringValue, let source = json["source"]?.stringValue else {
            throw AdvisoryDecodingError("missing id or source")
        }
        var affected: [AffectedPackage] = []
        for item in json["affected"]?.items ?? [] { affected.append(try AffectedPackage(storageJSON: item)) }
        self.init(
            id: id,
            aliases: json["aliases"]?.strings ?? [],
            related: json["related"]?.strings ?? [],
            source: source,
            summary: json["summary"]?.stringValue,
            details: json["details"]?.stringValue,
            published: json["published"]?.stringValue,
            modified: json["modified"]?.stringValue,
            withdrawn: json["withdrawn"]?.stringValue,
            vendorSeverity: json["severity"]?.stringValue.flatMap(Severity.init(rawValue:)),
            cvssVectors: json["cvss"]?.strings ?? [],
            cwes: json["cwes"]?.strings ?? [],
            references: json["references"]?.strings ?? [],
            affected: affected
        )
    }
}

extension AffectedPackage {
    /// The compact JSON form of one affected package.
    public var storageJSON: JSONValue {
        .compactObject([
            ("ecosystem", .string(key.ecosystem.rawValue)),
            ("release", key.release.map(JSONValue.string)),
            ("name", .string(key.name)),
            ("status", status == .affected ? nil : .string(status.rawValue)),
            ("severity", vendorSeverity.map { .string($0.rawValue) }),
            ("severityLabel", vendorSeverityLabel.map(JSONValue.string)),
            ("versions", versions.isEmpty ? nil : .array(versions.map(JSONValue.string))),
            (
                "ranges",
                ranges.isEmpty
                    ? nil
                    : .array(
                        ranges.map { range in
                            .object([
                                ("type", .string(range.kind.rawValue)),
                                ("events", .array(range.events.map(\.storageJSON))),
                            ])
                        }
                    )
            ),
        ])
    }

    /// Decodes ``storageJSON``.
    public init(storageJSON json: JSONValue) throws(AdvisoryDecodingError) {
        guard let eco = json["ecosystem"]?.stringValue, let name = json["name"]?.stringValue else {
            throw AdvisoryDecodingError("affected package without ecosystem or name")
        }
        var ranges: [AffectedRange] = []
        for r in json["ranges"]?.items ?? [] {
            guard let kind = r["type"]?.stringValue.flatMap(AffectedRange.Kind.init(rawValue:)) else {
                throw AdvisoryDecodingError("range without a known type")
            }
            var events: [RangeEvent] = []
            for e in r["events"]?.items ?? [] { events.append(try RangeEvent(storageJSON: e)) }
            ranges.append(AffectedRange(kind: kind, events: events))
        }
        var key = PackageKey(ecosystem: Ecosystem(rawValue: eco), release: json["release"]?.stringValue, name: name)
        key.name = name  // stored names are already normalised
        self.init(
            key: key,
            ranges: ranges,
            versions: json["versions"]?.strings ?? [],
            status: json["status"]?.stringValue.flatMap(AffectedStatus.init(rawValue:)) ?? .affected,
            vendorSeverity: json["severity"]?.stringValue.flatMap(Severity.init(rawValue:)),
            vendorSeverityLabel: json["severityLabel"]?.stringValue
        )
    }
}

extension RangeEvent {
    /// `{"introduced": "1.0"}` etc., as in OSV.
    public var storageJSON: JSONValue {
        switch self {
        case .introduced(let v): .object([("introduced", .string(v))])
        case .fixed(let v): .object([("fixed", .string(v))])
        case .lastAffected(let v): .object([("last_affected", .string(v))])
        case .limit(let v): .object([("limit", .string(v))])
        }
    }

    /// Decodes an OSV event object.
    public init(storageJSON json: JSONValue) throws(AdvisoryDecodingError) {
        if let v = json["introduced"]?.stringValue {
            self = .introduced(v)
        } else if let v = json["fixed"]?.stringValue {
            self = .fixed(v)
        } else if let v = json["last_affected"]?.stringValue {
            self = .lastAffected(v)
        } else if let v = json["limit"]?.stringValue {
            self = .limit(v)
        } else {
            throw AdvisoryDecodingError("range event is not introduced/fixed/last_affected/limit")
        }
    }
}
