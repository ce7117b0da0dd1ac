/// node-semver's (7.x) regular expressions, built the way its `internal/re.js` builds the `safeRe` set: the
/// same sources, with `\s*`/`\s+` bounded to one character, `\d` runs to 256 and identifier runs to 250.
/// `\s` is spelled out as JavaScript's whitespace class and `\d` as `[0-9]`, so matching is the same as V8's.
enum NPMRangePatterns {
    /// The body of JavaScript's `\s` class (ECMAScript WhiteSpace and LineTerminator); U+2000…U+200A are listed
    /// one by one because Swift's regex parser rejects that range.
    static let whitespaceBody =
        "\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D}\\x{20}\\x{A0}\\x{1680}"
        + (0x2000...0x200A).map { "\\x{\(String($0, radix: 16))}" }.joined()
        + "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"

    /// Whether `scalar` is JavaScript whitespace (`\s`, also what `String.prototype.trim` removes).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
            0xFEFF:
            true
        default: false
        }
    }

    /// `makeSafeRegex` followed by the JavaScript-to-Swift spelling of `\s` and `\d`.
    static func safe(_ source: String) -> String {
        var value = source
        for (token, max) in [("\\s", 1), ("\\d", 256), ("[a-zA-Z0-9-]", 250)] {
            value = value.replacing(token + "*", with: token + "{0,\(max)}")
            value = value.replacing(token + "+", with: token + "{1,\(max)}")
        }
        value = value.replacing("[v=\\s]", with: "[v=" + whitespaceBody + "]")
        value = value.replacing("\\s", with: "[" + whitespaceBody + "]")
        return value.replacing("\\d", with: "[0-9]")
    }

    static let numericIdentifier = "0|[1-9]\\d*"
    static let nonNumericIdentifier = "\\d*[a-zA-Z-][a-zA-Z0-9-]*"
    static let mainVersion =
        "(\(numericIdentifier))\\.(\(numericIdentifier))\\.(\(numericIdentifier))"
    static let mainVersionLoose = "(\\d+)\\.(\\d+)\\.(\\d+)"
    static let prereleaseIdentifier = "(?:\(numericIdentifier)|\(nonNumericIdentifier))"
    static let prereleaseIdentifierLoose = "(?:\\d+|\(nonNumericIdentifier))"
    static let prerelease = "(?:-(\(prereleaseIdentifier)(?:\\.\(prereleaseIdentifier))*))"
    static let prereleaseLoose =
        "(?:-?(\(prereleaseIdentifierLoose)(?:\\.\(prereleaseIdentifierLoose))*))"
    static let build = "(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))"
    static let fullPlain = "v?\(mainVersion)\(prerelease)?\(build)?"
    static let loosePlain = "[v=\\s]*\(mainVersionLoose)\(prereleaseLoose)?\(build)?"
    static let gtlt = "((?:<|>)?=?)"
    static let xRangeIdentifier = "\(numericIdentifier)|x|X|\\*"
    static let xRangePlain =
        "[v=\\s]*(\(xRangeIdentifier))(?:\\.(\(xRangeIdentifier))(?:\\.(\(xRangeIdentifier))(?:\(prerelease))?\(build)?)?)?"

    static func compile(_ source: String) -> Regex<AnyRegexOutput>? {
        (try? Regex(safe(source)))?.matchingSemantics(.unicodeScalar)
    }

    nonisolated(unsafe) static let full = compile("^\(fullPlain)$")
    nonisolated(unsafe) static let xRange = compile("^\(gtlt)\\s*\(xRangePlain)$")
    nonisolated(unsafe) static let tildeTrim = compile("(\\s*)(?:~>?)\\s+")
    nonisolated(unsafe) static let tilde = compile("^(?:~>?)\(xRangePlain)$")
    nonisolated(unsafe) static let caretTrim = compile("(\\s*)(?:\\^)\\s+")
    nonisolated(unsafe) static let caret = compile("^(?:\\^)\(xRangePlain)$")
    nonisolated(unsafe) static let comparator = compile("^\(gtlt)\\s*(\(fullPlain))$|^$")
    nonisolated(unsafe) static let comparatorTrim = compile(
        "(\\s*)\(gtlt)\\s*(\(loosePlain)|\(xRangePlain))"
    )
    nonisolated(unsafe) static let hyphenRange = compile(
        "^\\s*(\(xRangePlain))\\s+-\\s+(\(xRangePlain))\\s*$"
    )
    nonisolated(unsafe) static let star = compile("(<|>)?=?\\s*\\*")
    nonisolated(unsafe) static let greaterOrEqualZero = compile("^\\s*>=\\s*0\\.0\\.0\\s*$")
    nonisolated(unsafe) static let greaterOrEqualZeroPre = compile("^\\s*>=\\s*0\\.0\\.0-0\\s*$")
}
