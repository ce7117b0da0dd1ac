/// Splits instruction arguments into words the way BuildKit does for ENV, LABEL, ARG, EXPOSE and
/// friends: whitespace separates words, quotes group, the escape character escapes.
public enum DockerfileWords {
    /// One word of an instruction's arguments.
    public struct Word: Sendable, Hashable {
        /// The text as written (quotes and escapes kept).
        public var raw: String
        /// The text with quotes removed and escapes processed.
        public var value: String
        /// UTF-8 offset of the word in the text that was split.
        public var offset: Int
    }

    /// Splits `text` into words.
    public static func split(_ text: String, escape: Character = "\\") -> [Word] {
        let bytes = Array(text.utf8)
        let esc = escape.asciiValue ?? UInt8(ascii: "\\")
        var words: [Word] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { break }
            let start = i
            var value: [UInt8] = []
            var quote: UInt8? = nil
            while i < bytes.count {
                let c = bytes[i]
                if let q = quote {
                    if c == q {
                        quote = nil
                    } else if c == esc, q == UInt8(ascii: "\""), i + 1 < bytes.count {
                        i += 1
                        value.append(bytes[i])
                    } else {
                        value.append(c)
                    }
                    i += 1
                    continue
                }
                if isSpace(c) { break }
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == esc, i + 1 < bytes.count {
                    i += 1
                    value.append(bytes[i])
                } else {
                    value.append(c)
                }
                i += 1
            }
            words.append(
                Word(
                    raw: String(decoding: bytes[start..<i], as: UTF8.self),
                    value: String(decoding: value, as: UTF8.self),
                    offset: start
                )
            )
        }
        return words
    }

    /// A `key=value` pair from ENV, LABEL or ARG.
    public struct KeyValue: Sendable, Hashable {
        public var key: String
        /// Nil for `ARG name` without default.
        public var value: String?
        /// Value as written, quotes kept.
        public var rawValue: String?
        /// Offset of the pair in the argument text.
        public var offset: Int
    }

    /// Parses ENV/LABEL style arguments: `k=v k2="v 2"`, or the legacy `ENV key value with spaces`.
    public static func keyValuePairs(_ text: String, escape: Character = "\\", legacyForm: Bool = true) -> [KeyValue] {
        let words = split(text, escape: escape)
        guard let first = words.first else { return [] }
        if legacyForm, !first.raw.contains("=") {
            let rest = text.utf8.dropFirst(first.offset + first.raw.utf8.count)
            let restText = String(decoding: rest, as: UTF8.self).trimmingSpaces
            let valueWords = split(restText, escape: escape).map(\.value)
            return [
                KeyValue(
                    key: first.value,
                    value: valueWords.joined(separator: " "),
                    rawValue: restText,
                    offset: first.offset
                )
            ]
        }
        return words.map { word in
            guard let eq = word.raw.firstIndex(of: "=") else {
                return KeyValue(key: word.value, value: nil, rawValue: nil, offset: word.offset)
            }
            let key = String(word.raw[..<eq])
            let rawValue = String(word.raw[word.raw.index(after: eq)...])
            let value = split(rawValue, escape: escape).map(\.value).joined(separator: " ")
            return KeyValue(key: unquote(key), value: value, rawValue: rawValue, offset: word.offset)
        }
    }

    private static func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == s.last, f == "\"" || f == "'" {
            return String(s.dropFirst().dropLast())
        }
        return s
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    package var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
