public import RuntimeEvents

/// A rule's `output:` string parsed once into literal text and field references, rendered per event.
///
/// Syntax, as Falco writes outputs:
/// - `%name`, `%name[arg]`, `%name.key` substitute a field (`%proc.name`, `%proc.aname[2]`,
///   `%evt.arg.flags`, `%container.label.app`). A field name is letters, digits, `_` and `.`, starting
///   with a letter; a trailing `.` ends the sentence, not the name (`… by %user.name.`).
/// - `%%` is a literal `%`; a `%` not followed by a letter (`100%`, `% done`, a final `%`) is literal too.
/// - A value that cannot be extracted renders as `<NA>` (and `null` in `output_fields`).
/// - A name the event model does not serve is an error at parse time.
public struct OutputTemplate: Sendable {
    /// The text printed for a value that cannot be extracted.
    public static let missingValue = "<NA>"

    /// One piece of the template.
    public enum Segment: Sendable {
        /// Text copied as is.
        case literal(String)
        /// A field reference as written (without `%`) and its resolution.
        case field(String, BoundField)
    }

    /// The pieces, in order.
    public let segments: [Segment]
    /// The field references in the template, each once, sorted by name (the `output_fields` keys).
    public let fieldNames: [String]
    private let fieldIndex: [String: Int]
    private let boundFields: [BoundField]

    /// Parses `text`; `resolve` maps a field reference to a served field (the event model by default).
    public init(
        _ text: String,
        resolve: (String) -> BoundField? = { EventFields.resolve($0) }
    ) throws(OutputTemplateError) {
        var segments: [Segment] = []
        var literal = ""
        var references: [String: BoundField] = [:]
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            guard c == "%", i + 1 < characters.count else {
                literal.append(c)
                i += 1
                continue
            }
            let next = characters[i + 1]
            if next == "%" {
                literal.append("%")
                i += 2
                continue
            }
            guard next.isASCII, next.isLetter else {
                literal.append(c)
                i += 1
                continue
            }
            var end = i + 1
            while end < characters.count, Self.isNameCharacter(characters[end]) { end += 1 }
            // A trailing dot ends the sentence: `by %user.name.`
            while characters[end - 1] == "." { end -= 1 }
            if end < characters.count, characters[end] == "[" {
                guard let close = characters[end...].firstIndex(of: "]") else {
                    let name = String(characters[(i + 1)..<end])
                    throw OutputTemplateError(
                        code: .unterminatedArgument,
                        field: name,
                        offset: i,
                        message: "'%\(name)[' at offset \(i) has no closing ']'"
                    )
                }
                end = close + 1
            }
            let reference = String(characters[(i + 1)..<end])
            guard let bound = resolve(reference) else {
                throw OutputTemplateError(
                    code: .unknownField,
                    field: reference,
                    offset: i,
                    message: "unknown field '\(reference)' at offset \(i) of the output"
                )
            }
            if !literal.isEmpty {
                segments.append(.literal(literal))
                literal = ""
            }
            segments.append(.field(reference, bound))
            references[reference] = bound
            i = end
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
        fieldNames = references.keys.sorted()
        var index: [String: Int] = [:]
        for (n, name) in fieldNames.enumerated() { index[name] = n }
        fieldIndex = index
        boundFields = fieldNames.compactMap { references[$0] }
    }

    /// The output text and the `output_fields` (sorted by name) for `event`.
    public func render(
        _ event: RuntimeEvent,
        _ table: ProcessTable
    ) -> (text: String, fields: [(name: String, value: AlertFieldValue)]) {
        let values = boundFields.map { Self.value($0.extract(event, table)) }
        var text = ""
        for segment in segments {
            switch segment {
            case .literal(let s): text += s
            case .field(let name, _):
                if let n = fieldIndex[name] { text += values[n].text }
            }
        }
        return (text, zip(fieldNames, values).map { (name: $0, value: $1) })
    }

    /// The alert value of an extracted field: numbers stay numbers, missing is null, the rest is text.
    public static func value(_ value: FieldValue?) -> AlertFieldValue {
        switch value {
        case .none: return .null
        case .number(let n): return .number(n)
        case .some(let other): return .string(other.text)
        }
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == ".")
    }
}
