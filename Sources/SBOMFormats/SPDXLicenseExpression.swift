/// A parsed SPDX license expression (SPDX 2.3 Annex D) whose identifiers are all on the SPDX license list.
///
/// Parsing is strict: operators must be upper case (`AND`, `OR`, `WITH`), license identifiers match the
/// list case-insensitively and are rewritten in their canonical case, `LicenseRef-`/`DocumentRef-` references
/// are kept as written. Anything else (an unknown identifier, a stray parenthesis) is not an expression.
public indirect enum SPDXLicenseExpression: Sendable, Hashable, CustomStringConvertible {
    /// A listed license identifier, `orLater` for a trailing `+`.
    case license(String, orLater: Bool)
    /// `LicenseRef-…` or `DocumentRef-…:LicenseRef-…`.
    case reference(String)
    /// `license WITH exception`.
    case with(SPDXLicenseExpression, exception: String)
    /// `left AND right`.
    case and(SPDXLicenseExpression, SPDXLicenseExpression)
    /// `left OR right`.
    case or(SPDXLicenseExpression, SPDXLicenseExpression)

    /// Deepest parenthesis nesting accepted.
    public static let maximumDepth = 32

    /// Parses `text`; nil when it is not a valid expression over listed identifiers.
    public init?(parsing text: String) {
        guard text.utf8.count <= 4096, let tokens = Self.tokenize(text), !tokens.isEmpty else { return nil }
        var parser = Parser(tokens: tokens)
        guard let expression = parser.parseOr(depth: 0), parser.index == tokens.count else { return nil }
        self = expression
    }

    /// The canonical SPDX identifier for `id` (matched case-insensitively), or nil when it is not listed.
    public static func canonicalLicenseID(_ id: String) -> String? { licenseIndex[id.lowercased()] }

    /// The canonical SPDX exception identifier for `id`, or nil when it is not listed.
    public static func canonicalExceptionID(_ id: String) -> String? { exceptionIndex[id.lowercased()] }

    /// The expression in canonical form, with parentheses only where precedence needs them.
    public var description: String { render(parent: 0) }

    /// True for a single listed identifier without `+`, `WITH` or operators.
    public var isSingleLicenseID: Bool {
        if case .license(_, orLater: false) = self { return true }
        return false
    }

    /// The `LicenseRef-`/`DocumentRef-` references used, left to right.
    public var references: [String] {
        switch self {
        case .license: return []
        case .reference(let ref): return [ref]
        case .with(let license, _): return license.references
        case .and(let l, let r), .or(let l, let r): return l.references + r.references
        }
    }

    private func render(parent: Int) -> String {
        switch self {
        case .license(let id, let orLater): return orLater ? id + "+" : id
        case .reference(let ref): return ref
        case .with(let license, let exception): return license.render(parent: 3) + " WITH " + exception
        case .and(let l, let r):
            let text = l.render(parent: 2) + " AND " + r.render(parent: 2)
            return parent > 2 ? "(" + text + ")" : text
        case .or(let l, let r):
            let text = l.render(parent: 1) + " OR " + r.render(parent: 1)
            return parent > 1 ? "(" + text + ")" : text
        }
    }

    private static let licenseIndex: [String: String] = Dictionary(
        SPDXLicenseList.licenseIDs.map { ($0.lowercased(), $0) },
        uniquingKeysWith: { first, _ in first }
    )
    private static let exceptionIndex: [String: String] = Dictionary(
        SPDXLicenseList.exceptionIDs.map { ($0.lowercased(), $0) },
        uniquingKeysWith: { first, _ in first }
    )

    private enum Token: Equatable {
        case open, close, and, or, with
        case word(String)
    }

    private static func isIDByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    private static func tokenize(_ text: String) -> [Token]? {
        var tokens: [Token] = []
        var word: [UInt8] = []
        func flush() {
            guard !word.isEmpty else { return }
            let w = String(decoding: word, as: UTF8.self)
            switch w {
            case "AND": tokens.append(.and)
            case "OR": tokens.append(.or)
            case "WITH": tokens.append(.with)
            default: tokens.append(.word(w))
            }
            word.removeAll()
        }
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): flush()
            case UInt8(ascii: "("):
                flush()
                tokens.append(.open)
            case UInt8(ascii: ")"):
                flush()
                tokens.append(.close)
            case UInt8(ascii: "+"), UInt8(ascii: ":"): word.append(b)
            default:
                guard isIDByte(b) else { return nil }
                word.append(b)
            }
        }
        flush()
        return tokens
    }

    /// `word` as a simple expression: a listed id (optionally with `+`) or a license reference.
    private static func simple(_ word: String) -> SPDXLicenseExpression? {
        let bytes = Array(word.utf8)
        if let canonical = canonicalLicenseID(word) { return .license(canonical, orLater: false) }
        if bytes.last == UInt8(ascii: "+") {
            let base = String(decoding: bytes.dropLast(), as: UTF8.self)
            guard !base.contains("+"), !base.contains(":"), let canonical = canonicalLicenseID(base) else { return nil }
            return .license(canonical, orLater: true)
        }
        if isLicenseRef(word) { return .reference(word) }
        return nil
    }

    /// True for `LicenseRef-idstring` or `DocumentRef-idstring:LicenseRef-idstring`.
    static func isLicenseRef(_ word: String) -> Bool {
        func isRef(_ part: Substring, prefix: String) -> Bool {
            guard part.hasPrefix(prefix) else { return false }
            let rest = part.utf8.dropFirst(prefix.utf8.count)
            return !rest.isEmpty && rest.allSatisfy(isIDByte)
        }
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isRef(parts[0], prefix: "LicenseRef-")
        case 2: return isRef(parts[0], prefix: "DocumentRef-") && isRef(parts[1], prefix: "LicenseRef-")
        default: return false
        }
    }

    private struct Parser {
        let tokens: [Token]
        var index = 0

        mutating func parseOr(depth: Int) -> SPDXLicenseExpression? {
            guard var left = parseAnd(depth: depth) else { return nil }
            while index < tokens.count, tokens[index] == .or {
                index += 1
                guard let right = parseAnd(depth: depth) else { return nil }
                left = .or(left, right)
            }
            return left
        }

        mutating func parseAnd(depth: Int) -> SPDXLicenseExpression? {
            guard var left = parseWith(depth: depth) else { return nil }
            while index < tokens.count, tokens[index] == .and {
                index += 1
                guard let right = parseWith(depth: depth) else { return nil }
                left = .and(left, right)
            }
            return left
        }

        mutating func parseWith(depth: Int) -> SPDXLicenseExpression? {
            guard index < tokens.count else { return nil }
            switch tokens[index] {
            case .open:
                guard depth < SPDXLicenseExpression.maximumDepth else { return nil }
                index += 1
                guard let inner = parseOr(depth: depth + 1), index < tokens.count, tokens[index] == .close else {
                    return nil
                }
                index += 1
                return inner
            case .word(let word):
                index += 1
                guard let simple = SPDXLicenseExpression.simple(word) else { return nil }
                guard index < tokens.count, tokens[index] == .with else { return simple }
                index += 1
                guard index < tokens.count, case .word(let exceptionWord) = tokens[index],
                    let exception = SPDXLicenseExpression.canonicalExceptionID(exceptionWord)
                else { return nil }
                index += 1
                return .with(simple, exception: exception)
            default: return nil
            }
        }
    }
}
