public import AdvisoryModel

/// Parses FIRST's EPSS scores CSV (`epss_scores-YYYY-MM-DD.csv`, optionally gzip-compressed):
/// optional `#model_version:…,score_date:…` comment lines, a header naming the `cve`, `epss` and
/// `percentile` columns, then one row per CVE → ``VulnerabilityEnrichment`` with `epssScore` and
/// `epssPercentile`. A row with a missing column or a score outside 0…1 is malformed (the error
/// names the line).
public struct EPSSParser: FeedParser {
    /// Creates the parser.
    public init() {}

    /// True for the file names this parser reads (see the type documentation).
    public func accepts(path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz")
    }

    /// Parses one document; malformed input throws ``FeedError`` naming the file and the field or line.
    public func parse(_ document: FeedDocument) throws(FeedError) -> FeedRecords {
        let path = document.path
        let bytes = try FeedDecompression.gunzipIfNeeded(document.bytes, path: path)
        var records = FeedRecords()
        var columns: (cve: Int, epss: Int, percentile: Int)?
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { start = end + 1 }
            if lineEnd == start || bytes[start] == UInt8(ascii: "#") { continue }
            let fields = bytes[start..<lineEnd].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self).trimmingFeedWhitespace }
            guard let layout = columns else {
                guard let cve = fields.firstIndex(of: "cve"), let epss = fields.firstIndex(of: "epss"),
                    let percentile = fields.firstIndex(of: "percentile")
                else {
                    throw FeedError(
                        .malformed,
                        path: path,
                        reason: "line \(lineNumber): header lacks the cve, epss and percentile columns"
                    )
                }
                columns = (cve, epss, percentile)
                continue
            }
            let needed = max(layout.cve, layout.epss, layout.percentile) + 1
            guard fields.count >= needed else {
                throw FeedError(
                    .malformed,
                    path: path,
                    reason: "line \(lineNumber): expected at least \(needed) columns, found \(fields.count)"
                )
            }
            let cve = fields[layout.cve]
            guard !cve.isEmpty else { throw FeedError(.malformed, path: path, reason: "line \(lineNumber): empty cve") }
            guard let score = Double(fields[layout.epss]), (0...1).contains(score) else {
                throw FeedError(.malformed, path: path, reason: "line \(lineNumber): epss is not a number in 0…1")
            }
            guard let percentile = Double(fields[layout.percentile]), (0...1).contains(percentile) else {
                throw FeedError(.malformed, path: path, reason: "line \(lineNumber): percentile is not a number in 0…1")
            }
            records.enrichments.append(VulnerabilityEnrichment(cve: cve, epssScore: score, epssPercentile: percentile))
        }
        if columns == nil {
            throw FeedError(.malformed, path: path, reason: "no header line with cve,epss,percentile")
        }
        return records
    }
}
