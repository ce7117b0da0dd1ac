/// Compose variable interpolation over one string, from a given environment only (the audit never reads
/// `.env` files or the process environment itself).
///
/// Supported, as in the Compose Specification: `$VAR`, `${VAR}`, `${VAR:-default}` (unset or empty),
/// `${VAR-default}` (unset), `${VAR:?message}` / `${VAR?message}` (required), `${VAR:+replacement}` /
/// `${VAR+replacement}`, `$$` for a literal `$`, and nested expressions in defaults (`${A:-${B}}`). A `$` not
/// followed by a name, `{` or `$` stays as it is. An unset variable without a default becomes the empty
/// string and is reported in ``Output/unresolved``, as `docker compose` warns and goes on.
public struct ComposeInterpolator: Sendable {
    /// Variable values.
    public var environment: [String: String]

    /// Creates an interpolator over `environment`.
    public init(environment: [String: String]) { self.environment = environment }

    /// A failed interpolation.
    public enum Failure: Error, Sendable, Hashable {
        /// A required variable (`${NAME:?message}`) is unset (or empty, with `:`).
        case missing(name: String, message: String)
        /// A malformed `${…}` expression: unterminated, no variable name, or an unknown operator.
        case invalid(expression: String)
    }

    /// An interpolated string.
    public struct Output: Sendable, Hashable {
        /// The text with every expression replaced.
        public var text: String
        /// Names of variables used without a value or default, in order of first use.
        public var unresolved: [String]
    }

    /// Deepest nesting of `${…}` inside defaults.
    static let maximumNesting = 16

    /// Interpolates `text`.
    public func interpolate(_ text: String) throws(Failure) -> Output {
        guard text.contains("$") else { return Output(text: text, unresolved: []) }
        var unresolved: [String] = []
        let result = try expand(Array(text), depth: 0, unresolved: &unresolved)
        return Output(text: result, unresolved: unresolved)
    }

    private func expand(_ chars: [Character], depth: Int, unresolved: inout [String]) throws(Failure) -> String {
        guard depth <= Self.maximumNesting else { throw .invalid(expression: String(chars)) }
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "$", i + 1 < chars.count else {
                out.append(c)
                i += 1
                continue
            }
            let next = chars[i + 1]
            if next == "$" {
                out.append("$")
                i += 2
            } else if next == "{" {
                guard let close = Self.closingBrace(chars, from: i + 2) else {
                    throw .invalid(expression: String(chars[i...]))
                }
                out += try braced(Array(chars[(i + 2)..<close]), depth: depth, unresolved: &unresolved)
                i = close + 1
            } else if Self.isNameStart(next) {
                var end = i + 1
                while end < chars.count, Self.isNameCharacter(chars[end]) { end += 1 }
                out += value(of: String(chars[(i + 1)..<end]), unresolved: &unresolved)
                i = end
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    /// The body of `${…}`: a name and an optional operator with its argument.
    private func braced(_ body: [Character], depth: Int, unresolved: inout [String]) throws(Failure) -> String {
        let expression = "${" + String(body) + "}"
        guard let first = body.first, Self.isNameStart(first) else { throw .invalid(expression: expression) }
        var end = 1
        while end < body.count, Self.isNameCharacter(body[end]) { end += 1 }
        let name = String(body[..<end])
        let rest = Array(body[end...])
        guard !rest.isEmpty else { return value(of: name, unresolved: &unresolved) }
        let colon = rest[0] == ":"
        let opIndex = colon ? 1 : 0
        guard opIndex < rest.count else { throw .invalid(expression: expression) }
        let op = rest[opIndex]
        guard op == "-" || op == "?" || op == "+" else { throw .invalid(expression: expression) }
        let argument = Array(rest[(opIndex + 1)...])
        let current = environment[name]
        let isSet = current != nil
        let isUsable = colon ? !(current ?? "").isEmpty : isSet
        switch op {
        case "-":
            if isUsable, let current { return current }
            return try expand(argument, depth: depth + 1, unresolved: &unresolved)
        case "?":
            if isUsable, let current { return current }
            let message = try expand(argument, depth: depth + 1, unresolved: &unresolved)
            throw .missing(name: name, message: message)
        default:
            guard isUsable else { return "" }
            return try expand(argument, depth: depth + 1, unresolved: &unresolved)
        }
    }

    private func value(of name: String, unresolved: inout [String]) -> String {
        if let value = environment[name] { return value }
        if !unresolved.contains(name) { unresolved.append(name) }
        return ""
    }

    /// Index of the `}` closing a `${` whose body starts at `start`, counting nested `${…}`.
    private static func closingBrace(_ chars: [Character], from start: Int) -> Int? {
        var depth = 1
        var i = start
        while i < chars.count {
            if chars[i] == "$", i + 1 < chars.count, chars[i + 1] == "{" {
                depth += 1
                i += 2
                continue
            }
            if chars[i] == "$", i + 1 < chars.count, chars[i + 1] == "$" {
                i += 2
                continue
            }
            if chars[i] == "}" {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    private static func isNameStart(_ c: Character) -> Bool {
        c == "_" || (c.isASCII && c.isLetter)
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        isNameStart(c) || (c.isASCII && c.isNumber)
    }
}
