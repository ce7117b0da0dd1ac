/// The parser's state: the condition's UTF-8 bytes, a cursor and the nesting depth.
struct ConditionScanner {
    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var position = 0
    private var depth = 0

    init(text: String, maximumDepth: Int) {
        bytes = Array(text.utf8)
        self.maximumDepth = maximumDepth
    }

    // MARK: Expressions

    /// One parenthesised group being parsed (the whole condition is the outermost): the `or` operands so
    /// far, the `and` operands of the current `or` operand, the `not`s waiting for the next operand, and the
    /// `not`s that were waiting in the enclosing group when this one opened.
    private struct Group {
        var ors: [ConditionNode] = []
        var ands: [ConditionNode] = []
        var nots = 0
        var outerNots = 0

        mutating func closeAnd() {
            ors.append(ands.count == 1 ? ands[0] : .and(ands))
            ands = []
        }

        mutating func finish() -> ConditionNode {
            closeAnd()
            return ors.count == 1 ? ors[0] : .or(ors)
        }
    }

    /// Parses the whole condition: `or` binds loosest, then `and`, then `not`.
    ///
    /// Iterative, with an explicit stack of open parentheses, so that the stack used does not grow with the
    /// nesting (only fields nested in transformers recurse, at most ``maximumDepth`` levels).
    mutating func parseCondition() throws(ConditionError) -> ConditionNode {
        skipSpace()
        if atEnd { throw error("expected a condition, found end of condition") }
        var groups = [Group()]
        while true {
            // An operand: `not`s, then an opening parenthesis or a check.
            while matchKeyword("not") {
                try enter()
                groups[groups.count - 1].nots += 1
            }
            skipSpace()
            if peek == UInt8(ascii: "(") {
                try enter()
                position += 1
                let outer = groups[groups.count - 1].nots
                groups[groups.count - 1].nots = 0
                groups.append(Group(outerNots: outer))
                continue
            }
            var operand = try parseCheck()
            // Then an operator, or closing parentheses (each closed group is an operand of the one around it).
            while true {
                for _ in 0..<groups[groups.count - 1].nots {
                    operand = .not(operand)
                    depth -= 1
                }
                groups[groups.count - 1].nots = 0
                groups[groups.count - 1].ands.append(operand)
                if matchKeyword("and") { break }
                if matchKeyword("or") {
                    groups[groups.count - 1].closeAnd()
                    break
                }
                skipSpace()
                if groups.count == 1 {
                    if !atEnd { throw error("unexpected token after \(previousToken()), expecting 'or', 'and'") }
                    return groups[0].finish()
                }
                guard peek == UInt8(ascii: ")") else { throw error("expected ')' or an operator, found \(found())") }
                position += 1
                depth -= 1
                var closed = groups.removeLast()
                operand = closed.finish()
                groups[groups.count - 1].nots = closed.outerNots
            }
        }
    }

    /// A check that does not start with `(`: a field with an operator and value, or a macro name.
    private mutating func parseCheck() throws(ConditionError) -> ConditionNode {
        skipSpace()
        guard let first = peek, isLetter(first) else {
            throw error("expected a field, a macro name, 'not' or '(', found \(found())")
        }
        let start = position
        let word = readWord()
        if peek == UInt8(ascii: "("), !word.contains(".") {
            position = start
            let field = try parseFieldExpression(allowVal: false).field
            return try parseOperatorAndValue(field)
        }
        if word.contains(".") {
            position = start
            let field = try parseField()
            return try parseOperatorAndValue(field)
        }
        if word == "and" || word == "or" {
            position = start
            throw error("expected a field, a macro name, 'not' or '(', found '\(word)'")
        }
        return .macroReference(word)
    }

    // MARK: Fields

    /// A field, or a transformer applied to one (or, when `allowVal`, `val(…)`).
    private mutating func parseFieldExpression(
        allowVal: Bool
    ) throws(ConditionError) -> (field: FieldReference, sawVal: Bool) {
        skipSpace()
        let start = position
        let word = readWord()
        guard peek == UInt8(ascii: "("), !word.contains(".") else {
            position = start
            return (try parseField(), false)
        }
        let isVal = word == "val"
        let transformer = FieldTransformer(rawValue: word)
        if !(isVal && allowVal) && transformer == nil {
            position = start
            throw error(
                isVal ? "val() is only allowed on the right-hand side" : "unknown transformer '\(word)'"
            )
        }
        try enter()
        position += 1
        var inner = try parseFieldExpression(allowVal: allowVal && !isVal)
        skipSpace()
        guard peek == UInt8(ascii: ")") else { throw error("expected ')' after \(word)( argument, found \(found())") }
        position += 1
        depth -= 1
        if let transformer { inner.field.transformers.append(transformer) }
        return (inner.field, inner.sawVal || isVal)
    }

    /// `name[arg]` with a dotted name.
    private mutating func parseField() throws(ConditionError) -> FieldReference {
        skipSpace()
        let start = position
        let name = readWord()
        guard isFieldName(name) else {
            position = start
            throw error("expected a field name (like proc.name), found \(found())")
        }
        var argument: String?
        if peek == UInt8(ascii: "[") {
            position += 1
            if let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                argument = try readQuoted()
            } else {
                let argStart = position
                while let c = peek, !isSpace(c), c != UInt8(ascii: "["), c != UInt8(ascii: "]"),
                    c != UInt8(ascii: "\""), c != UInt8(ascii: "'")
                {
                    position += 1
                }
                if position == argStart { throw error("expected a field argument after '\(name)[', found \(found())") }
                argument = text(argStart, position)
            }
            guard peek == UInt8(ascii: "]") else { throw error("expected ']' after field argument, found \(found())") }
            position += 1
        }
        return FieldReference(name: name, argument: argument)
    }

    // MARK: Operators and values

    private mutating func parseOperatorAndValue(_ field: FieldReference) throws(ConditionError) -> ConditionNode {
        skipSpace()
        let operatorStart = position
        var spelling = ""
        if let c = peek,
            c == UInt8(ascii: "=") || c == UInt8(ascii: "!") || c == UInt8(ascii: "<")
                || c == UInt8(ascii: ">")
        {
            position += 1
            if peek == UInt8(ascii: "=") { position += 1 }
            spelling = text(operatorStart, position)
        } else if let c = peek, isLetter(c) {
            spelling = readWord()
        }
        if spelling == "exists" { return .exists(field) }
        guard let op = ComparisonOperator(spelling: spelling) else {
            position = operatorStart
            throw error("expected an operator after '\(field)', found \(found())")
        }
        skipSpace()
        if op.takesList {
            return .comparison(Comparison(field: field, comparisonOperator: op, value: try parseListValue(op)))
        }
        if op.acceptsListModifier, let modifier = matchModifier() {
            let value = try parseListValue(op)
            return .comparison(Comparison(field: field, comparisonOperator: op, modifier: modifier, value: value))
        }
        if let value = try parseFieldValue() {
            return .comparison(Comparison(field: field, comparisonOperator: op, value: value))
        }
        let valueStart = position
        guard let value = try readScalar() else {
            throw error("expected a value after '\(op.rawValue)', found \(found())")
        }
        if op.isNumeric {
            guard case .number = value else {
                position = valueStart
                throw error("expected a number after '\(op.rawValue)', found \(found())")
            }
        }
        return .comparison(Comparison(field: field, comparisonOperator: op, value: value))
    }

    /// `val(…)` or `transformer(…)` on the right-hand side, or nil (cursor unchanged).
    private mutating func parseFieldValue() throws(ConditionError) -> ConditionValue? {
        let start = position
        let word = readWord()
        guard peek == UInt8(ascii: "("), word == "val" || FieldTransformer(rawValue: word) != nil else {
            position = start
            return nil
        }
        position = start
        return .field(try parseFieldExpression(allowVal: true).field)
    }

    /// `oneof`/`anyof`/`allof` followed by `(`; nil (cursor unchanged) otherwise.
    private mutating func matchModifier() -> ListModifier? {
        let start = position
        guard let modifier = ListModifier(rawValue: readWord()) else {
            position = start
            return nil
        }
        skipSpace()
        if peek == UInt8(ascii: "(") { return modifier }
        position = start
        return nil
    }

    /// `( item, … )`, a list name, or a field value.
    private mutating func parseListValue(_ op: ComparisonOperator) throws(ConditionError) -> ConditionValue {
        if peek == UInt8(ascii: "(") {
            position += 1
            var items: [ConditionValue] = []
            skipSpace()
            if peek == UInt8(ascii: ")") {
                position += 1
                return .list(items)
            }
            while true {
                skipSpace()
                guard let item = try readScalar() else { throw error("expected a list item, found \(found())") }
                items.append(item)
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    position += 1
                } else if peek == UInt8(ascii: ")") {
                    position += 1
                    return .list(items)
                } else {
                    throw error("expected ',' or ')' in list, found \(found())")
                }
            }
        }
        if let value = try parseFieldValue() { return value }
        let start = position
        let word = readWord()
        guard isIdentifier(word) else {
            position = start
            throw error("expected a list '(…)' or a list name after '\(op.rawValue)', found \(found())")
        }
        return .listName(word)
    }

    /// A quoted string, a number or a bare word; nil when none starts here.
    private mutating func readScalar() throws(ConditionError) -> ConditionValue? {
        guard let c = peek else { return nil }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return .string(try readQuoted()) }
        let start = position
        while let c = peek, isBareByte(c) { position += 1 }
        if position == start { return nil }
        let word = text(start, position)
        return Self.isNumber(word) ? .number(word) : .bareWord(word)
    }

    /// The whole text as one list item, or nil.
    mutating func wholeListItem() -> ConditionValue? {
        guard let value = try? readScalar(), atEnd else { return nil }
        return value
    }

    // MARK: Lexing

    private var atEnd: Bool { position >= bytes.count }
    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while let c = peek, isSpace(c) { position += 1 }
    }

    /// `[A-Za-z0-9_.]*` from the cursor.
    private mutating func readWord() -> String {
        let start = position
        while let c = peek, isWordByte(c) { position += 1 }
        return text(start, position)
    }

    /// Consumes `keyword` when it stands as a whole word at the cursor (after blanks).
    private mutating func matchKeyword(_ keyword: StaticString) -> Bool {
        let saved = position
        skipSpace()
        if readWord() == keyword.description { return true }
        position = saved
        return false
    }

    /// A `"…"` or `'…'` string; the cursor is on the opening quote.
    private mutating func readQuoted() throws(ConditionError) -> String {
        let start = position
        let quote = bytes[position]
        position += 1
        var out: [UInt8] = []
        while let c = peek {
            position += 1
            if c == quote { return String(decoding: out, as: UTF8.self) }
            guard c == UInt8(ascii: "\\"), let next = peek else {
                out.append(c)
                continue
            }
            switch next {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                out.append(next)
                position += 1
            case UInt8(ascii: "x"):
                if position + 2 < bytes.count, let high = hexDigit(bytes[position + 1]),
                    let low = hexDigit(bytes[position + 2])
                {
                    out.append(high << 4 | low)
                    position += 3
                } else {
                    out.append(c)
                }
            default:
                out.append(c)
            }
        }
        position = start
        throw error("unterminated string, expected a closing \(quote == UInt8(ascii: "\"") ? "'\"'" : "\"'\"")")
    }

    // MARK: Helpers

    private mutating func enter() throws(ConditionError) {
        depth += 1
        if depth > maximumDepth {
            throw error("nesting deeper than \(maximumDepth) levels", code: .tooDeep)
        }
    }

    private func text(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }

    /// A short description of what is at the cursor.
    private func found() -> String {
        guard let c = peek else { return "end of condition" }
        if isWordByte(c) {
            var end = position
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            return "'\(text(position, end))'"
        }
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'\(text(position, end))'"
    }

    /// The token before the cursor (skipping blanks), quoted, in Falco's style of message.
    private func previousToken() -> String {
        var end = position
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        guard end > 0 else { return "start of condition" }
        var start = end - 1
        if isBareByte(bytes[start]) {
            while start > 0, isBareByte(bytes[start - 1]) { start -= 1 }
        } else {
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        return "'\(text(start, end))'"
    }

    private func error(_ message: String, code: ConditionError.Code = .syntax) -> ConditionError {
        var line = 1
        var column = 1
        for byte in bytes[0..<min(position, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return ConditionError(code: code, message: message, offset: position, line: line, column: column)
    }

    static func isNumber(_ word: String) -> Bool {
        let b = Array(word.utf8)
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") || b[1] == UInt8(ascii: "X") {
            return b[2...].allSatisfy { hexDigit($0) != nil }
        }
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ i: inout Int) -> Bool {
            let start = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            return i > start
        }
        guard digits(&i) else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&i) else { return false }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&i) else { return false }
        }
        return i == b.count
    }
}

private func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x08 || c == 0x0B || c == 0x0C
}

private func isLetter(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
}

private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

private func isWordByte(_ c: UInt8) -> Bool {
    isLetter(c) || isDigit(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
}

/// Bytes allowed in a bare string: anything but blanks, parentheses, commas, `=` and quotes.
func isBareByte(_ c: UInt8) -> Bool {
    !isSpace(c) && c != UInt8(ascii: "(") && c != UInt8(ascii: ")") && c != UInt8(ascii: ",")
        && c != UInt8(ascii: "=") && c != UInt8(ascii: "\"") && c != UInt8(ascii: "'")
}

/// Bytes allowed in an unquoted field argument.
func isBareArgumentByte(_ c: UInt8) -> Bool {
    !isSpace(c) && c != UInt8(ascii: "[") && c != UInt8(ascii: "]") && c != UInt8(ascii: "\"")
        && c != UInt8(ascii: "'")
}

private func hexDigit(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`.
func isIdentifier(_ word: String) -> Bool {
    guard let first = word.utf8.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
    return word.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
}

/// `[a-zA-Z][a-zA-Z0-9_]*('.'[a-zA-Z][a-zA-Z0-9_]*)+`.
func isFieldName(_ word: String) -> Bool {
    let segments = word.split(separator: ".", omittingEmptySubsequences: false)
    guard segments.count >= 2 else { return false }
    return segments.allSatisfy { segment in
        guard let first = segment.utf8.first, isLetter(first) else { return false }
        return segment.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }
}
