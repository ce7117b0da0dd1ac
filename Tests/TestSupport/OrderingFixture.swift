internal import Foundation

/// Reads version-ordering files (`a < b`, `a = b`, `a > b` per line, `#` comments), such as
/// `../shared/corpus/vulndb/version-comparison/osv-scalibr-semantic/*.txt`.
public enum OrderingFixture {
    public enum Relation: String, Sendable { case less = "<", equal = "=", greater = ">" }

    public struct Row: Sendable, CustomStringConvertible {
        public var lhs: String
        public var relation: Relation
        public var rhs: String
        public var line: Int
        public var description: String { "line \(line): \(lhs) \(relation.rawValue) \(rhs)" }
    }

    /// Rows of the corpus file `name` in the version-comparison folder; nil when the corpus is missing.
    public static func corpusRows(_ name: String) -> [Row]? {
        guard let path = Corpus.path("vulndb/version-comparison/osv-scalibr-semantic/\(name)"),
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        return rows(text)
    }

    /// Parses ordering text.
    public static func rows(_ text: String) -> [Row] {
        var result: [Row] = []
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            for op in [" < ", " = ", " > "] {
                if let range = line.range(of: op) {
                    let relation = Relation(rawValue: op.trimmingCharacters(in: .whitespaces)) ?? .equal
                    result.append(
                        Row(
                            lhs: String(line[..<range.lowerBound]),
                            relation: relation,
                            rhs: String(line[range.upperBound...]),
                            line: index + 1
                        )
                    )
                    break
                }
            }
        }
        return result
    }
}
