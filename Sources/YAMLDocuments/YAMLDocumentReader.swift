public import SecurityModel
internal import Yams

/// Reads a YAML stream into ``JSONValue`` documents, one at a time, so that invalid YAML in one document
/// gives an error for that document (with its line in the whole text) while the others still load.
///
/// Hostile input never hangs or exhausts memory: nesting deeper than the YAML parser's limit (1000 levels)
/// is rejected by it, and alias expansion is bounded by a node budget per document.
public struct YAMLDocumentReader: Sendable {
    /// Most nodes one document may expand to (aliases are counted at every use).
    public var maximumNodes: Int

    /// Creates a reader with the given node budget per document.
    public init(maximumNodes: Int = 1_000_000) {
        self.maximumNodes = maximumNodes
    }

    /// One document of the stream.
    public struct Document: Sendable {
        /// 0-based index among the stream's non-empty documents.
        public var index: Int
        /// 1-based line of the document's first line in the whole text.
        public var firstLine: Int
        /// The value; nil for a document that is only `null`.
        public var value: JSONValue?
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
            node = try Yams.compose(yaml: String(chunk.text))
        } catch let error as YamlError {
            let (line, problem) = Self.describe(error)
            let fileLine = line.map { $0 + chunk.firstLine - 1 } ?? chunk.firstLine
            return .failure(Failure(kind: .invalidYAML, index: index, line: fileLine, message: "invalid YAML: \(problem)"))
        } catch {
            return .failure(
                Failure(kind: .invalidYAML, index: index, line: chunk.firstLine, message: "invalid YAML: \(error)")
            )
        }
        guard let node else { return .success(Document(index: index, firstLine: chunk.firstLine, value: nil)) }
        var converter = YAMLNodeConverter(budget: maximumNodes)
        guard let value = converter.convert(node) else {
            return .failure(
                Failure(
                    kind: .tooManyNodes,
                    index: index,
                    line: chunk.firstLine,
                    message:
                        "the document expands to more than \(maximumNodes) nodes (YAML alias bomb or oversized document)"
                )
            )
        }
        if case .null = value { return .success(Document(index: index, firstLine: chunk.firstLine, value: nil)) }
        return .success(Document(index: index, firstLine: chunk.firstLine, value: value))
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
