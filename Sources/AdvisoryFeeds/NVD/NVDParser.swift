public import AdvisoryModel
internal import SecurityModel

/// Parses NVD CVE API 2.0 responses and the yearly 2.0 feed files (`{"vulnerabilities": [{"cve":
/// {…}}]}`, optionally gzip-compressed) into ``VulnerabilityEnrichment`` records.
///
/// Per CVE: the English description; CVSS vectors from `cvssMetricV40`, `V31`, `V30`, `V2` —
/// every `Primary` (NVD's own) metric first in that version order, then the others, duplicates
/// dropped — with `publishedScores[vector] = baseScore`; CWE ids from `weaknesses` (the
/// placeholders `NVD-CWE-Other` and `NVD-CWE-noinfo` left out). A record without `cve.id` is
/// malformed; metrics without a vector string are ignored.
public struct NVDParser: FeedParser {
    /// Creates the parser.
    public init() {}

    /// True for the file names this parser reads (see the type documentation).
    public func accepts(path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".json") || lower.hasSuffix(".json.gz")
    }

    /// The metric arrays in preference order.
    static let metricKeys = ["cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2"]

    /// Parses one document; malformed input throws ``FeedError`` naming the file and the field or line.
    public func parse(_ document: FeedDocument) throws(FeedError) -> FeedRecords {
        let path = document.path
        let bytes = try FeedDecompression.gunzipIfNeeded(document.bytes, path: path)
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes: bytes)
        } catch {
            throw FeedError(.malformed, path: path, reason: "NVD JSON: \(error)")
        }
        guard root.objectMembers != nil else {
            throw FeedError(.malformed, path: path, reason: "NVD JSON: the document is not an object")
        }
        guard let items = root["vulnerabilities"]?.arrayValue else {
            throw FeedError(.malformed, path: path, reason: "NVD JSON: \"vulnerabilities\" is missing or not an array")
        }
        var records = FeedRecords()
        records.enrichments.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let field = "vulnerabilities[\(index)]"
            guard let cve = item["cve"], cve.objectMembers != nil else {
                throw FeedError(.malformed, path: path, reason: "NVD JSON: \(field).cve is missing or not an object")
            }
            guard let id = cve["id"]?.nonEmptyString else {
                throw FeedError(.malformed, path: path, reason: "NVD JSON: \(field).cve.id is missing or not a string")
            }
            records.enrichments.append(enrichment(id: id, cve: cve))
        }
        return records
    }

    private func enrichment(id: String, cve: JSONValue) -> VulnerabilityEnrichment {
        var result = VulnerabilityEnrichment(cve: id)
        let descriptions = cve["descriptions"]?.items ?? []
        result.description =
            (descriptions.first { $0["lang"]?.stringValue == "en" } ?? descriptions.first)?["value"]?.nonEmptyString
        var primary: [(String, Double?)] = []
        var others: [(String, Double?)] = []
        if let metrics = cve["metrics"] {
            for key in Self.metricKeys {
                for metric in metrics[key]?.items ?? [] {
                    guard let data = metric["cvssData"], let vector = data["vectorString"]?.nonEmptyString else {
                        continue
                    }
                    let score: Double? =
                        switch data["baseScore"] {
                        case .double(let d)?: d
                        case .int(let i)?: Double(i)
                        default: nil
                        }
                    if metric["type"]?.stringValue == "Primary" {
                        primary.append((vector, score))
                    } else {
                        others.append((vector, score))
                    }
                }
            }
        }
        for (vector, score) in primary + others where !result.cvssVectors.contains(vector) {
            result.cvssVectors.append(vector)
            if let score { result.publishedScores[vector] = score }
        }
        for weakness in cve["weaknesses"]?.items ?? [] {
            for description in weakness["description"]?.items ?? [] {
                guard let value = description["value"]?.nonEmptyString, value.hasPrefix("CWE-"),
                    !result.cwes.contains(value)
                else { continue }
                result.cwes.append(value)
            }
        }
        return result
    }
}
