/// Tokenizer and command splitter behind ``ShellScript``.
struct ShellLexer {
    private let b: [UInt8]
    private var i = 0

    init(text: String) { self.b = Array(text.utf8) }

    private enum Token {
        case word(ShellWord)
        case op(ShellCommand.Separator)
        case redirect(String)
        case open, close
    }

    private static let reserved: Set<String> = [
        "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "case", "esac", "for", "in", "!", "{", "}",
        "function", "select", "time",
    ]

    /// Splits the script into simple commands; expands `sh -c` bodies recursively.
    mutating func commands(nesting: Int) -> [ShellCommand] {
        var result: [ShellCommand] = []
        var words: [ShellWord] = []
        var assignments: [ShellWord] = []
        var redirections: [String] = []
        var pipedInto = false
        var skipUntilSeparator = false

        func flush(_ sep: ShellCommand.Separator) {
            defer {
                words = []
                assignments = []
                redirections = []
                skipUntilSeparator = false
            }
            if words.isEmpty && assignments.isEmpty {
                if sep == .pipe { pipedInto = true }
                return
            }
            let cmd = ShellCommand(
                words: words,
                assignments: assignments,
                redirections: redirections,
                separator: sep,
                isPipedInto: pipedInto,
                nesting: nesting
            )
            pipedInto = sep == .pipe
            if !skipUntilSeparator || !words.isEmpty { result.append(cmd) }
            if nesting < 8, let inner = ShellLexer.innerScript(of: cmd) {
                var lexer = ShellLexer(text: inner)
                result.append(contentsOf: lexer.commands(nesting: nesting + 1))
            }
        }

        // `case … in` state: patterns (`a|b)`) are not commands; `;;` starts the next pattern.
        var caseDepth = 0
        var expectingPattern = false
        var skipFunctionName = false

        while let token = next() {
            if expectingPattern {
                // Everything up to the closing `)` of the pattern list is pattern text.
                if case .close = token { expectingPattern = false }
                // A masked pattern end (`;`) also ends it: patterns never contain an unquoted `;`.
                if case .op(.semicolon) = token { expectingPattern = false }
                if case .word(let w) = token, w.raw == "esac" {
                    expectingPattern = false
                    caseDepth -= 1
                }
                continue
            }
            switch token {
            case .op(let sep):
                flush(sep)
                if sep == .caseEnd, caseDepth > 0 { expectingPattern = true }
            case .open:
                // `name() { …; }` defines a function: `name` is not a command.
                if words.count == 1, assignments.isEmpty, peekCloseParen() {
                    words = []
                    _ = next()
                    continue
                }
                flush(.semicolon)
            case .close:
                flush(.semicolon)
            case .redirect(let r):
                redirections.append(r)
                if !r.hasSuffix("&1") && !r.hasSuffix("&2") && !r.hasSuffix("&-"), case .word(let target)? = next() {
                    redirections.append(target.value)
                }
            case .word(let w):
                if skipFunctionName {
                    skipFunctionName = false
                    continue
                }
                if skipUntilSeparator {
                    if w.raw == "in", caseDepth > 0, words.isEmpty {
                        skipUntilSeparator = false
                        expectingPattern = true
                    }
                    continue
                }
                if words.isEmpty {
                    if w.raw == "esac" {
                        caseDepth = max(0, caseDepth - 1)
                        continue
                    }
                    if w.raw == "function" {
                        skipFunctionName = true
                        continue
                    }
                    if ShellLexer.reserved.contains(w.raw) {
                        // `for x in a b` and `case x in` carry no command; skip to the separator.
                        if w.raw == "for" || w.raw == "select" { skipUntilSeparator = true }
                        if w.raw == "case" {
                            caseDepth += 1
                            skipUntilSeparator = true
                        }
                        continue
                    }
                    if ShellLexer.isAssignment(w.raw) {
                        assignments.append(w)
                        continue
                    }
                }
                words.append(w)
            }
        }
        flush(.end)
        return result
    }

    static func isAssignment(_ raw: String) -> Bool {
        guard let eq = raw.firstIndex(of: "="), eq != raw.startIndex else { return false }
        let name = raw[..<eq]
        guard let first = name.first, first == "_" || first.isLetter else { return false }
        return name.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    /// The script of `sh -c 'script'`, `bash -c`, `ash -c` …, when present.
    static func innerScript(of cmd: ShellCommand) -> String? {
        let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh", "ksh"]
        guard shells.contains(cmd.baseName) else { return nil }
        let args = cmd.arguments
        for (idx, a) in args.enumerated() {
            if a.hasPrefix("-"), !a.hasPrefix("--"), a.contains("c"), idx + 1 < args.count { return args[idx + 1] }
        }
        return nil
    }

    private func peek(_ k: Int = 0) -> UInt8? { i + k < b.count ? b[i + k] : nil }

    private mutating func next() -> Token? {
        // Skip blanks and line continuations; newlines are separators.
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0D {
                i += 1
            } else if c == UInt8(ascii: "\\"), peek(1) == 0x0A {
                i += 2
            } else if c == UInt8(ascii: "#") {
                while let d = peek(), d != 0x0A { i += 1 }
            } else {
                break
            }
        }
        guard let c = peek() else { return nil }
        switch c {
        case 0x0A:
            i += 1
            return .op(.newline)
        case UInt8(ascii: "&"):
            if peek(1) == UInt8(ascii: "&") {
                i += 2
                return .op(.and)
            }
            if peek(1) == UInt8(ascii: ">") {
                i += 2
                return .redirect("&>")
            }
            i += 1
            return .op(.background)
        case UInt8(ascii: "|"):
            if peek(1) == UInt8(ascii: "|") {
                i += 2
                return .op(.or)
            }
            i += peek(1) == UInt8(ascii: "&") ? 2 : 1
            return .op(.pipe)
        case UInt8(ascii: ";"):
            if peek(1) == UInt8(ascii: ";") {
                i += 2
                return .op(.caseEnd)
            }
            i += 1
            return .op(.semicolon)
        case UInt8(ascii: "("):
            if peek(1) == UInt8(ascii: "(") {
                // Arithmetic `(( … ))`: one opaque word.
                let start = i
                var value: [UInt8] = []
                appendBalancedParens(into: &value)
                return .word(
                    ShellWord(
                        value: String(decoding: value, as: UTF8.self),
                        raw: String(decoding: b[start..<i], as: UTF8.self),
                        offset: start,
                        isQuoted: false
                    )
                )
            }
            i += 1
            return .open
        case UInt8(ascii: ")"):
            i += 1
            return .close
        default:
            break
        }
        if let r = redirection() { return .redirect(r) }
        return .word(word())
    }

    /// True when the next non-blank byte is `)`.
    private func peekCloseParen() -> Bool {
        var j = i
        while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
        return j < b.count && b[j] == UInt8(ascii: ")")
    }

    /// Copies a parenthesised group starting at `(` including nested groups and quotes.
    private mutating func appendBalancedParens(into value: inout [UInt8]) {
        value.append(b[i])
        i += 1
        appendGroupBody(open: UInt8(ascii: "("), close: UInt8(ascii: ")"), into: &value)
    }

    /// Copies bytes up to and including the `close` that balances an already consumed `open`,
    /// skipping over quoted text.
    private mutating func appendGroupBody(open: UInt8, close: UInt8, into value: inout [UInt8]) {
        var depth = 1
        var quote: UInt8? = nil
        while let d = peek() {
            value.append(d)
            i += 1
            if let q = quote {
                if d == q { quote = nil }
                continue
            }
            if d == UInt8(ascii: "'") || d == UInt8(ascii: "\"") {
                quote = d
            } else if d == open {
                depth += 1
            } else if d == close {
                depth -= 1
                if depth == 0 { return }
            }
        }
    }

    /// `>`, `>>`, `<`, `2>`, `2>&1`, `<<<`, `>|` …
    private mutating func redirection() -> String? {
        var j = i
        while j < b.count, b[j] >= UInt8(ascii: "0"), b[j] <= UInt8(ascii: "9") { j += 1 }
        guard j < b.count, b[j] == UInt8(ascii: ">") || b[j] == UInt8(ascii: "<") else { return nil }
        var k = j + 1
        while k < b.count, b[k] == UInt8(ascii: ">") || b[k] == UInt8(ascii: "<") || b[k] == UInt8(ascii: "|") {
            k += 1
        }
        if k < b.count, b[k] == UInt8(ascii: "&") {
            k += 1
            while k < b.count, (b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "9")) || b[k] == UInt8(ascii: "-") {
                k += 1
            }
        }
        let r = String(decoding: b[i..<k], as: UTF8.self)
        i = k
        return r
    }

    private static func isBreak(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ";") || c == UInt8(ascii: "&")
            || c == UInt8(ascii: "|") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "(")
            || c == UInt8(ascii: ")")
    }

    private mutating func word() -> ShellWord {
        let start = i
        var value: [UInt8] = []
        var quoted = false
        while let c = peek() {
            if ShellLexer.isBreak(c) { break }
            switch c {
            case UInt8(ascii: "'"):
                quoted = true
                i += 1
                while let d = peek(), d != UInt8(ascii: "'") {
                    value.append(d)
                    i += 1
                }
                i += 1
            case UInt8(ascii: "\""):
                quoted = true
                i += 1
                while let d = peek(), d != UInt8(ascii: "\"") {
                    if d == UInt8(ascii: "\\"), let e = peek(1),
                        e == UInt8(ascii: "\"") || e == UInt8(ascii: "\\") || e == UInt8(ascii: "$")
                            || e == UInt8(ascii: "`") || e == 0x0A
                    {
                        if e != 0x0A { value.append(e) }
                        i += 2
                        continue
                    }
                    if d == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "(") {
                        appendBalanced(into: &value)
                        continue
                    }
                    value.append(d)
                    i += 1
                }
                i += 1
            case UInt8(ascii: "\\"):
                if let e = peek(1) {
                    if e != 0x0A { value.append(e) }
                    i += 2
                } else {
                    i += 1
                }
            case UInt8(ascii: "="):
                value.append(c)
                i += 1
                // `arr=(a b c)`: the array belongs to the assignment word.
                if peek() == UInt8(ascii: "(") { appendBalancedParens(into: &value) }
            case UInt8(ascii: "$"):
                if peek(1) == UInt8(ascii: "(") || peek(1) == UInt8(ascii: "{") {
                    appendBalanced(into: &value)
                } else {
                    value.append(c)
                    i += 1
                }
            case UInt8(ascii: "`"):
                value.append(c)
                i += 1
                while let d = peek(), d != UInt8(ascii: "`") {
                    value.append(d)
                    i += 1
                }
                if peek() != nil {
                    value.append(UInt8(ascii: "`"))
                    i += 1
                }
            default:
                value.append(c)
                i += 1
            }
        }
        if i == start {
            // Never loop forever on an unexpected byte.
            value.append(b[i])
            i += 1
        }
        let end = min(i, b.count)
        return ShellWord(
            value: String(decoding: value, as: UTF8.self),
            raw: String(decoding: b[start..<end], as: UTF8.self),
            offset: start,
            isQuoted: quoted
        )
    }

    /// Copies `$( … )` or `${ … }` including nested parentheses/braces and quotes.
    private mutating func appendBalanced(into value: inout [UInt8]) {
        guard let open = peek(1) else { return }
        let close: UInt8 = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
        value.append(b[i])
        value.append(open)
        i += 2
        appendGroupBody(open: open, close: close, into: &value)
    }
}
