/// A simple command inside a shell script: `apt-get install -y curl`.
///
/// Environment assignments before the name (`DEBIAN_FRONTEND=noninteractive apt-get …`) and
/// redirections (`> /dev/null`, `2>&1`) are separated from the words.
public struct ShellCommand: Sendable, Hashable {
    /// How this command is joined to the next one.
    public enum Separator: String, Sendable, Hashable {
        case and = "&&"
        case or = "||"
        case semicolon = ";"
        /// `;;`, ending a `case` branch.
        case caseEnd = ";;"
        case pipe = "|"
        case background = "&"
        case newline = "\n"
        case end = ""
    }

    /// Name and arguments, in order.
    public var words: [ShellWord]
    /// `NAME=value` assignments before the command name.
    public var assignments: [ShellWord]
    /// Redirection operators with their targets, as written (`>`, `/dev/null`).
    public var redirections: [String]
    /// The operator after this command.
    public var separator: Separator
    /// True when the previous command's separator was `|`.
    public var isPipedInto: Bool
    /// Depth of `sh -c '…'` nesting this command was found in (0 = top level).
    public var nesting: Int

    public init(
        words: [ShellWord],
        assignments: [ShellWord] = [],
        redirections: [String] = [],
        separator: Separator = .end,
        isPipedInto: Bool = false,
        nesting: Int = 0
    ) {
        self.words = words
        self.assignments = assignments
        self.redirections = redirections
        self.separator = separator
        self.isPipedInto = isPipedInto
        self.nesting = nesting
    }

    /// The command name as written (`apt-get`, `/usr/bin/apt-get`), or "" for an empty command.
    public var name: String { words.first?.value ?? "" }

    /// The last path component of the name (`/usr/bin/apt-get` → `apt-get`).
    public var baseName: String {
        let n = name
        guard let slash = n.lastIndex(of: "/") else { return n }
        return String(n[n.index(after: slash)...])
    }

    /// Argument values after the name.
    public var arguments: [String] { words.dropFirst().map(\.value) }

    /// True when the separator after this command is a pipe.
    public var pipesIntoNext: Bool { separator == .pipe }

    /// Flag names used in the arguments: `--long=value` gives `long`, `-abc` gives `a`, `b`, `c`.
    /// Parsing stops at `--`.
    public var flags: [String] {
        var result: [String] = []
        for arg in arguments {
            if arg == "--" { break }
            if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                result.append(String(body.split(separator: "=", maxSplits: 1).first ?? body))
            } else if arg.hasPrefix("-"), arg.count > 1 {
                for ch in arg.dropFirst() { result.append(String(ch)) }
            }
        }
        return result
    }

    /// True when any of `names` is a flag (`"y"` matches `-y` and `-qy`; `"yes"` matches `--yes`).
    public func hasFlag(_ names: String...) -> Bool { hasAnyFlag(names) }

    /// True when any of `names` is a flag.
    public func hasAnyFlag(_ names: [String]) -> Bool {
        let f = flags
        return names.contains { f.contains($0) }
    }

    /// Arguments that are not flags (do not start with `-`).
    public var positionalArguments: [String] { arguments.filter { !$0.hasPrefix("-") } }

    /// True when `argument` appears among the arguments.
    public func hasArgument(_ argument: String) -> Bool { arguments.contains(argument) }

    /// True when the command is `name` (by base name) and has `subcommand` among its arguments, e.g.
    /// `is("apt-get", "install")`.
    public func `is`(_ name: String, _ subcommand: String? = nil) -> Bool {
        guard baseName == name else { return false }
        guard let subcommand else { return true }
        return arguments.contains(subcommand)
    }

    /// The value following option `option` (`-o`, `--output`), or given as `--output=value`.
    public func value(ofOption option: String) -> String? {
        let args = arguments
        for (i, a) in args.enumerated() {
            if a == option, i + 1 < args.count { return args[i + 1] }
            if a.hasPrefix(option + "=") { return String(a.dropFirst(option.count + 1)) }
        }
        return nil
    }
}
