/// A shell script (a RUN instruction or a here-document body) split into simple commands.
///
/// This is not a full POSIX shell parser; it models what rules need: the commands, their words
/// with quotes removed, how they are chained (`&&`, `||`, `;`, `|`), and commands hidden inside
/// `sh -c '…'` (which are parsed recursively and added after their parent).
public struct ShellScript: Sendable, Hashable {
    /// The commands, in source order, with `sh -c` contents following their parent.
    public var commands: [ShellCommand]
    /// The text that was parsed.
    public var text: String

    /// Parses `text`.
    public init(parsing text: String) {
        self.text = text
        var lexer = ShellLexer(text: text)
        self.commands = lexer.commands(nesting: 0)
    }

    /// Parses exec-form arguments (`RUN ["apt-get", "install", "x"]`) as one command.
    public init(execForm words: [String]) {
        self.text = words.joined(separator: " ")
        var offset = 0
        var shellWords: [ShellWord] = []
        for w in words {
            shellWords.append(ShellWord(value: w, raw: w, offset: offset, isQuoted: false))
            offset += w.utf8.count + 1
        }
        var commands = [ShellCommand(words: shellWords)]
        // `["sh", "-c", "script"]`
        if let inner = ShellLexer.innerScript(of: commands[0]) {
            var lexer = ShellLexer(text: inner)
            commands.append(contentsOf: lexer.commands(nesting: 1))
        }
        self.commands = commands
    }

    /// Commands whose base name is `name`.
    public func commands(named name: String) -> [ShellCommand] { commands.filter { $0.baseName == name } }

    /// True when any command pipes into another.
    public var hasPipe: Bool { commands.contains { $0.separator == .pipe } }
}
