/// A light syntax pass over a shell script, for the two facts ``ShellScript`` does not give
/// exactly the way ShellCheck (and so hadolint) sees them:
///
/// - whether the script has a pipe, with `|` inside `case` patterns (`a|b)`) not counted and pipes
///   inside `$(…)`, backticks and `<(…)` counted;
/// - whether ShellCheck's parser would reject it (then hadolint sees no commands at all): an
///   unterminated quote or substitution, `word (` that is not a function definition, an unmatched
///   `)`, or unbalanced `if`/`fi`, `do`/`done`, `case`/`esac`, `{`/`}`.
struct ShellSyntaxScan {
    private(set) var hasPipe = false
    private(set) var isValid = true
    /// How many `time cmd …` the script has: ShellCheck sees `time` as a command of its own there.
    private(set) var timedCommands = 0
    /// The script with the constructs ``ShellScript`` would misread as commands blanked out, byte
    /// offsets unchanged: `case` patterns (their `)` becomes `;`), `(( … ))` arithmetic,
    /// `name=( … )` array values and function names with their `()`.
    var maskedText: String { String(decoding: masked, as: UTF8.self) }

    private let b: [UInt8]
    private var masked: [UInt8]
    private var patternStart: Int?
    private var lastWordStart = 0
    private var i = 0

    private enum CaseState { case subject, expectIn, pattern, body }
    private var cases: [CaseState] = []
    private var atCommandStart = true
    private var parenDepth = 0
    private var blocks: [String: Int] = [:]
    private var afterFunctionKeyword = false
    private var afterTime = false

    init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    private init(bytes: [UInt8]) {
        self.b = bytes
        self.masked = bytes
        scan()
    }

    private mutating func mask(_ range: Range<Int>) {
        for k in range where k < masked.count { masked[k] = 0x20 }
    }

    private static let openers: [String: String] = ["if": "fi", "do": "done", "case": "esac", "{": "}"]
    private static let closers: Set<String> = ["fi", "done", "esac", "}"]
    private static let keepsCommandStart: Set<String> = [
        "if", "then", "else", "elif", "do", "while", "until", "{", "!", "time",
    ]

    private func peek(_ k: Int = 0) -> UInt8? { i + k < b.count ? b[i + k] : nil }

    private mutating func fail() {
        isValid = false
        i = b.count
    }

    private mutating func scan() {
        while isValid, let c = peek() {
            if c == 0x0A || c == UInt8(ascii: ";") || c == UInt8(ascii: "&") || c == UInt8(ascii: "|") {
                afterTime = false
            }
            if cases.last == .pattern, patternStart == nil, c != 0x20, c != 0x09, c != 0x0D, c != 0x0A {
                patternStart = i
            }
            switch c {
            case 0x20, 0x09, 0x0D:
                i += 1
            case 0x0A:
                i += 1
                if cases.last != .pattern { atCommandStart = true }
            case UInt8(ascii: "\\") where peek(1) == 0x0A:
                i += 2
            case UInt8(ascii: "#"):
                while let d = peek(), d != 0x0A { i += 1 }
            case UInt8(ascii: ";"):
                i += 1
                if peek() == UInt8(ascii: ";") || peek() == UInt8(ascii: "&") {
                    i += 1
                    if peek() == UInt8(ascii: "&") { i += 1 }
                    if cases.last == .body {
                        cases[cases.count - 1] = .pattern
                        patternStart = nil
                    }
                }
                atCommandStart = true
            case UInt8(ascii: "&"):
                if peek(1) == UInt8(ascii: ">") {
                    i += 2
                    if peek() == UInt8(ascii: ">") { i += 1 }
                    redirectTarget()
                } else {
                    i += peek(1) == UInt8(ascii: "&") ? 2 : 1
                    atCommandStart = true
                }
            case UInt8(ascii: "|"):
                if peek(1) == UInt8(ascii: "|") {
                    i += 2
                } else {
                    i += peek(1) == UInt8(ascii: "&") ? 2 : 1
                    if cases.last != .pattern { hasPipe = true }
                }
                if cases.last != .pattern { atCommandStart = true }
            case UInt8(ascii: "("):
                openParen()
            case UInt8(ascii: ")"):
                i += 1
                if cases.last == .pattern {
                    cases[cases.count - 1] = .body
                    atCommandStart = true
                    mask((patternStart ?? i - 1)..<(i - 1))
                    masked[i - 1] = UInt8(ascii: ";")
                } else if parenDepth > 0 {
                    parenDepth -= 1
                    atCommandStart = false
                } else {
                    fail()
                }
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                redirection()
            default:
                word()
            }
        }
        if isValid {
            let unbalanced = blocks.values.contains { $0 != 0 } || parenDepth != 0 || !cases.isEmpty
            if unbalanced { isValid = false }
        }
    }

    private mutating func openParen() {
        if cases.last == .pattern {
            i += 1
            return
        }
        var j = i + 1
        while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
        let closesAtOnce = j < b.count && b[j] == UInt8(ascii: ")")
        if peek(1) == UInt8(ascii: "(") {
            // `(( arithmetic ))`, or `for (( … ))`
            guard let end = balancedEnd(from: i) else { return fail() }
            mask(i..<end)
            i = end
            atCommandStart = false
            return
        }
        if closesAtOnce {
            // `name ()` or `function name ()`: a function definition, its body follows.
            mask(lastWordStart..<(j + 1))
            i = j + 1
            atCommandStart = true
            return
        }
        if atCommandStart {
            i += 1
            parenDepth += 1
            return
        }
        // After a word, `(` is a syntax error (ShellCheck: "invalid use of parentheses").
        fail()
    }

    /// `<`, `>`, `>>`, `<<<`, `>&2`, `<(…)` …
    private mutating func redirection() {
        if peek(1) == UInt8(ascii: "(") {
            // Process substitution.
            substitution(from: i + 1)
            atCommandStart = false
            return
        }
        while let d = peek(), d == UInt8(ascii: "<") || d == UInt8(ascii: ">") || d == UInt8(ascii: "|") { i += 1 }
        if peek() == UInt8(ascii: "&") {
            i += 1
            while let d = peek(), (d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9")) || d == UInt8(ascii: "-") {
                i += 1
            }
            return
        }
        redirectTarget()
    }

    private mutating func redirectTarget() {
        while let d = peek(), d == 0x20 || d == 0x09 { i += 1 }
        guard let d = peek(), !ShellSyntaxScan.isBreak(d) else { return }
        _ = readWord()
    }

    private static func isBreak(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ";") || c == UInt8(ascii: "&")
            || c == UInt8(ascii: "|") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "(")
            || c == UInt8(ascii: ")")
    }

    private mutating func word() {
        let start = i
        let text = readWord()
        lastWordStart = start
        guard isValid else { return }
        if cases.last == .subject {
            cases[cases.count - 1] = .expectIn
            return
        }
        if cases.last == .expectIn {
            if text == "in" {
                cases[cases.count - 1] = .pattern
                atCommandStart = true
            }
            return
        }
        if cases.last == .pattern {
            if text == "esac" {
                cases.removeLast()
                blocks["case", default: 0] -= 1
                atCommandStart = false
                patternStart = nil
            }
            return
        }
        if afterFunctionKeyword {
            // `function name` — the body (`{ …; }`, optionally after `()`) follows.
            afterFunctionKeyword = false
            mask(start..<i)
            atCommandStart = true
            return
        }
        guard atCommandStart else { return }
        if afterTime {
            afterTime = false
            timedCommands += 1
        }
        if text == "time" { afterTime = true }
        if text == "function" {
            afterFunctionKeyword = true
            atCommandStart = false
            return
        }
        if text == "[[" {
            skipCondition()
            atCommandStart = false
            return
        }
        if ShellSyntaxScan.openers[text] != nil { blocks[text, default: 0] += 1 }
        if ShellSyntaxScan.closers.contains(text) {
            let opener = ShellSyntaxScan.openers.first { $0.value == text }?.key ?? text
            blocks[opener, default: 0] -= 1
            if blocks[opener, default: 0] < 0 { return fail() }
        }
        if text == "esac" {
            if cases.last == .body { cases.removeLast() }
            atCommandStart = false
            return
        }
        if text == "case" {
            cases.append(.subject)
            atCommandStart = false
            return
        }
        atCommandStart = ShellSyntaxScan.keepsCommandStart.contains(text)
    }

    /// Skips `[[ … ]]`, where `<`, `>`, `(` and `)` are operators of the test, not shell syntax.
    private mutating func skipCondition() {
        while isValid, let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                i += 1
                continue
            }
            if c == UInt8(ascii: "\\"), peek(1) == 0x0A {
                i += 2
                continue
            }
            if ShellSyntaxScan.isBreak(c) {
                if c == UInt8(ascii: ";") || c == UInt8(ascii: "\n") { return fail() }
                i += 1
                continue
            }
            if readWord() == "]]" { return }
        }
        if isValid { fail() }
    }

    /// Reads one word (quotes, escapes and substitutions included) and returns it as written.
    private mutating func readWord() -> String {
        let start = i
        while isValid, let c = peek() {
            if ShellSyntaxScan.isBreak(c) {
                // `name=(…)` array assignment, `@(…)` extended globs: the parentheses belong to the word.
                if c == UInt8(ascii: "("), i > start, isArrayOrGlobOpener(start: start) {
                    guard let end = balancedEnd(from: i) else {
                        fail()
                        break
                    }
                    if b[i - 1] == UInt8(ascii: "=") { mask(i..<end) }
                    i = end
                    continue
                }
                break
            }
            switch c {
            case UInt8(ascii: "'"):
                i += 1
                while let d = peek(), d != UInt8(ascii: "'") { i += 1 }
                if peek() == nil { fail() } else { i += 1 }
            case UInt8(ascii: "\""):
                doubleQuoted()
            case UInt8(ascii: "\\"):
                i += 2
            case UInt8(ascii: "$"):
                dollar()
            case UInt8(ascii: "`"):
                backticks()
            default:
                i += 1
            }
        }
        return String(decoding: b[start..<min(i, b.count)], as: UTF8.self)
    }

    private func isArrayOrGlobOpener(start: Int) -> Bool {
        let prev = b[i - 1]
        if "@!+*?".utf8.contains(prev) { return true }
        return prev == UInt8(ascii: "=")
    }

    private mutating func doubleQuoted() {
        i += 1
        while isValid, let d = peek() {
            switch d {
            case UInt8(ascii: "\""):
                i += 1
                return
            case UInt8(ascii: "\\"):
                i += 2
            case UInt8(ascii: "$"):
                dollar()
            case UInt8(ascii: "`"):
                backticks()
            default:
                i += 1
            }
        }
        fail()
    }

    private mutating func dollar() {
        switch peek(1) {
        case UInt8(ascii: "(")?:
            if peek(2) == UInt8(ascii: "(") {
                guard let end = balancedEnd(from: i + 1) else { return fail() }
                i = end
            } else {
                substitution(from: i + 1)
            }
        case UInt8(ascii: "{")?:
            guard let end = balancedEnd(from: i + 1) else { return fail() }
            i = end
        case UInt8(ascii: "'")?:
            i += 2
            while let d = peek(), d != UInt8(ascii: "'") { i += d == UInt8(ascii: "\\") ? 2 : 1 }
            if peek() == nil { fail() } else { i += 1 }
        default:
            i += 1
        }
    }

    /// `(…)` at `open` holding a script (command or process substitution): scanned on its own.
    private mutating func substitution(from open: Int) {
        guard let end = balancedEnd(from: open) else { return fail() }
        let inner = ShellSyntaxScan(bytes: Array(b[(open + 1)..<(end - 1)]))
        if inner.hasPipe { hasPipe = true }
        if !inner.isValid { return fail() }
        i = end
    }

    private mutating func backticks() {
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
        guard j < b.count else { return fail() }
        let scan = ShellSyntaxScan(bytes: inner)
        if scan.hasPipe { hasPipe = true }
        if !scan.isValid { return fail() }
        i = j + 1
    }

    /// Offset after the bracket closing the one at `open`, skipping quotes, escapes, comments and
    /// nested brackets; nil when it is never closed.
    private func balancedEnd(from open: Int) -> Int? {
        let o = b[open]
        let close: UInt8 = o == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
        var depth = 0
        var j = open
        while j < b.count {
            let d = b[j]
            if d == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if d == UInt8(ascii: "'") {
                j += 1
                while j < b.count, b[j] != UInt8(ascii: "'") { j += 1 }
            } else if d == UInt8(ascii: "\"") {
                j += 1
                while j < b.count, b[j] != UInt8(ascii: "\"") { j += b[j] == UInt8(ascii: "\\") ? 2 : 1 }
            } else if d == o {
                depth += 1
            } else if d == close {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        return nil
    }
}
