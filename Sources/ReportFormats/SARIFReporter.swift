public import SecurityModel

/// SARIF 2.1.0 output, as accepted by GitHub code scanning.
///
/// One run; `tool.driver.rules` holds one reporting descriptor per rule of the report plus one for
/// every rule id that appears only in findings, so every result has a `ruleIndex`. Target errors
/// become `invocations[0].toolExecutionNotifications`.
///
/// Choices made for GitHub, which requires `region.startLine` on every physical location:
/// a finding in a file without a known range is anchored at line 1, and a finding without a file
/// (an image path, a container) gets an artifact URI built from its path or image, anchored at line 1,
/// plus a logical location naming the whole place. Columns count Unicode scalars
/// (`columnKind: unicodeCodePoints`), as ``SourcePosition`` does.
public struct SARIFReporter: Sendable {
    /// The `$schema` written into every log.
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The SARIF version written.
    public static let sarifVersion = "2.1.0"
    /// The key of Bulkhead's fingerprint in each result's `partialFingerprints`: 16 hex digits of
    /// FNV-1a 64 over rule id, file and trimmed snippet (see ``FNV1a64``).
    public static let fingerprintKey = "bulkheadFingerprint/v1"

    /// Creates a reporter.
    public init() {}

    /// The serialised SARIF log, followed by a newline.
    public func render(_ report: Report) -> String {
        document(report).serialized(pretty: true) + "\n"
    }

    /// The SARIF log as a JSON value.
    public func document(_ report: Report) -> JSONValue {
        let rules = Self.ruleEntries(report)
        var indexByID: [String: Int] = [:]
        for (index, rule) in rules.enumerated() { indexByID[rule.id] = index }
        var keys = FingerprintKeys()
        let results = report.findings.map { finding in
            result(
                finding,
                ruleIndex: indexByID[finding.ruleID],
                fingerprint: FingerprintKeys.hex64(keys.next(for: finding))
            )
        }
        let driver = JSONValue.compactObject([
            ("name", .string(report.tool.name)),
            ("version", .string(report.tool.version)),
            ("informationUri", Self.isWebURI(report.tool.informationURI) ? .string(report.tool.informationURI) : nil),
            ("rules", .array(rules.map(\.json))),
        ])
        let run = JSONValue.object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([invocation(report)])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        return .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string(Self.sarifVersion)),
            ("runs", .array([run])),
        ])
    }

    // MARK: Rules

    /// What one `reportingDescriptor` is built from.
    private struct RuleEntry {
        var id: String
        var slug: String
        var title: String
        var severity: Severity
        var enabled: Bool
        var remediation: String
        var references: [String]
        var tags: [String]
        var aliases: [String]

        init(_ rule: RuleDescriptor) {
            id = rule.id
            slug = rule.slug
            title = rule.title
            severity = rule.severity
            enabled = rule.enabledByDefault
            remediation = rule.remediation
            references = rule.references
            tags = rule.tags
            aliases = rule.aliases
        }

        init(_ finding: Finding) {
            id = finding.ruleID
            slug = SARIFReporter.slug(finding.title.isEmpty ? finding.ruleID : finding.title)
            title = finding.title
            severity = finding.severity
            enabled = true
            remediation = finding.remediation ?? ""
            references = finding.references
            tags = finding.tags
            aliases = finding.aliases
        }

        var json: JSONValue {
            let text = title.isEmpty ? id : title
            let configuration = JSONValue.compactObject([
                ("enabled", enabled ? nil : .bool(false)),
                ("level", .string(severity.sarifLevel)),
            ])
            return .compactObject([
                ("id", .string(id)),
                ("name", .string(slug.isEmpty ? SARIFReporter.slug(id) : slug)),
                ("shortDescription", .object([("text", .string(text))])),
                ("fullDescription", .object([("text", .string(text))])),
                ("helpUri", references.first(where: SARIFReporter.isWebURI).map { .string($0) }),
                ("help", remediation.isEmpty ? nil : .object([("text", .string(remediation))])),
                ("defaultConfiguration", configuration),
                (
                    "properties",
                    .object([
                        ("tags", .array(SARIFReporter.unique(tags).map { .string($0) })),
                        ("security-severity", .string(severity.securitySeverityScore)),
                        ("aliases", .array(aliases.map { .string($0) })),
                    ])
                ),
            ])
        }
    }

    /// The report's rules (first descriptor wins for a repeated id), then rules known only from findings.
    private static func ruleEntries(_ report: Report) -> [RuleEntry] {
        var seen = Set<String>()
        var entries: [RuleEntry] = []
        for rule in report.rules where seen.insert(rule.id).inserted { entries.append(RuleEntry(rule)) }
        for finding in report.findings where seen.insert(finding.ruleID).inserted {
            entries.append(RuleEntry(finding))
        }
        return entries
    }

    // MARK: Results

    private func result(_ finding: Finding, ruleIndex: Int?, fingerprint: String) -> JSONValue {
        let text = finding.message.isEmpty ? (finding.title.isEmpty ? finding.ruleID : finding.title) : finding.message
        var properties: [(String, JSONValue)] = [("severity", .string(finding.severity.rawValue))]
        if finding.fixable { properties.append(("fixable", .bool(true))) }
        return .compactObject([
            ("ruleId", .string(finding.ruleID)),
            ("ruleIndex", ruleIndex.map { .int($0) }),
            ("level", .string(finding.severity.sarifLevel)),
            ("message", .object([("text", .string(text))])),
            ("locations", .array(locations(finding.location))),
            ("partialFingerprints", .object([(Self.fingerprintKey, .string(fingerprint))])),
            ("properties", .object(properties)),
        ])
    }

    private func locations(_ location: Location) -> [JSONValue] {
        if let file = location.file {
            let physical = JSONValue.object([
                ("artifactLocation", .object([("uri", .string(URIReference.encodingPath(file)))])),
                ("region", region(location)),
            ])
            return [.object([("physicalLocation", physical)])]
        }
        let logicalName =
            location.fieldPath ?? location.object ?? location.path ?? location.container
            ?? location.layer ?? location.image
        guard let logicalName else { return [] }
        let logical = JSONValue.object([
            ("name", .string(logicalName)),
            ("fullyQualifiedName", .string(location.displayName)),
            ("kind", .string(location.fieldPath != nil ? "property" : location.object != nil ? "object" : "resource")),
        ])
        var pairs: [(String, JSONValue)] = []
        if let artifact = artifactPath(location) {
            pairs.append(
                (
                    "physicalLocation",
                    .object([
                        ("artifactLocation", .object([("uri", .string(URIReference.encodingPath(artifact)))])),
                        ("region", region(location)),
                    ])
                )
            )
        }
        pairs.append(("logicalLocations", .array([logical])))
        return [.object(pairs)]
    }

    /// The pseudo-file of a finding without a file: its path inside the image (made relative), else the image.
    private func artifactPath(_ location: Location) -> String? {
        if let path = location.path {
            let relative = String(path.drop { $0 == "/" })
            return relative.isEmpty ? nil : relative
        }
        return location.image
    }

    /// The region: the known range (end only when it is not before the start), else line 1.
    private func region(_ location: Location) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let range = location.range {
            let start = SourcePosition(line: max(1, range.start.line), column: max(1, range.start.column))
            pairs.append(("startLine", .int(start.line)))
            pairs.append(("startColumn", .int(start.column)))
            if range.end >= start {
                pairs.append(("endLine", .int(range.end.line)))
                pairs.append(("endColumn", .int(range.end.column)))
            }
        } else {
            pairs.append(("startLine", .int(1)))
        }
        if let snippet = location.snippet { pairs.append(("snippet", .object([("text", .string(snippet))]))) }
        return .object(pairs)
    }

    // MARK: Invocation

    private func invocation(_ report: Report) -> JSONValue {
        let notifications = report.errors.map { error in
            JSONValue.object([
                ("level", .string("error")),
                ("message", .object([("text", .string(error.message.isEmpty ? error.code : error.message))])),
                (
                    "locations",
                    .array([
                        .object([
                            (
                                "physicalLocation",
                                .object([
                                    (
                                        "artifactLocation",
                                        .object([("uri", .string(URIReference.encodingPath(error.target)))])
                                    )
                                ])
                            )
                        ])
                    ])
                ),
                ("descriptor", .object([("id", .string(error.code))])),
            ])
        }
        return .object([
            ("executionSuccessful", .bool(report.errors.isEmpty)),
            ("toolExecutionNotifications", .array(notifications)),
        ])
    }

    // MARK: Helpers

    /// A kebab-case name: lower-case letters and digits, other runs of characters become one `-`.
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// True for absolute `http`/`https` URIs, the only references written as `helpUri`/`informationUri`.
    static func isWebURI(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.contains(where: \.isWhitespace)
    }

    /// `items` without repeats, first occurrence kept (SARIF requires unique `tags`).
    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
