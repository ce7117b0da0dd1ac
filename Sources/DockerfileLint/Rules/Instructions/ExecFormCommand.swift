import DockerfileSyntax
public import SecurityModel

/// DF3025 (hadolint DL3025): `CMD`, `ENTRYPOINT` (and `HEALTHCHECK CMD`) in shell form.
///
/// Shell form runs the command under `/bin/sh -c`, so the process does not get signals such as
/// `SIGTERM` directly and `ENTRYPOINT` ignores `docker run` arguments. Like hadolint, the rule
/// fires for every shell-form `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` (ONBUILD triggers are
/// not checked).
///
/// A fix to the JSON form is offered only when it cannot change meaning: the instruction is on one
/// line, no `SHELL` instruction came before it, its words contain no shell syntax (`$`, quotes,
/// backslashes, globs, redirections, `;`, `&`, `|`, `#`, …), and the first word is a program
/// rather than a shell builtin or an assignment.
public struct ExecFormCommand: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3025",
        slug: "exec-form-command",
        aliases: ["DL3025"],
        title: "CMD or ENTRYPOINT in shell form",
        severity: .medium,
        remediation: #"Use the JSON form, e.g. `CMD ["nginx", "-g", "daemon off;"]`."#,
        references: ["https://github.com/hadolint/hadolint/wiki/DL3025"],
        tags: ["best-practice"]
    )

    /// Characters that make a command depend on the shell.
    static let shellCharacters: Set<Character> = [
        "$", "`", "|", "&", ";", "<", ">", "(", ")", "*", "?", "[", "]", "~", "{", "}", "'", "\"", "\\", "#", "!",
    ]

    /// Words that are shell builtins or keywords, not programs that exec form could start.
    static let shellBuiltins: Set<String> = [
        ".", ":", "alias", "bg", "break", "case", "cd", "command", "continue", "do", "done", "elif", "else", "esac",
        "eval", "exec", "exit", "export", "fc", "fg", "fi", "for", "function", "getopts", "hash", "if", "in", "jobs",
        "local", "read", "readonly", "return", "select", "set", "shift", "source", "then", "times", "trap", "type",
        "ulimit", "umask", "unalias", "unset", "until", "wait", "while",
    ]

    public func check(_ context: LintContext) -> [Violation] {
        var sawShell = false
        var result: [Violation] = []
        let source = context.dockerfile.source
        for ins in context.instructions {
            switch ins.kind {
            case .shell:
                sawShell = true
            case .cmd, .entrypoint:
                guard case .shell(let text) = ins.form else { continue }
                let fix = sawShell ? nil : execFix(ins, command: text, offsetInArguments: 0, source: source)
                let message = "\(ins.kind.rawValue) is in shell form; use the JSON (exec) form"
                result.append(Violation(ins, message, fix: fix))
            case .healthcheck:
                guard let command = Self.healthcheckShellCommand(ins) else { continue }
                let fix =
                    sawShell
                    ? nil : execFix(ins, command: command.text, offsetInArguments: command.offset, source: source)
                result.append(Violation(ins, "HEALTHCHECK CMD is in shell form; use the JSON (exec) form", fix: fix))
            default:
                continue
            }
        }
        return result
    }

    /// For `HEALTHCHECK [flags] CMD command` with a shell-form command: the command text and its
    /// offset in ``Instruction/arguments``.
    static func healthcheckShellCommand(_ ins: Instruction) -> (text: String, offset: Int)? {
        let args = ins.arguments
        guard args.utf8.count >= 3, args.uppercased().hasPrefix("CMD") else { return nil }
        let afterKeyword = args.dropFirst(3)
        guard let first = afterKeyword.first, first == " " || first == "\t" else { return nil }
        let command = afterKeyword.drop { $0 == " " || $0 == "\t" }
        let text = String(command)
        if text.hasPrefix("["), case .array(let items)? = try? JSONParser.parse(text),
            items.allSatisfy({ $0.stringValue != nil })
        {
            return nil
        }
        return (text, args.utf8.count - text.utf8.count)
    }

    /// The edit that rewrites `command` (found at `offsetInArguments` in the arguments) as a JSON
    /// array, when that is unambiguous.
    private func execFix(_ ins: Instruction, command: String, offsetInArguments: Int, source: String) -> Fix? {
        guard ins.heredocs.isEmpty, ins.range.start.line == ins.range.end.line, let json = Self.jsonForm(command) else {
            return nil
        }
        let start = ins.rawOffset(forLogical: ins.argumentsOffset + offsetInArguments)
        let end = start + command.utf8.count
        let bytes = Array(source.utf8)
        guard end <= bytes.count, String(decoding: bytes[start..<end], as: UTF8.self) == command else { return nil }
        return Fix(edits: [TextEdit(byteRange: start..<end, replacement: json)], summary: "Use the JSON (exec) form")
    }

    /// `["word1", "word2"]` for a command without shell syntax, else nil.
    static func jsonForm(_ command: String) -> String? {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first, !first.contains("="), !shellBuiltins.contains(first) else { return nil }
        guard !words.contains(where: { $0.contains(where: shellCharacters.contains) }) else { return nil }
        return "[" + words.map(jsonString).joined(separator: ", ") + "]"
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
