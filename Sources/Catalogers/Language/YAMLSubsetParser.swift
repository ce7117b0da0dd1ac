/// A small YAML reader for lock files: block mappings and sequences by indentation, flow mappings and
/// sequences (`{a: 1, b: [x, y]}`), plain, single- and double-quoted scalars, literal/folded block scalars,
/// comments and `---` document separators. Anchors, aliases and tags are kept as plain text.
///
/// Hostile input (deep nesting, unterminated quotes) throws ``ParseError``; nothing traps.
struct YAMLSubsetParser {
    /// Why a document could not be read.
    struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "invalid YAML at line \(line): \(reason)" }
    }

    /// Deepest nesting of blocks and flow collections.
    static let maximumDepth = 200

    private struct Line {
        var indent: Int
        var text: Substring
        var number: Int
    }

    private var lines: [Line]
    private var position = 0

    private init(lines: [Line]) { self.lines = lines }

    /// Parses every document of `text` (separated by `---`).
    static func parseDocuments(_ text: String) throws(ParseError) -> [YAMLNode] {
        var documents: [[Line]] = [[]]
        var blockScalarIndent: Int? = nil  // inside `key: |` content, comments are text
        for (offset, raw) in LanguageSupport.lines(text).enumerated() {
            var indent = 0
            for b in raw.utf8 {
                guard b == 0x20 else { break }
                indent += 1
            }
            let body = raw.dropFirst(indent)
            if let parent = blockScalarIndent {
                if LanguageSupport.trim(body).isEmpty || indent > parent {
                    documents[documents.count - 1].append(Line(indent: indent, text: body, number: offset + 1))
                    continue
                }
                blockScalarIndent = nil
            }
            if indent == 0, body.hasPrefix("---") || body.hasPrefix("...") {
                let rest = LanguageSupport.trim(body.dropFirst(3))
                if rest.isEmpty || rest.hasPrefix("#") {
                    if !(documents.last?.isEmpty ?? true) || body.hasPrefix("...") { documents.append([]) }
                    continue
                }
            }
            if indent == 0, body.hasPrefix("%") { continue }  // directives
            let content = LanguageSupport.trim(stripComment(body))
            if content.isEmpty { continue }
            documents[documents.count - 1].append(Line(indent: indent, text: content, number: offset + 1))
            if content.hasSuffix("|") || content.hasSuffix(">") || content.hasSuffix("|-") || content.hasSuffix(">-")
                || content.hasSuffix("|+") || content.hasSuffix(">+")
            {
                blockScalarIndent = indent
            }
        }
        var out: [YAMLNode] = []
        for lines in documents where !lines.isEmpty {
            var parser = YAMLSubsetParser(lines: lines)
            let node = try parser.block(depth: 0)
            if parser.position < parser.lines.count {
                throw ParseError(line: parser.lines[parser.position].number, reason: "unexpected indentation")
            }
            out.append(node)
        }
        return out
    }

    /// Parses a single-document text (the first document when there are several).
    static func parse(_ text: String) throws(ParseError) -> YAMLNode {
        try parseDocuments(text).first ?? .null
    }

    /// Removes a `#` comment that starts the text or follows whitespace, outside quotes.
    private static func stripComment(_ s: Substring) -> Substring {
        var quote: UInt8? = nil
        var previous: UInt8 = 0x20
        var index = s.utf8.startIndex
        while index < s.utf8.endIndex {
            let b = s.utf8[index]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "#"), previous == 0x20 || previous == 0x09 {
                return s[..<index]
            } else if (b == UInt8(ascii: "\"") || b == UInt8(ascii: "'"))
                && (previous == 0x20 || previous == UInt8(ascii: ":") || previous == UInt8(ascii: "[")
                    || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",") || index == s.utf8.startIndex)
            {
                quote = b
            }
            previous = b
            index = s.utf8.index(after: index)
        }
        return s
    }

    private func fail(_ reason: String) -> ParseError {
        ParseError(line: position < lines.count ? lines[position].number : (lines.last?.number ?? 0), reason: reason)
    }

    /// A block node starting at the current line.
    private mutating func block(depth: Int) throws(ParseError) -> YAMLNode {
        guard depth < Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth)") }
        guard position < lines.count else { return .null }
        let indent = lines[position].indent
        if Self.isSequenceItem(lines[position].text) { return try sequence(indent: indent, depth: depth) }
        if Self.keySeparator(lines[position].text) != nil { return try mapping(indent: indent, depth: depth) }
        // A lone scalar (possibly spanning several lines).
        let first = lines[position]
        position += 1
        var text = String(first.text)
        while position < lines.count, lines[position].indent > indent - 1, lines[position].indent >= indent {
            text += " " + lines[position].text
            position += 1
        }
        return try Self.scalarOrFlow(text[...], line: first.number, depth: depth)
    }

    private static func isSequenceItem(_ text: Substring) -> Bool { text == "-" || text.hasPrefix("- ") }

    private mutating func sequence(indent: Int, depth: Int) throws(ParseError) -> YAMLNode {
        var items: [YAMLNode] = []
        while position < lines.count, lines[position].indent == indent, Self.isSequenceItem(lines[position].text) {
            let line = lines[position]
            let rest = LanguageSupport.trim(line.text.dropFirst())
            if rest.isEmpty {
                position += 1
                if position < lines.count, lines[position].indent > indent {
                    items.append(try block(depth: depth + 1))
                } else {
                    items.append(.null)
                }
                continue
            }
            // `- key: value` or `- - x`: the rest is a block node whose indent is that of its text.
            let offset = line.text.count - rest.count
            lines[position] = Line(indent: indent + offset, text: rest, number: line.number)
            items.append(try block(depth: depth + 1))
        }
        return .sequence(items)
    }

    private mutating func mapping(indent: Int, depth: Int) throws(ParseError) -> YAMLNode {
        var pairs: [(String, YAMLNode)] = []
        while position < lines.count, lines[position].indent == indent {
            let line = lines[position]
            guard let separator = Self.keySeparator(line.text) else {
                throw fail("expected 'key: value'")
            }
            var keyText = LanguageSupport.trim(line.text[..<separator])
            if keyText.hasPrefix("? ") { keyText = LanguageSupport.trim(keyText.dropFirst(2)) }
            let key = try Self.scalarText(keyText, line: line.number)
            let valueText = LanguageSupport.trim(line.text[line.text.index(after: separator)...])
            position += 1
            let value: YAMLNode
            if valueText.isEmpty {
                if position < lines.count,
                    lines[position].indent > indent
                        || (lines[position].indent == indent && Self.isSequenceItem(lines[position].text))
                {
                    value = try block(depth: depth + 1)
                } else {
                    value = .null
                }
            } else if let style = valueText.first, style == "|" || style == ">",
                valueText.dropFirst().allSatisfy({ "+-0123456789".contains($0) })
            {
                value = .scalar(blockScalar(parentIndent: indent, folded: style == ">"))
            } else {
                var text = String(valueText)
                // Flow collections and plain scalars may continue on more-indented lines.
                while position < lines.count, lines[position].indent > indent {
                    text += " " + lines[position].text
                    position += 1
                }
                value = try Self.scalarOrFlow(text[...], line: line.number, depth: depth)
            }
            pairs.append((key, value))
        }
        return .mapping(pairs)
    }

    /// Content lines of a `|` or `>` scalar.
    private mutating func blockScalar(parentIndent: Int, folded: Bool) -> String {
        var parts: [Substring] = []
        while position < lines.count, lines[position].indent > parentIndent {
            parts.append(lines[position].text)
            position += 1
        }
        return parts.joined(separator: folded ? " " : "\n")
    }

    /// The index of the `:` that separates a key from its value (`: `, or `:` at the end), outside quotes
    /// and flow brackets; nil when the text is not a mapping entry.
    static func keySeparator(_ text: Substring) -> Substring.Index? {
        var index = text.startIndex
        if let first = text.first, first == "\"" || first == "'" {
            // Quoted key: skip to its closing quote.
            index = text.index(after: index)
            while index < text.endIndex {
                if text[index] == first {
                    let next = text.index(after: index)
                    if first == "'", next < text.endIndex, text[next] == "'" {
                        index = text.index(after: next)
                        continue
                    }
                    index = next
                    break
                }
                if first == "\"", text[index] == "\\" {
                    index = text.index(after: index)
                    if index == text.endIndex { return nil }
                }
                index = text.index(after: index)
            }
        } else if let first = text.first, first == "{" || first == "[" {
            return nil
        }
        while index < text.endIndex {
            if text[index] == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " || text[next] == "\t" { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// A scalar (quotes removed, escapes applied) or a flow collection.
    private static func scalarOrFlow(_ text: Substring, line: Int, depth: Int) throws(ParseError) -> YAMLNode {
        if let first = text.first, first == "{" || first == "[" {
            var reader = FlowReader(text: Array(text.utf8), line: line)
            let node = try reader.value(depth: depth)
            reader.skipSpaces()
            guard reader.index == reader.text.count else {
                throw ParseError(line: line, reason: "unexpected text after a flow collection")
            }
            return node
        }
        if text == "~" || text == "null" || text == "Null" || text == "NULL" { return .null }
        return .scalar(try scalarText(text, line: line))
    }

    /// The text of a plain or quoted scalar.
    static func scalarText(_ text: Substring, line: Int) throws(ParseError) -> String {
        guard let first = text.first, first == "\"" || first == "'" else { return String(text) }
        var reader = FlowReader(text: Array(text.utf8), line: line)
        let value = try reader.quoted()
        reader.skipSpaces()
        guard reader.index == reader.text.count else {
            throw ParseError(line: line, reason: "unexpected text after a quoted scalar")
        }
        return value
    }
}

/// Reads flow collections and quoted scalars from one (joined) line.
private struct FlowReader {
    let text: [UInt8]
    let line: Int
    var index = 0

    init(text: [UInt8], line: Int) {
        self.text = text
        self.line = line
    }

    private func fail(_ reason: String) -> YAMLSubsetParser.ParseError {
        YAMLSubsetParser.ParseError(line: line, reason: reason)
    }

    mutating func skipSpaces() {
        while index < text.count, text[index] == 0x20 || text[index] == 0x09 { index += 1 }
    }

    mutating func value(depth: Int) throws(YAMLSubsetParser.ParseError) -> YAMLNode {
        guard depth < YAMLSubsetParser.maximumDepth else { throw fail("nesting too deep") }
        skipSpaces()
        guard index < text.count else { return .null }
        switch text[index] {
        case UInt8(ascii: "{"):
            index += 1
            var pairs: [(String, YAMLNode)] = []
            while true {
                skipSpaces()
                guard index < text.count else { throw fail("unterminated flow mapping") }
                if text[index] == UInt8(ascii: "}") {
                    index += 1
                    return .mapping(pairs)
                }
                let key = try flowScalar(isKey: true)
                skipSpaces()
                var value = YAMLNode.null
                if index < text.count, text[index] == UInt8(ascii: ":") {
                    index += 1
                    value = try self.value(depth: depth + 1)
                }
                pairs.append((key ?? "", value))
                skipSpaces()
                guard index < text.count else { throw fail("unterminated flow mapping") }
                if text[index] == UInt8(ascii: ",") {
                    index += 1
                } else if text[index] != UInt8(ascii: "}") {
                    throw fail("expected ',' or '}'")
                }
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [YAMLNode] = []
            while true {
                skipSpaces()
                guard index < text.count else { throw fail("unterminated flow sequence") }
                if text[index] == UInt8(ascii: "]") {
                    index += 1
                    return .sequence(items)
                }
                items.append(try value(depth: depth + 1))
                skipSpaces()
                guard index < text.count else { throw fail("unterminated flow sequence") }
                if text[index] == UInt8(ascii: ",") {
                    index += 1
                } else if text[index] != UInt8(ascii: "]") {
                    throw fail("expected ',' or ']'")
                }
            }
        default:
            guard let s = try flowScalar(isKey: false) else { return .null }
            return s == "null" || s == "~" ? .null : .scalar(s)
        }
    }

    /// A quoted scalar, or plain text up to `,` `]` `}` (and `: ` for keys).
    private mutating func flowScalar(isKey: Bool) throws(YAMLSubsetParser.ParseError) -> String? {
        skipSpaces()
        guard index < text.count else { return nil }
        if text[index] == UInt8(ascii: "\"") || text[index] == UInt8(ascii: "'") { return try quoted() }
        let start = index
        while index < text.count {
            let b = text[index]
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { break }
            if b == UInt8(ascii: ":"),
                index + 1 == text.count || text[index + 1] == 0x20 || text[index + 1] == UInt8(ascii: ",")
                    || (isKey && (text[index + 1] == UInt8(ascii: "}")))
            {
                break
            }
            index += 1
        }
        var end = index
        while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        return end > start ? String(decoding: text[start..<end], as: UTF8.self) : nil
    }

    /// A `"…"` (with escapes) or `'…'` (with `''`) scalar starting at `index`.
    mutating func quoted() throws(YAMLSubsetParser.ParseError) -> String {
        let quote = text[index]
        index += 1
        var out: [UInt8] = []
        while index < text.count {
            let b = text[index]
            index += 1
            if b == quote {
                if quote == UInt8(ascii: "'"), index < text.count, text[index] == quote {
                    out.append(quote)
                    index += 1
                    continue
                }
                return String(decoding: out, as: UTF8.self)
            }
            if quote == UInt8(ascii: "\""), b == UInt8(ascii: "\\") {
                guard index < text.count else { break }
                let e = text[index]
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "0"): out.append(0)
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = e == UInt8(ascii: "x") ? 2 : (e == UInt8(ascii: "u") ? 4 : 8)
                    guard index + count <= text.count else { throw fail("truncated escape") }
                    var code: UInt32 = 0
                    for _ in 0..<count {
                        let h = text[index]
                        let digit: UInt32
                        switch h {
                        case 0x30...0x39: digit = UInt32(h - 0x30)
                        case 0x41...0x46: digit = UInt32(h - 0x41 + 10)
                        case 0x61...0x66: digit = UInt32(h - 0x61 + 10)
                        default: throw fail("bad escape")
                        }
                        code = code &* 16 &+ digit
                        index += 1
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8))
                default: out.append(e)
                }
                continue
            }
            out.append(b)
        }
        throw fail("unterminated quoted scalar")
    }
}
