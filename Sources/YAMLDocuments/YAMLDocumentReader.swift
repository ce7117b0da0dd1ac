public import SecurityModel
internal import Yams

/// Reads a YAML stream into ``JSONValue`` documents, one at a time, so that invalid YAML in one document
/// gives an error for that document (with its line in the whole text) while the others still load.
///
/// Anchors and aliases are resolved, and YAML merge keys (`<<: *base`, `<<: [*a, *b]`) are applied: keys
/// written in the mapping win over merged ones, earlier maps of a merge list over later ones.
///
/// Hostile input never hangs or exhausts memory: nesting deeper than the YAML parser's limit (1000 levels)
/// is rejected by it, alias expansion is bounded by a node budget per document, and trees nested deeper than
/// 1000 levels through aliases or merge chains are rejected as well.
public struct YAMLDocumentReader: Sendable {
    /// How plain (unquoted) scalars get their type.
    public enum Schema: Sendable, Hashable {
        /// YAML 1.1 as Yams resolves it: `yes`/`no`/`on`/`off` are booleans, `22:22` is a base-60 integer,
        /// `2024-01-01` a timestamp (kept as a string). Kubernetes tooling reads YAML this way.
        case yaml11
        /// The YAML 1.2 core schema, as go-yaml v3 (Docker Compose) reads it: only `true`/`false` are booleans,
        /// `null`/`~`/empty are null, numbers are decimal, `0o`/`0x` integers or floats; everything else,
        /// `yes`, `on` and `8080:80` included, is a string.
        case core
    }

    /// Most nodes one document may expand to (aliases are counted at every use).
    public var maximumNodes: Int
    /// How plain scalars are typed.
    public var schema: Schema
    /// When true, each document's ``Document/lines`` maps key paths to their lines.
    public var recordsLines: Bool

    /// Creates a reader with the given node budget per document, scalar schema and line recording.
    public init(maximumNodes: Int = 1_000_000, schema: Schema = .yaml11, recordsLines: Bool = false) {
        self.maximumNodes = maximumNodes
        self.schema = schema
        self.recordsLines = recordsLines
    }

    /// One document of the stream.
    public struct Document: Sendable {
        /// 0-based index among the stream's non-empty documents.
        public var index: Int
        /// 1-based line of the document's first line in the whole text.
        public var firstLine: Int
        /// The value; nil for a document that is only `null`.
        public var value: JSONValue?
        /// The 1-based line in the whole text of each mapping key and sequence item, by path: keys joined with
        /// `.` and item indexes in brackets (`services.web.ports[0]`). Merged keys and keys reached through an
        /// alias point at the line where they are written (in the anchored node). Empty unless the reader
        /// ``YAMLDocumentReader/recordsLines``.
        public var lines: [String: Int] = [:]
    }

    /// Why a document could not be read.
    public struct Failure: Error, Sendable, Hashable {
        /// The two failure kinds.
        public enum Kind: Sendable, Hashable {
            /// The text is not valid YAML.
            case invalidYAML
            /// The document expands to more nodes than the budget.
            case tooManyNodes
        }
        public var kind: Kind
        /// 0-based document index.
        public var index: Int
        /// 1-based line in the whole text.
        public var line: Int
        /// What is wrong, without the file name.
        public var message: String
    }

    /// Every non-empty document of `text`, in order.
    public func read(_ text: String) -> [Result<Document, Failure>] {
        YAMLDocumentSplitter.split(text).enumerated().map { index, chunk in
            parse(chunk, index: index)
        }
    }

    private func parse(_ chunk: YAMLDocumentSplitter.Chunk, index: Int) -> Result<Document, Failure> {
        let node: Node?
        do {
            // No resolver rules: plain scalars are typed by PlainScalarType without regular expressions.
            node = try Yams.compose(yaml: String(chunk.text), .basic, .default, .utf8)
        } catch let error as YamlError {
            let (line, problem) = Self.describe(error)
            let fileLine = line.map { $0 + chunk.firstLine - 1 } ?? chunk.firstLine
            return .failure(
                Failure(kind: .invalidYAML, index: index, line: fileLine, message: "invalid YAML: \(problem)")
            )
        } catch {
            return .failure(
                Failure(kind: .invalidYAML, index: index, line: chunk.firstLine, message: "invalid YAML: \(error)")
            )
        }
        guard let node else { return .success(Document(index: index, firstLine: chunk.firstLine, value: nil)) }
        var converter = YAMLNodeConverter(
            budget: maximumNodes,
            lineOffset: chunk.firstLine - 1,
            recordsLines: recordsLines,
            schema: schema
        )
        let value: JSONValue
        do {
            value = try converter.convert(node)
        } catch {
            return .failure(failure(error, index: index, firstLine: chunk.firstLine))
        }
        var document = Document(index: index, firstLine: chunk.firstLine, value: value)
        if case .null = value { document.value = nil }
        document.lines = converter.lines ?? [:]
        return .success(document)
    }

    /// The failure for a conversion that stopped.
    private func failure(_ stop: YAMLNodeConverter.Stop, index: Int, firstLine: Int) -> Failure {
        switch stop {
        case .budget:
            return Failure(
                kind: .tooManyNodes,
                index: index,
                line: firstLine,
                message:
                    "the document expands to more than \(maximumNodes) nodes (YAML alias bomb or oversized document)"
            )
        case .depth:
            return Failure(
                kind: .tooManyNodes,
                index: index,
                line: firstLine,
                message: "the document nests deeper than \(YAMLNodeConverter.maximumDepth) levels through aliases"
            )
        case .invalidMerge(let line):
            return Failure(
                kind: .invalidYAML,
                index: index,
                line: line ?? firstLine,
                message: "invalid YAML: the value of a merge key `<<` must be a mapping or a sequence of mappings"
            )
        }
    }

    /// The 1-based line (relative to the parsed chunk) and the problem of a Yams error.
    private static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return (mark.line, "\(prefix)\(problem) (column \(mark.column))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return (context.mark.line, "duplicate key \(keys) in a mapping")
        case .reader(let problem, let offset, _, _):
            return (nil, "\(problem)" + (offset.map { " at byte \($0)" } ?? ""))
        default:
            return (nil, "\(error)")
        }
    }
}
