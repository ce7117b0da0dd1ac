import DockerfileSyntax

/// Turns a shell word as written into the value hadolint compares against.
///
/// hadolint flattens each word of a command: quotes are removed, `$NAME` and `${…}` become
/// `${NAME}`/`${…}`, `$(cmd args)` becomes `${cmdargs}`, arithmetic and backticks become
/// `${VAR}`, and brace expansions (`{a,b}`) disappear.
enum WordSimplifier {
    /// The simplified value and whether the word contains an expansion (then it is no literal name).
    struct Result: Sendable, Hashable {
        var text: String
        var hasExpansion: Bool
    }

    /// Simplifies `raw`.
    static func simplify(_ raw: String) -> Result {
        let b = Array(raw.utf8)
        var out: [UInt8] = []
        var expansion = false
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "'"):
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "'") {
                    out.append(b[i])
                    i += 1
                }
                i += 1
            case UInt8(ascii: "\""):
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "\"") {
                    let d = b[i]
                    if d == UInt8(ascii: "\\"), i + 1 < b.count {
                        let e = b[i + 1]
                        if e == UInt8(ascii: "\"") || e == UInt8(ascii: "\\") || e == UInt8(ascii: "$")
                            || e == UInt8(ascii: "`")
                        {
                            out.append(e)
                            i += 2
                            continue
                        }
                        if e == 0x0A {
                            i += 2
                            continue
                        }
                    }
                    if d == UInt8(ascii: "$") || d == UInt8(ascii: "`") {
                        if dollar(b, &i, into: &out, inDoubleQuotes: true) { expansion = true }
                        continue
                    }
                    out.append(d)
                    i += 1
                }
                i += 1
            case UInt8(ascii: "\\"):
                if i + 1 < b.count {
                    if b[i + 1] != 0x0A { out.append(b[i + 1]) }
                    i += 2
                } else {
                    i += 1
                }
            case UInt8(ascii: "$"), UInt8(ascii: "`"):
                if dollar(b, &i, into: &out, inDoubleQuotes: false) { expansion = true }
            case UInt8(ascii: "{"):
                if let end = braceExpansionEnd(b, from: i) {
                    i = end
                } else {
                    out.append(c)
                    i += 1
                }
            default:
                out.append(c)
                i += 1
            }
        }
        return Result(text: String(decoding: out, as: UTF8.self), hasExpansion: expansion)
    }

    /// Handles `$…` or a backtick at `i`; returns true when it was an expansion.
    private static func dollar(_ b: [UInt8], _ i: inout Int, into out: inout [UInt8], inDoubleQuotes: Bool) -> Bool {
        if b[i] == UInt8(ascii: "`") {
            var j = i + 1
            while j < b.count, b[j] != UInt8(ascii: "`") { j += b[j] == UInt8(ascii: "\\") ? 2 : 1 }
            i = min(j + 1, b.count)
            out.append(contentsOf: Array("${VAR}".utf8))
            return true
        }
        let next = i + 1 < b.count ? b[i + 1] : nil
        switch next {
        case UInt8(ascii: "(")?:
            let end = balancedEnd(b, from: i + 1)
            if i + 2 < b.count, b[i + 2] == UInt8(ascii: "(") {
                out.append(contentsOf: Array("${VAR}".utf8))
            } else {
                let inner = String(decoding: b[min(i + 2, end)..<max(i + 2, end - 1)], as: UTF8.self)
                out.append(contentsOf: Array("${".utf8))
                for command in ShellScript(parsing: inner).commands where command.nesting == 0 {
                    for word in command.words { out.append(contentsOf: Array(simplify(word.raw).text.utf8)) }
                }
                out.append(UInt8(ascii: "}"))
            }
            i = end
            return true
        case UInt8(ascii: "{")?:
            let end = balancedEnd(b, from: i + 1)
            out.append(contentsOf: b[i..<end])
            if end == b.count, b.last != UInt8(ascii: "}") { out.append(UInt8(ascii: "}")) }
            i = end
            return true
        case UInt8(ascii: "'")? where !inDoubleQuotes:
            var j = i + 2
            while j < b.count, b[j] != UInt8(ascii: "'") {
                if b[j] == UInt8(ascii: "\\"), j + 1 < b.count {
                    out.append(b[j])
                    j += 1
                }
                out.append(b[j])
                j += 1
            }
            i = min(j + 1, b.count)
            return false
        case let n? where isNameStart(n):
            var j = i + 1
            while j < b.count, isNameChar(b[j]) { j += 1 }
            out.append(contentsOf: Array("${".utf8))
            out.append(contentsOf: b[(i + 1)..<j])
            out.append(UInt8(ascii: "}"))
            i = j
            return true
        case let n? where isSpecialParameter(n):
            out.append(contentsOf: Array("${".utf8))
            out.append(n)
            out.append(UInt8(ascii: "}"))
            i += 2
            return true
        default:
            out.append(UInt8(ascii: "$"))
            i += 1
            return false
        }
    }

    /// The offset just after the bracket that closes the one at `open` (`(` or `{`), honouring
    /// nesting and quotes; the end of the text when unbalanced.
    private static func balancedEnd(_ b: [UInt8], from open: Int) -> Int {
        let o = b[open]
        let close: UInt8 = o == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
        var depth = 0
        var j = open
        var quote: UInt8? = nil
        while j < b.count {
            let d = b[j]
            if let q = quote {
                if d == UInt8(ascii: "\\"), q == UInt8(ascii: "\"") {
                    j += 2
                    continue
                }
                if d == q { quote = nil }
            } else if d == UInt8(ascii: "\\") {
                j += 2
                continue
            } else if d == UInt8(ascii: "'") || d == UInt8(ascii: "\"") {
                quote = d
            } else if d == o {
                depth += 1
            } else if d == close {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        return b.count
    }

    /// For an unquoted `{a,b}` or `{1..3}` at `start`, the offset after its `}`.
    private static func braceExpansionEnd(_ b: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var sawComma = false
        var j = start
        while j < b.count {
            let d = b[j]
            if d == UInt8(ascii: "{") {
                depth += 1
            } else if d == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    let body = b[(start + 1)..<j]
                    let isRange = body.count >= 4 && String(decoding: body, as: UTF8.self).contains("..")
                    return sawComma || isRange ? j + 1 : nil
                }
            } else if d == UInt8(ascii: ",") && depth == 1 {
                sawComma = true
            } else if d == UInt8(ascii: "'") || d == UInt8(ascii: "\"") || d == UInt8(ascii: "$")
                || d == UInt8(ascii: "\\") || d == UInt8(ascii: " ")
            {
                return nil
            }
            j += 1
        }
        return nil
    }

    /// Scripts inside `$(…)` and backticks of `raw` (outside single quotes), outermost only.
    static func substitutions(in raw: String) -> [String] {
        let b = Array(raw.utf8)
        var result: [String] = []
        var i = 0
        var inDouble = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "'"), !inDouble {
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "'") { i += 1 }
                i += 1
            } else if c == UInt8(ascii: "\\") {
                i += 2
            } else if c == UInt8(ascii: "\"") {
                inDouble.toggle()
                i += 1
            } else if c == UInt8(ascii: "$"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "(") {
                let end = balancedEnd(b, from: i + 1)
                if i + 2 < b.count, b[i + 2] != UInt8(ascii: "(") {
                    let stop = end == b.count && b.last != UInt8(ascii: ")") ? end : end - 1
                    result.append(String(decoding: b[(i + 2)..<max(i + 2, stop)], as: UTF8.self))
                }
                i = end
            } else if c == UInt8(ascii: "`") {
                var j = i + 1
                var inner: [UInt8] = []
                while j < b.count, b[j] != UInt8(ascii: "`") {
                    if b[j] == UInt8(ascii: "\\"), j + 1 < b.count {
                        inner.append(b[j + 1])
                        j += 2
                        continue
                    }
                    inner.append(b[j])
                    j += 1
                }
                result.append(String(decoding: inner, as: UTF8.self))
                i = j + 1
            } else {
                i += 1
            }
        }
        return result
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
            || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    private static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    private static func isSpecialParameter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || "@*#?$!-".utf8.contains(c)
    }
}
