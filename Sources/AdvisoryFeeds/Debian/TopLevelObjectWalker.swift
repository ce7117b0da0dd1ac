internal import SecurityModel

/// Walks the members of a top-level JSON object one by one, parsing each member's value on its own.
struct TopLevelObjectWalker {
    private let bytes: [UInt8]
    private let path: String
    private var index = 0
    private var finished = false
    private var first = true

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        skipWhitespace()
        if index + 2 < bytes.count, bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
            index += 3
        }
    }

    private func error(_ reason: String) -> FeedError {
        FeedError(.malformed, path: path, reason: "invalid JSON at byte \(index): \(reason)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next (key, value) pair, or nil after the closing brace.
    mutating func next() throws(FeedError) -> (String, JSONValue)? {
        if finished { return nil }
        if first {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
                throw error("the document is not an object")
            }
            index += 1
            skipWhitespace()
            first = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                return try finish()
            }
        } else {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            if bytes[index] == UInt8(ascii: "}") { return try finish() }
            guard bytes[index] == UInt8(ascii: ",") else { throw error("expected ',' or '}'") }
            index += 1
            skipWhitespace()
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let keyStart = index
        try skipString()
        let key: String
        do {
            key = try JSONParser.parse(bytes: Array(bytes[keyStart..<index])).stringValue ?? ""
        } catch {
            throw FeedError(
                .malformed,
                path: path,
                reason: "invalid JSON at byte \(keyStart + error.offset): \(error.reason)"
            )
        }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
        index += 1
        skipWhitespace()
        let valueStart = index
        try skipValue()
        do {
            let value = try JSONParser.parse(bytes: Array(bytes[valueStart..<index]))
            return (key, value)
        } catch {
            throw FeedError(
                .malformed,
                path: path,
                reason: "package \"\(key)\": invalid JSON at byte \(valueStart + error.offset): \(error.reason)"
            )
        }
    }

    private mutating func finish() throws(FeedError) -> (String, JSONValue)? {
        index += 1
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected trailing characters") }
        finished = true
        return nil
    }

    /// Moves past a string starting at `index` (on the opening quote).
    private mutating func skipString() throws(FeedError) {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        index = bytes.count
        throw error("unterminated string")
    }

    /// Moves past one value (validated later by `JSONParser`); nesting is counted, not recursed.
    private mutating func skipValue() throws(FeedError) {
        guard index < bytes.count else { throw error("unexpected end of input") }
        var depth = 0
        repeat {
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                guard depth >= 0 else { throw error("unbalanced '\(Character(UnicodeScalar(bytes[index])))'") }
                index += 1
            case UInt8(ascii: ","):
                if depth == 0 { return }
                index += 1
            default:
                index += 1
            }
        } while depth > 0 || (index < bytes.count && !Self.endsScalar(bytes[index]))
    }

    /// True for the bytes that end a scalar value at the top level: white space, `,` and `}`.
    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"): true
        default: false
        }
    }
}
