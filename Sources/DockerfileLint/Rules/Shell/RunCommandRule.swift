import DockerfileSyntax
import SecurityModel

/// A rule that judges each `RUN` on its own from its commands (hadolint's simple RUN rules).
///
/// ``checkRuns(_:)`` (which conforming rules call from their public `check(_:)`) walks the
/// instructions, builds the ``ExtractedShell`` of every RUN (and, when ``includesOnbuild`` is set,
/// of every `ONBUILD RUN`) and reports the instruction when ``isViolated(by:in:)`` holds. Fixes are
/// only asked for plain RUN instructions.
protocol RunCommandRule: DockerfileRule {
    /// Whether `ONBUILD RUN …` triggers are checked too (hadolint wraps most rules in `onbuild`).
    var includesOnbuild: Bool { get }
    /// The violation message.
    var message: String { get }
    /// The message for a violating script; by default ``message``.
    func message(for shell: ExtractedShell) -> String
    /// True when the RUN breaks the rule. `run` is the RUN (or the ONBUILD trigger) instruction.
    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool
    /// A fix for a violating plain RUN, when one is unambiguous.
    func fix(for shell: ExtractedShell, in run: Instruction) -> Fix?
}

extension RunCommandRule {
    var includesOnbuild: Bool { true }

    func fix(for shell: ExtractedShell, in run: Instruction) -> Fix? { nil }

    func message(for shell: ExtractedShell) -> String { message }

    /// ``message`` followed by the packages it is about.
    func message(listing items: [String]) -> String { ShellFixes.message(message, listing: items) }

    /// The violations of this rule in `context`.
    func checkRuns(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        for instruction in context.instructions {
            if instruction.kind == .run {
                let shell = context.shell(of: instruction)
                if isViolated(by: shell, in: instruction) {
                    result.append(
                        Violation(instruction, message(for: shell), fix: fix(for: shell, in: instruction))
                    )
                }
            } else if includesOnbuild, let trigger = instruction.trigger, trigger.kind == .run {
                let shell = context.triggerShell(of: instruction)
                if isViolated(by: shell, in: trigger) { result.append(Violation(instruction, message(for: shell))) }
            }
        }
        return result
    }
}

/// Building messages and safe text edits for shell commands.
enum ShellFixes {
    /// `message`, followed by the distinct `items` (at most five), for messages naming packages.
    static func message(_ message: String, listing items: [String]) -> String {
        var seen: Set<String> = []
        let distinct = items.filter { seen.insert($0).inserted }
        guard !distinct.isEmpty else { return message }
        let shown = distinct.prefix(5).joined(separator: ", ")
        return message + ": " + shown + (distinct.count > 5 ? ", …" : "")
    }

    /// An edit inserting `text` right after `word` of a top-level command of `run`'s shell-form
    /// script; nil unless `shell` maps onto the instruction's arguments.
    static func insert(_ text: String, after word: ShellWord, in run: Instruction, shell: ExtractedShell) -> TextEdit? {
        guard shell.mapsToArguments, run.kind == .run, run.heredocs.isEmpty, case .shell = run.form,
            !word.raw.isEmpty
        else { return nil }
        let end = run.argumentsOffset + word.offset + word.raw.utf8.count
        return .insert(text, at: run.rawOffset(forLogical: end - 1) + 1)
    }

    /// Inserts `text` after the word `subcommand` of every command in `commands`; nil when any of
    /// them is not a plain top-level command whose subcommand word is written unquoted.
    static func insert(
        _ text: String,
        afterSubcommand subcommand: String,
        of commands: [ExtractedCommand],
        in run: Instruction,
        shell: ExtractedShell,
        summary: String
    ) -> Fix? {
        guard !commands.isEmpty else { return nil }
        var edits: [TextEdit] = []
        for command in commands {
            guard let words = command.sourceWords,
                let word = words.dropFirst().first(where: { $0.raw == subcommand }),
                let edit = insert(text, after: word, in: run, shell: shell)
            else { return nil }
            if !edits.contains(edit) { edits.append(edit) }
        }
        return Fix(edits: edits, summary: summary)
    }

    /// Appends ` && <command>` after the last byte of the RUN's shell-form script, when the script
    /// does not end in an operator and the result is valid and parses as the same commands followed
    /// by `command` at the top level (a trailing comment or an open quote would swallow it).
    static func append(command: String, to run: Instruction, shell: ExtractedShell, summary: String) -> Fix? {
        guard shell.mapsToArguments, run.kind == .run, run.heredocs.isEmpty, case .shell(let text) = run.form,
            let last = text.utf8.last
        else { return nil }
        if ";&|\\({`".utf8.contains(last) || last == run.escapeCharacter.asciiValue { return nil }
        let appended = text + " && " + command
        let before = ShellScript(parsing: text)
        let after = ShellScript(parsing: appended)
        let expected = ShellScript(parsing: command).commands.map { $0.words.map(\.value) }
        guard expected.count == 1, after.commands.count == before.commands.count + 1,
            let added = after.commands.last, added.nesting == 0, added.words.map(\.value) == expected[0],
            ShellSyntaxScan(appended).isValid
        else { return nil }
        let end = run.argumentsOffset + text.utf8.count
        return Fix(edits: [.insert(" && " + command, at: run.rawOffset(forLogical: end - 1) + 1)], summary: summary)
    }
}
