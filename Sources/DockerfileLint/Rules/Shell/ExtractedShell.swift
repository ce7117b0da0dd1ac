import DockerfileSyntax

/// The commands of a RUN (or SHELL) script as hadolint sees them.
///
/// hadolint hands the RUN text to ShellCheck's parser and collects every simple command of the
/// syntax tree whose name is a literal word. That differs from ``ShellScript`` in a few ways that
/// matter for parity, and this type reproduces hadolint's view on top of ``ShellScript``:
/// - `sh -c '…'` bodies are *not* looked into (they are just a quoted argument);
/// - commands inside `$(…)` and backticks *are* found (also in `X=$(…)` assignments);
/// - a command whose name is not a literal (`$PIP install`) is not a command at all;
/// - `command x`, `exec x`, `builtin x`, `busybox x` are taken as `x`;
/// - the exec form is joined with spaces and parsed as a shell script;
/// - for `RUN <<EOF` the here-document bodies are the script; for `RUN cmd <<EOF` only the
///   command line is (the body is data fed to the command);
/// - argument values are simplified like hadolint does: quotes removed, `$X` becomes `${X}`,
///   `$(…)` becomes `${…}`, arithmetic and backticks become `${VAR}`.
struct ExtractedShell: Sendable {
    /// The script text as parsed.
    var original: String
    /// The commands, in the order of a pre-order walk of the syntax tree.
    var commands: [ExtractedCommand]
    /// True when a pipe (`|` or `|&`) appears anywhere, command substitutions included, `case`
    /// patterns excluded.
    var hasPipes: Bool
    /// True when ``original`` is exactly the instruction's ``Instruction/arguments`` (shell form,
    /// no here-documents), so that word offsets of top-level commands map back to the file.
    var mapsToArguments: Bool
    /// How many simple commands hadolint counts (DL3059): the commands, plus one for each
    /// `time cmd`, which ShellCheck sees as two.
    var commandCount: Int

    /// The script of `instruction` (a RUN or a SHELL).
    init(instruction: Instruction) {
        self.init(form: instruction.form, heredocs: instruction.heredocs)
    }

    /// The script of the trigger of `onbuild` (`ONBUILD RUN …`); here-documents belong to the ONBUILD.
    init(trigger onbuild: Instruction) {
        self.init(form: onbuild.trigger?.form ?? .shell(""), heredocs: onbuild.heredocs)
    }

    private init(form: ArgumentForm, heredocs: [Heredoc]) {
        switch form {
        case .exec(let items):
            self.init(text: items.joined(separator: " "), mapsToArguments: false)
        case .shell(let text):
            if heredocs.isEmpty {
                self.init(text: text, mapsToArguments: true)
            } else {
                let head = ExtractedShell.stripHeredocMarkers(text)
                if head.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    self.init(text: heredocs.map(\.body).joined(separator: "\n"), mapsToArguments: false)
                } else {
                    self.init(text: head, mapsToArguments: false)
                }
            }
        }
    }

    /// Parses `text` as a shell script.
    init(text: String, mapsToArguments: Bool = false) {
        self.original = text
        self.mapsToArguments = mapsToArguments
        let syntax = ShellSyntaxScan(text)
        guard syntax.isValid else {
            // ShellCheck cannot parse it, so hadolint sees no commands.
            self.commands = []
            self.hasPipes = false
            self.commandCount = 0
            return
        }
        var commands: [ExtractedCommand] = []
        ExtractedShell.collect(syntax.maskedText, topLevel: true, depth: 0, into: &commands)
        self.commands = commands
        self.hasPipes = syntax.hasPipe
        self.commandCount = commands.count + syntax.timedCommands
    }

    /// Commands for which `predicate` holds.
    func commands(where predicate: (ExtractedCommand) -> Bool) -> [ExtractedCommand] {
        commands.filter(predicate)
    }

    /// True when some command satisfies `predicate`.
    func any(_ predicate: (ExtractedCommand) -> Bool) -> Bool { commands.contains(where: predicate) }

    /// True when no command satisfies `predicate`.
    func none(_ predicate: (ExtractedCommand) -> Bool) -> Bool { !commands.contains(where: predicate) }

    /// Index of the first command satisfying `predicate`.
    func firstIndex(_ predicate: (ExtractedCommand) -> Bool) -> Int? { commands.firstIndex(where: predicate) }

    /// True when some command is named exactly `name`.
    func uses(_ name: String) -> Bool { commands.contains { $0.name == name } }

    // MARK: - Building

    private static func collect(_ text: String, topLevel: Bool, depth: Int, into commands: inout [ExtractedCommand]) {
        let script = ShellScript(parsing: topLevel ? text : ShellSyntaxScan(text).maskedText)
        for command in script.commands where command.nesting == 0 {
            // `[ … ]` and `[[ … ]]` are conditions to ShellCheck, not commands.
            if let first = command.words.first, first.raw != "[[", first.raw != "[" {
                let simplified = command.words.map { WordSimplifier.simplify($0.raw) }
                if !simplified[0].hasExpansion {
                    commands.append(
                        ExtractedCommand(
                            words: command.words,
                            values: simplified.map(\.text),
                            isTopLevel: topLevel
                        )
                    )
                }
            }
            guard depth < 8 else { continue }
            for word in command.assignments + command.words {
                for inner in WordSimplifier.substitutions(in: word.raw) {
                    collect(inner, topLevel: false, depth: depth + 1, into: &commands)
                }
            }
        }
    }

    /// The text with `<<EOF`-style words removed.
    static func stripHeredocMarkers(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<<") }
            .joined(separator: " ")
    }
}

/// One simple command, with hadolint's view of its name, arguments and flags.
struct ExtractedCommand: Sendable {
    /// The command name (`apt-get`; `/usr/bin/apt-get` stays as written, as in hadolint).
    var name: String
    /// Argument values after the first word (for `command x …`, `x` is the first argument).
    var arguments: [String]
    /// Flag names and the index (in ``arguments``) of the argument that carries them:
    /// `--name=value` gives `name`, `-abc` gives `a`, `b`, `c`; `-` and `--` give none.
    var flags: [(name: String, index: Int)]
    /// The source words (name first) when the command sits directly in the parsed script (not in a
    /// command substitution); their offsets are relative to ``ExtractedShell/original``.
    var sourceWords: [ShellWord]?

    init(words: [ShellWord], values: [String], isTopLevel: Bool) {
        self.arguments = Array(values.dropFirst())
        self.name = ExtractedCommand.effectiveName(values[0], arguments: arguments)
        var flags: [(String, Int)] = []
        for (index, arg) in arguments.enumerated() {
            if arg == "--" || arg == "-" { continue }
            if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                flags.append((String(body.prefix { $0 != "=" }), index))
            } else if arg.hasPrefix("-") {
                for ch in arg.dropFirst() { flags.append((String(ch), index)) }
            }
        }
        self.flags = flags
        self.sourceWords = isTopLevel ? words : nil
    }

    /// ShellCheck looks through a few wrappers to find the command that really runs.
    private static func effectiveName(_ name: String, arguments: [String]) -> String {
        switch name {
        case "busybox", "builtin", "command", "run":
            if let first = arguments.first, !first.hasPrefix("-") { return first }
        case "exec":
            // `exec [-cl] [-a name] command …`
            var i = 0
            while i < arguments.count, arguments[i].hasPrefix("-"), arguments[i] != "--" {
                let opts = arguments[i].dropFirst()
                guard opts.allSatisfy({ "cla".contains($0) }) else { return name }
                if let a = opts.firstIndex(of: "a") {
                    // `a` takes a value: the rest of this word, or the next word.
                    i += opts[opts.index(after: a)...].isEmpty ? 2 : 1
                } else {
                    i += 1
                }
            }
            if i < arguments.count, arguments[i] == "--" { i += 1 }
            if i < arguments.count { return arguments[i] }
        default:
            break
        }
        return name
    }

    /// True when any argument equals one of `values` (hadolint's `cmdHasArgs`).
    func hasArgument(_ values: String...) -> Bool { arguments.contains { values.contains($0) } }

    /// True when this is command `name` with any argument equal to one of `values`.
    func `is`(_ name: String, withAnyOf values: String...) -> Bool {
        self.name == name && arguments.contains { values.contains($0) }
    }

    /// True when any flag is one of `names`.
    func hasFlag(_ names: String...) -> Bool { flags.contains { names.contains($0.name) } }

    /// How many times flag `name` appears (`-qq` counts two).
    func count(ofFlag name: String) -> Int { flags.filter { $0.name == name }.count }

    /// Arguments that carry no flag (`-` and `--` are kept, as in hadolint).
    var nonFlagArguments: [String] { nonFlagArguments(droppingValuesOf: []) }

    /// Arguments that carry no flag, also dropping the argument right after a flag in `valueFlags`
    /// unless that flag was written with an inline `=value`.
    func nonFlagArguments(droppingValuesOf valueFlags: Set<String>) -> [String] {
        let flagIndices = Set(flags.map(\.index))
        var dropped: Set<Int> = []
        for flag in flags where valueFlags.contains(flag.name) && !arguments[flag.index].contains("=") {
            dropped.insert(flag.index + 1)
        }
        return arguments.indices.filter { !flagIndices.contains($0) && !dropped.contains($0) }.map { arguments[$0] }
    }

    /// The values given to flag `name`: the argument after each argument carrying it.
    func values(ofFlag name: String) -> [String] {
        var indices: Set<Int> = []
        for flag in flags where flag.name == name && flag.index + 1 < arguments.count { indices.insert(flag.index + 1) }
        return indices.sorted().map { arguments[$0] }
    }

    /// True when `sequence` occurs as consecutive arguments.
    func hasArgumentSequence(_ sequence: [String]) -> Bool {
        guard !sequence.isEmpty, arguments.count >= sequence.count else { return false }
        for start in 0...(arguments.count - sequence.count)
        where Array(arguments[start..<(start + sequence.count)]) == sequence {
            return true
        }
        return false
    }

    /// The source word (name at index 0) whose simplified value is `value`, for top-level commands.
    func sourceWord(withValue value: String) -> ShellWord? {
        guard let words = sourceWords else { return nil }
        return words.dropFirst().first { WordSimplifier.simplify($0.raw).text == value }
    }
}
