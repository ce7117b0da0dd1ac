internal import AdvisoryModel
internal import SecurityModel

/// Parses OSV schema 1.x records: JSON (one record per file, an array of records, or osv.dev's
/// `{"vulns": [...]}` wrapper) and YAML (the pypa advisory database's `PYSEC-*.yaml`).
///
/// Packages in ecosystems Bulkhead cannot match, and ranges whose versions do not parse in the
/// ecosystem's scheme, are left out and named in ``FeedRecords/skipped``; the rest of the record
/// is kept. A structurally invalid record (not an object, no `id`, a field of the wrong type) is
/// a ``FeedError/Kind/malformed`` error naming the field.
public struct OSVParser: FeedParser {
    /// The feed id stored in every advisory's ``Advisory/source``.
    public let source: String

    /// A parser whose advisories record `source` as their feed.
    public init(source: String) {
        self.source = source
    }

    public func accepts(path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard !name.hasPrefix(".") else { return false }
        let lower = name.lowercased()
        return lower.hasSuffix(".json") || lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    public func parse(_ document: FeedDocument) throws(FeedError) -> FeedRecords {
        let lower = document.path.lowercased()
        let root: JSONValue
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            root = try YAMLDocument.parse(document.bytes, path: document.path)
        } else {
            do {
                root = try JSONParser.parse(bytes: document.bytes)
            } catch {
                throw FeedError(.malformed, path: document.path, reason: error.description)
            }
        }
        var records = FeedRecords()
        switch root {
        case .array(let items):
            for (index, item) in items.enumerated() {
                try read(item, path: document.path, label: "record \(index)", into: &records)
            }
        case .object:
            if let vulns = root["vulns"], root["id"] == nil {
                guard case .array(let items) = vulns else {
                    throw FeedError(.malformed, path: document.path, reason: "field 'vulns' is not an array")
                }
                for (index, item) in items.enumerated() {
                    try read(item, path: document.path, label: "vulns[\(index)]", into: &records)
                }
            } else {
                try read(root, path: document.path, label: "record", into: &records)
            }
        default:
            throw FeedError(.malformed, path: document.path, reason: "document is not an OSV object or array")
        }
        return records
    }

    private func read(_ value: JSONValue, path: String, label: String, into records: inout FeedRecords)
        throws(FeedError)
    {
        var reader = OSVRecordReader(path: path, label: label, source: source)
        let advisory = try reader.advisory(from: value)
        records.advisories.append(advisory)
        records.skipped += reader.skipped
    }
}
