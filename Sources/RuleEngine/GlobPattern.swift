/// A shell glob (`*`, `?`, `[abc]`, `[a-z]`, `[!x]`/`[^x]`, `\` escapes) matched against a whole string.
///
/// `*` also matches `/` (as `fnmatch` without `FNM_PATHNAME`). An unterminated `[` is a literal `[`.
public struct GlobPattern: Sendable, Hashable {
    private enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case any
        case star
        case set(ranges: [ClosedRange<UInt32>], negated: Bool)
    }

    private let tokens: [Token]
    /// True when the pattern compares case-insensitively (`iglob`).
    public let ignoresCase: Bool

    /// Compiles `pattern`; with `ignoringCase`, both sides are lower-cased.
    public init(_ pattern: String, ignoringCase: Bool = false) {
        ignoresCase = ignoringCase
        let scalars = Array((ignoringCase ? pattern.lowercased() : pattern).unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "*":
                if tokens.last != .star { tokens.append(.star) }
                index += 1
            case "?":
                tokens.append(.any)
                index += 1
            case "\\" where index + 1 < scalars.count:
                tokens.append(.literal(scalars[index + 1]))
                index += 2
            case "[":
                if let (token, next) = Self.parseSet(scalars, from: index) {
                    tokens.append(token)
                    index = next
                } else {
                    tokens.append(.literal(scalar))
                    index += 1
                }
            default:
                tokens.append(.literal(scalar))
                index += 1
            }
        }
        self.tokens = tokens
    }

    /// True when the pattern matches all of `text`.
    public func matches(_ text: String) -> Bool {
        let scalars = Array((ignoresCase ? text.lowercased() : text).unicodeScalars)
        var t = 0
        var s = 0
        var starToken = -1
        var starText = 0
        while s < scalars.count {
            if t < tokens.count {
                switch tokens[t] {
                case .star:
                    starToken = t
                    starText = s
                    t += 1
                    continue
                case .any:
                    t += 1
                    s += 1
                    continue
                case .literal(let c) where c == scalars[s]:
                    t += 1
                    s += 1
                    continue
                case .set(let ranges, let negated)
                where ranges.contains { $0.contains(scalars[s].value) } != negated:
                    t += 1
                    s += 1
                    continue
                default:
                    break
                }
            }
            guard starToken >= 0 else { return false }
            t = starToken + 1
            starText += 1
            s = starText
        }
        while t < tokens.count, tokens[t] == .star { t += 1 }
        return t == tokens.count
    }

    /// ``matches(_:)`` for ASCII `text` given as bytes; allocates nothing.
    func matches(ascii text: UnsafeBufferPointer<UInt8>) -> Bool {
        var t = 0
        var s = 0
        var starToken = -1
        var starText = 0
        while s < text.count {
            let byte = ignoresCase ? Bytes.lower(text[s]) : text[s]
            let scalar = UInt32(byte)
            if t < tokens.count {
                switch tokens[t] {
                case .star:
                    starToken = t
                    starText = s
                    t += 1
                    continue
                case .any:
                    t += 1
                    s += 1
                    continue
                case .literal(let c) where c.value == scalar:
                    t += 1
                    s += 1
                    continue
                case .set(let ranges, let negated) where ranges.contains { $0.contains(scalar) } != negated:
                    t += 1
                    s += 1
                    continue
                default:
                    break
                }
            }
            guard starToken >= 0 else { return false }
            t = starToken + 1
            starText += 1
            s = starText
        }
        while t < tokens.count, tokens[t] == .star { t += 1 }
        return t == tokens.count
    }

    /// True when `text` contains a glob wildcard (`*`, `?` or `[`).
    public static func hasWildcards(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    private static func parseSet(_ scalars: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var index = start + 1
        var negated = false
        if index < scalars.count, scalars[index] == "!" || scalars[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "]" && !first { return (.set(ranges: ranges, negated: negated), index + 1) }
            first = false
            if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]" {
                let low = scalar.value
                let high = scalars[index + 2].value
                if low <= high { ranges.append(low...high) }
                index += 3
            } else {
                ranges.append(scalar.value...scalar.value)
                index += 1
            }
        }
        return nil
    }
}
