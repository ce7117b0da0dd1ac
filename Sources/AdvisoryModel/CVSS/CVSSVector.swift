public import SecurityModel

/// A parsed and scored CVSS v2, v3.0, v3.1 or v4.0 vector string.
///
/// Parsing is strict: the prefix must be `CVSS:3.0/`, `CVSS:3.1/` or `CVSS:4.0/` (v2 vectors have no prefix),
/// every component must be a metric the version defines with an allowed value, no metric may repeat, every
/// base metric must be present, v2 and v4.0 metrics must follow the specification's order, and a v2 temporal or
/// environmental group must be complete. v3.x metrics may come in any order (the specification allows it).
///
/// Scores follow the FIRST specifications: v2 (§3.2 equations), v3.0 and v3.1 (with their own `Roundup`), and
/// v4.0 (macro-vector lookup plus severity-distance interpolation, as the official calculator computes it).
public struct CVSSVector: Sendable, Hashable, CustomStringConvertible {
    /// The specification version.
    public let version: CVSSVersion
    /// The metrics as given (including explicit `X`/`ND` values), in the specification's order.
    public let metrics: [CVSSMetric]
    /// The score of the base metrics alone (for v4.0: CVSS-B, computed with threat and environmental metrics
    /// left out).
    public let baseScore: Double
    /// The most specific score the vector supports: the environmental score when an environmental metric is
    /// given with a defined value, else the temporal score when a temporal metric is, else the base score. For
    /// v4.0 it is the score of all given metrics (CVSS-B, -BT, -BE or -BTE).
    public let score: Double
    /// The qualitative rating of ``score`` in the version's rating table (v2: below 4 low, below 7 medium,
    /// else high; v3.x and v4.0: 0.0 none (``Severity/info``), then low, medium, high from 9.0 critical).
    public let severity: Severity

    /// Parses and scores `text`.
    public init(parsing text: String) throws(CVSSParseError) {
        let (version, body) = try Self.splitPrefix(text)
        let table = CVSSMetricDefinition.table(for: version)
        var given: [String: String] = [:]
        var positions: [Int] = []
        var lastPosition = -1
        for component in body.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            let parts = component.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CVSSParseError(
                    code: .malformedMetric,
                    message: "component '\(String(decoding: component, as: UTF8.self))' is not NAME:VALUE"
                )
            }
            let name = String(decoding: parts[0], as: UTF8.self)
            let value = String(decoding: parts[1], as: UTF8.self)
            guard let position = CVSSMetricDefinition.positions(for: version)[name] else {
                throw CVSSParseError(
                    code: .unknownMetric,
                    message: "CVSS \(version) has no metric '\(name)'"
                )
            }
            guard given[name] == nil else {
                throw CVSSParseError(code: .duplicateMetric, message: "metric '\(name)' given twice")
            }
            guard table[position].values.contains(value) else {
                throw CVSSParseError(
                    code: .invalidValue,
                    message: "'\(value)' is not a value of metric '\(name)'"
                )
            }
            if version == .v2 || version == .v40, position < lastPosition {
                throw CVSSParseError(code: .misplacedMetric, message: "metric '\(name)' is out of order")
            }
            lastPosition = position
            given[name] = value
            positions.append(position)
        }
        for definition in table where definition.isMandatory && given[definition.name] == nil {
            throw CVSSParseError(
                code: .missingMetric,
                message: "mandatory metric '\(definition.name)' is missing"
            )
        }
        if version == .v2 {
            for group in [CVSSMetricDefinition.Group.temporal, .environmental] {
                let members = table.filter { $0.group == group }
                let present = members.filter { given[$0.name] != nil }.count
                guard present == 0 || present == members.count else {
                    throw CVSSParseError(
                        code: .incompleteGroup,
                        message: "v2 \(group) metrics must all be given (\(present) of \(members.count) found)"
                    )
                }
            }
        }
        self.version = version
        self.metrics = positions.sorted().map {
            CVSSMetric(name: table[$0].name, value: given[table[$0].name] ?? "")
        }
        let scores = Self.scores(version: version, values: given)
        self.baseScore = scores.base
        self.score = scores.overall
        self.severity = Self.severity(of: scores.overall, version: version)
    }

    /// The vector in canonical form: the prefix (none for v2) and the given metrics in the specification's order.
    public var description: String {
        let body = metrics.map(\.description).joined(separator: "/")
        return version == .v2 ? body : "CVSS:\(version.rawValue)/\(body)"
    }

    /// The value given for metric `name` (`nil` when absent).
    public func value(of name: String) -> String? {
        metrics.first { $0.name == name }?.value
    }

    /// Picks the preferred vector among `vectors`: the one with the newest specification
    /// (v4.0 > v3.1 > v3.0 > v2); among vectors of the same version, the first one listed. Strings that do not
    /// parse are skipped; returns nil when none parses.
    public static func bestOf(_ vectors: [String]) -> CVSSVector? {
        var best: CVSSVector?
        for text in vectors {
            guard let vector = try? CVSSVector(parsing: text) else { continue }
            if let current = best, current.version >= vector.version { continue }
            best = vector
        }
        return best
    }

    /// Splits off and checks the prefix, returning the version and the metrics part.
    private static func splitPrefix(_ text: String) throws(CVSSParseError) -> (CVSSVersion, ArraySlice<UInt8>) {
        let bytes = Array(text.utf8)
        guard bytes.starts(with: "CVSS:".utf8) else {
            guard !bytes.isEmpty else {
                throw CVSSParseError(code: .malformedMetric, message: "empty vector")
            }
            return (.v2, bytes[...])
        }
        let rest = bytes[5...]
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else {
            throw CVSSParseError(code: .badPrefix, message: "no metrics after the 'CVSS:' prefix")
        }
        let number = String(decoding: rest[..<slash], as: UTF8.self)
        let version: CVSSVersion
        switch number {
        case "3.0": version = .v30
        case "3.1": version = .v31
        case "4.0": version = .v40
        default:
            throw CVSSParseError(
                code: .unsupportedVersion,
                message: "unsupported CVSS version '\(number)'"
            )
        }
        return (version, rest[(slash + 1)...])
    }

    /// The base and overall scores of the validated metric values.
    private static func scores(version: CVSSVersion, values: [String: String]) -> (
        base: Double, overall: Double
    ) {
        switch version {
        case .v2: return CVSS2Score.scores(values)
        case .v30, .v31: return CVSS3Score.scores(values, isV31: version == .v31)
        case .v40:
            let table = CVSSMetricDefinition.v4
            let base = values.filter { entry in
                table.contains { $0.name == entry.key && $0.group == .base }
            }
            let overall = CVSS4Score.score(values)
            return (base.count == values.count ? overall : CVSS4Score.score(base), overall)
        }
    }

    /// The rating of `score` in `version`'s qualitative table.
    static func severity(of score: Double, version: CVSSVersion) -> Severity {
        if version == .v2 { return score < 4.0 ? .low : (score < 7.0 ? .medium : .high) }
        if score == 0 { return .info }
        if score < 4.0 { return .low }
        if score < 7.0 { return .medium }
        return score < 9.0 ? .high : .critical
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.version == rhs.version && lhs.metrics == rhs.metrics
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(version)
        hasher.combine(metrics)
    }
}
