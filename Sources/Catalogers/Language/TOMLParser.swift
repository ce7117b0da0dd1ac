/// A strict-enough TOML reader for lock files: tables, arrays of tables, dotted and quoted keys, basic and
/// literal strings (single- and multi-line), inline tables and arrays, booleans; numbers and dates are
/// kept as text. Malformed input throws ``ParseError`` with the line; it never traps.
struct TOMLParser {
    /// Why a document could not be read.
    struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "invalid TOML at line \(line): \(reason)" }
    }

    /// Deepest nesting of inline arrays and tables.
    static let maximumDepth = 128

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses a whole document into a root table.
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> TOMLValue {
        var parser = TOMLParser(bytes)
        return try parser.document()
    }

    /// Parses UTF-8 text.
    static func parse(_ text: String) throws(ParseError) -> TOMLValue { try parse(Array(text.utf8)) }

    private func fail(_ reason: String) -> ParseError { ParseError(line: line, reason: reason) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func document() throws(ParseError) -> TOMLValue {
        var root: [(String, TOMLValue)] = []
        var tablePath: [String] = []
        var definedTables: Set<[String]> = []
        while true {
            skipBlank()
            guard let c = current else { break }
            if c == UInt8(ascii: "[") {
                index += 1
                let isArray = current == UInt8(ascii: "[")
                if isArray { index += 1 }
                skipSpaces()
                let path = try keyPath()
                skipSpaces()
                guard current == UInt8(ascii: "]") else { throw fail("expected ']' after table name") }
                index += 1
                if isArray {
                    guard current == UInt8(ascii: "]") else { throw fail("expected ']]' after array-of-tables name") }
                    index += 1
                    try Self.appendTable(&root, path: path[...], line: line)
                    // Sub-tables of the previous element may be defined again in the new one.
                    definedTables = definedTables.filter {
                        !($0.count > path.count && Array($0.prefix(path.count)) == path)
                    }
                } else {
                    guard definedTables.insert(path).inserted else { throw fail("table defined twice") }
                    try Self.openTable(&root, path: path[...], line: line)
                }
                tablePath = path
                try endOfLine()
                continue
            }
            let key = try keyPath()
            skipSpaces()
            guard current == UInt8(ascii: "=") else { throw fail("expected '=' after key") }
            index += 1
            skipSpaces()
            let value = try self.value(depth: 0)
            try Self.assign(&root, table: tablePath[...], key: key[...], value: value, line: line)
            try endOfLine()
        }
        return .table(root)
    }

    // MARK: Tree building (payloads are moved out and back so arrays stay uniquely referenced).

    /// Walks `path` from `pairs`, creating tables, entering the last element of arrays of tables, and runs
    /// `body` on the table found.
    private static func withTable(
        _ pairs: inout [(String, TOMLValue)],
        path: ArraySlice<String>,
        line: Int,
        _ body: (inout [(String, TOMLValue)]) throws(ParseError) -> Void
    ) throws(ParseError) {
        guard let first = path.first else {
            try body(&pairs)
            return
        }
        let rest = path.dropFirst()
        guard let slot = pairs.firstIndex(where: { $0.0 == first }) else {
            var table: [(String, TOMLValue)] = []
            try withTable(&table, path: rest, line: line, body)
            pairs.append((first, .table(table)))
            return
        }
        // Payloads are moved out (leaving a placeholder) so they are uniquely referenced while modified;
        // otherwise every append would copy the whole array of tables.
        if var table = pairs[slot].1.takeTable() {
            defer { pairs[slot].1 = .table(table) }
            try withTable(&table, path: rest, line: line, body)
            return
        }
        if var items = pairs[slot].1.takeArray() {
            defer { pairs[slot].1 = .array(items) }
            guard let last = items.indices.last, var table = items[last].takeTable() else {
                throw ParseError(line: line, reason: "'\(first)' is not a table")
            }
            defer { items[last] = .table(table) }
            try withTable(&table, path: rest, line: line, body)
            return
        }
        throw ParseError(line: line, reason: "'\(first)' is not a table")
    }

    private static func openTable(_ root: inout [(String, TOMLValue)], path: ArraySlice<String>, line: Int)
        throws(ParseError)
    {
        try withTable(&root, path: path, line: line) { _ throws(ParseError) in }
    }

    private static func appendTable(_ root: inout [(String, TOMLValue)], path: ArraySlice<String>, line: Int)
        throws(ParseError)
    {
        guard let last = path.last else { throw ParseError(line: line, reason: "empty table name") }
        try withTable(&root, path: path.dropLast(), line: line) {
            (table: inout [(String, TOMLValue)]) throws(ParseError) in
            guard let slot = table.firstIndex(where: { $0.0 == last }) else {
                table.append((last, .array([.table([])])))
                return
            }
            guard var items = table[slot].1.takeArray() else {
                throw ParseError(line: line, reason: "'\(last)' is not an array of tables")
            }
            items.append(.table([]))
            table[slot].1 = .array(items)
        }
    }

    private static func assign(
        _ root: inout [(String, TOMLValue)],
        table: ArraySlice<String>,
        key: ArraySlice<String>,
        value: TOMLValue,
        line: Int
    ) throws(ParseError) {
        guard let last = key.last else { throw ParseError(line: line, reason: "empty key") }
        let path = Array(table) + Array(key.dropLast())
        try withTable(&root, path: path[...], line: line) { (pairs: inout [(String, TOMLValue)]) throws(ParseError) in
            if pairs.contains(where: { $0.0 == last }) {
                throw ParseError(line: line, reason: "duplicate key '\(last)'")
            }
            pairs.append((last, value))
        }
    }

    // MARK: Lexing

    /// Skips spaces, tabs, comments and line ends.
    private mutating func skipBlank() {
        while let c = current {
            if c == 0x20 || c == 0x09 || c == 0x0D {
                index += 1
            } else if c == 0x0A {
                index += 1
                line += 1
            } else if c == UInt8(ascii: "#") {
                while let d = current, d != 0x0A { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func skipSpaces() {
        while let c = current, c == 0x20 || c == 0x09 { index += 1 }
    }

    /// After a statement: spaces, an optional comment, then a line end or the end of input.
    private mutating func endOfLine() throws(ParseError) {
        skipSpaces()
        if current == UInt8(ascii: "#") {
            while let d = current, d != 0x0A { index += 1 }
        }
        if current == 0x0D { index += 1 }
        guard let c = current else { return }
        guard c == 0x0A else { throw fail("expected the end of the line") }
        index += 1
        line += 1
    }

    private mutating func keyPath() throws(ParseError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            parts.append(try simpleKey())
            guard parts.count <= Self.maximumDepth else { throw fail("key with more than \(Self.maximumDepth) parts") }
            skipSpaces()
            guard current == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    private mutating func simpleKey() throws(ParseError) -> String {
        guard let c = current else { throw fail("expected a key") }
        if c == UInt8(ascii: "\"") { return try basicString() }
        if c == UInt8(ascii: "'") { return try literalString() }
        let start = index
        while let d = current, Self.isBareKey(d) { index += 1 }
        guard index > start else { throw fail("expected a key") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_")
            || c == UInt8(ascii: "-")
    }

    private mutating func value(depth: Int) throws(ParseError) -> TOMLValue {
        guard depth < Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth)") }
        guard let c = current else { throw fail("expected a value") }
        switch c {
        case UInt8(ascii: "\""): return .string(try basicString())
        case UInt8(ascii: "'"): return .string(try literalString())
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "{"): return try inlineTable(depth: depth)
        default:
            let start = index
            while let d = current, Self.isScalar(d) || (d == 0x20 && isDateTimeSpace(start: start)) { index += 1 }
            guard index > start else { throw fail("expected a value") }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            guard let first = text.utf8.first,
                (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                    || text == "inf" || text == "nan"
            else { throw fail("unknown value '\(text)'") }
            return .scalar(text)
        }
    }

    private static func isScalar(_ c: UInt8) -> Bool {
        isBareKey(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") || c == UInt8(ascii: "+")
    }

    /// A space inside `1979-05-27 07:32:00`: the token so far is a date and a digit follows.
    private func isDateTimeSpace(start: Int) -> Bool {
        index - start == 10 && bytes[start + 4] == UInt8(ascii: "-") && index + 1 < bytes.count
            && bytes[index + 1] >= 0x30 && bytes[index + 1] <= 0x39
    }

    private mutating func array(depth: Int) throws(ParseError) -> TOMLValue {
        index += 1
        var items: [TOMLValue] = []
        while true {
            skipBlank()
            guard let c = current else { throw fail("unterminated array") }
            if c == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            items.append(try value(depth: depth + 1))
            skipBlank()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard current == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in array") }
        }
    }

    private mutating func inlineTable(depth: Int) throws(ParseError) -> TOMLValue {
        index += 1
        var pairs: [(String, TOMLValue)] = []
        skipSpaces()
        if current == UInt8(ascii: "}") {
            index += 1
            return .table(pairs)
        }
        while true {
            skipSpaces()
            let key = try keyPath()
            skipSpaces()
            guard current == UInt8(ascii: "=") else { throw fail("expected '=' in inline table") }
            index += 1
            skipSpaces()
            let v = try value(depth: depth + 1)
            let l = line
            try Self.assign(&pairs, table: [], key: key[...], value: v, line: l)
            skipSpaces()
            guard let c = current else { throw fail("unterminated inline table") }
            index += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "}") { return .table(pairs) }
            throw fail("expected ',' or '}' in inline table")
        }
    }

    private func startsWith(_ a: UInt8, count: Int) -> Bool {
        guard index + count <= bytes.count else { return false }
        for i in 0..<count where bytes[index + i] != a { return false }
        return true
    }

    private mutating func literalString() throws(ParseError) -> String {
        let multiline = startsWith(UInt8(ascii: "'"), count: 3)
        index += multiline ? 3 : 1
        if multiline {
            if current == 0x0A {
                index += 1
                line += 1
            } else if current == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                index += 2
                line += 1
            }
        }
        let start = index
        while let c = current {
            if multiline {
                if startsWith(UInt8(ascii: "'"), count: 3) {
                    // Up to two quotes may end the content (`''''' ` forms).
                    var end = index
                    while end + 3 < bytes.count, bytes[end + 3] == UInt8(ascii: "'"), end - index < 2 { end += 1 }
                    let text = String(decoding: bytes[start..<end], as: UTF8.self)
                    index = end + 3
                    return text
                }
                if c == 0x0A { line += 1 }
            } else {
                if c == UInt8(ascii: "'") {
                    let text = String(decoding: bytes[start..<index], as: UTF8.self)
                    index += 1
                    return text
                }
                if c == 0x0A { throw fail("line end in a literal string") }
            }
            index += 1
        }
        throw fail("unterminated literal string")
    }

    private mutating func basicString() throws(ParseError) -> String {
        let multiline = startsWith(UInt8(ascii: "\""), count: 3)
        index += multiline ? 3 : 1
        if multiline {
            if current == 0x0A {
                index += 1
                line += 1
            } else if current == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                index += 2
                line += 1
            }
        }
        var out: [UInt8] = []
        while let c = current {
            if multiline, startsWith(UInt8(ascii: "\""), count: 3) {
                var extra = 0
                while index + 3 + extra < bytes.count, bytes[index + 3 + extra] == UInt8(ascii: "\""), extra < 2 {
                    extra += 1
                }
                out.append(contentsOf: repeatElement(UInt8(ascii: "\""), count: extra))
                index += 3 + extra
                return String(decoding: out, as: UTF8.self)
            }
            if !multiline, c == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == 0x0A {
                guard multiline else { throw fail("line end in a string") }
                line += 1
                out.append(c)
                index += 1
                continue
            }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                index += 1
                continue
            }
            index += 1
            guard let e = current else { throw fail("unterminated escape") }
            index += 1
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "e"): out.append(0x1B)
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = e == UInt8(ascii: "u") ? 4 : 8
                guard index + digits <= bytes.count else { throw fail("truncated unicode escape") }
                var code: UInt32 = 0
                for _ in 0..<digits {
                    guard let d = Self.hexValue(bytes[index]) else { throw fail("bad unicode escape") }
                    code = code &* 16 &+ d
                    index += 1
                }
                guard let scalar = Unicode.Scalar(code) else { throw fail("invalid unicode scalar") }
                out.append(contentsOf: Array(String(scalar).utf8))
            case 0x20, 0x09, 0x0A, 0x0D:
                // Line-ending backslash in a multi-line string: drop whitespace up to the next content.
                guard multiline else { throw fail("unknown escape") }
                index -= 1
                var sawNewline = false
                while let w = current, w == 0x20 || w == 0x09 || w == 0x0A || w == 0x0D {
                    if w == 0x0A {
                        sawNewline = true
                        line += 1
                    }
                    index += 1
                }
                guard sawNewline else { throw fail("unknown escape") }
            default: throw fail("unknown escape")
            }
        }
        throw fail("unterminated string")
    }

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }
}
