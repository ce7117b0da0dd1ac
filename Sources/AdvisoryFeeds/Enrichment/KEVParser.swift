public import AdvisoryModel
internal import SecurityModel

/// Parses CISA's Known Exploited Vulnerabilities catalogue (`known_exploited_vulnerabilities.json`):
/// every `vulnerabilities[].cveID` becomes a ``VulnerabilityEnrichment`` with `kevDateAdded` =
/// `dateAdded` (and the catalogue's `cwes`).
public struct KEVParser: FeedParser {
    /// Creates the parser.
    public init() {}

    /// True for the file names this parser reads (see the type documentation).
    public func accepts(path: String) -> Bool {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        return name.hasSuffix(".json")
    }

    /// Parses one document; malformed input throws ``FeedError`` naming the file and the field or line.
    public func parse(_ document: FeedDocument) throws(FeedError) -> FeedRecords {
        let path = document.path
        let bytes = try FeedDecompression.gunzipIfNeeded(document.bytes, path: path)
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes: bytes)
        } catch {
            throw FeedError(.malformed, path: path, reason: "KEV JSON: \(error)")
        }
        guard root.objectMembers != nil, let items = root["vulnerabilities"]?.arrayValue else {
            throw FeedError(.malformed, path: path, reason: "KEV JSON: \"vulnerabilities\" is missing or not an array")
        }
        var records = FeedRecords()
        for (index, item) in items.enumerated() {
            guard let cve = item["cveID"]?.nonEmptyString else {
                throw FeedError(
                    .malformed,
                    path: path,
                    reason: "KEV JSON: vulnerabilities[\(index)].cveID is missing or not a string"
                )
            }
            var enrichment = VulnerabilityEnrichment(cve: cve)
            enrichment.kevDateAdded = item["dateAdded"]?.nonEmptyString
            enrichment.cwes = (item["cwes"]?.strings ?? []).filter { $0.hasPrefix("CWE-") }
            records.enrichments.append(enrichment)
        }
        return records
    }
}
