/// dockerd's argument vector (from `/proc/<pid>/cmdline`), parsed the way dockerd's flag library (pflag) does.
///
/// Long flags take `--name=value` or `--name value`; boolean flags take only `--name` or `--name=false`;
/// short flags take `-l warn`, `-l=warn` or `-lwarn`, and boolean short flags combine (`-Dl warn`). Parsing
/// never fails: what dockerd would reject (an unknown boolean spelling, a positional argument) is recorded in
/// ``problems``.
public struct DockerdCommandLine: Sendable, Hashable {
    /// One flag as it appeared on the command line.
    public struct Occurrence: Sendable, Hashable {
        /// The long name without dashes (`log-level` also for `-l`), or the name as written for unknown flags.
        public var name: String
        /// The value (`warn`), or nil for a boolean flag written without `=`.
        public var value: String?
        /// The argument(s) as written (`-l warn`, `--icc=false`), for messages.
        public var text: String
    }

    /// The arguments, program name included.
    public var arguments: [String]
    /// Every flag in order of appearance.
    public var occurrences: [Occurrence]
    /// What dockerd would refuse: positional arguments, unknown shorthand flags, a value flag without its value.
    public var problems: [String]

    /// Parses `arguments` (`["/usr/bin/dockerd", "-H", "fd://", …]`). The first element is the program; a
    /// following `daemon` (the old `docker daemon` form) is skipped too.
    public init(arguments: [String]) {
        self.arguments = arguments
        var rest = ArraySlice(arguments.dropFirst())
        if let program = arguments.first, program.hasSuffix("docker"), rest.first == "daemon" {
            rest = rest.dropFirst()
        }
        var parser = Parser(rest: rest)
        parser.run()
        occurrences = parser.occurrences
        problems = parser.problems
    }

    /// Every occurrence of the long flag `name` (without dashes), in order.
    public func all(_ name: String) -> [Occurrence] { occurrences.filter { $0.name == name } }

    /// The last occurrence of the long flag `name`: the one dockerd uses for single-valued flags.
    public func last(_ name: String) -> Occurrence? { occurrences.last { $0.name == name } }

    /// The daemon configuration file dockerd reads: `--config-file`, else `/etc/docker/daemon.json`.
    public var configurationFile: String { last("config-file")?.value ?? DaemonFacts.defaultConfigurationPath }

    private struct Parser {
        var rest: ArraySlice<String>
        var occurrences: [Occurrence] = []
        var problems: [String] = []

        mutating func run() {
            while let argument = rest.popFirst() {
                if argument == "--" {
                    if !rest.isEmpty { problems.append("positional arguments after `--`: dockerd accepts none") }
                    return
                }
                if argument.hasPrefix("--") {
                    long(String(argument.dropFirst(2)), text: argument)
                } else if argument.hasPrefix("-"), argument.count > 1 {
                    shorts(Array(argument.dropFirst()), text: argument)
                } else {
                    problems.append("positional argument `\(argument)`: dockerd accepts none and refuses to start")
                }
            }
        }

        mutating func long(_ body: String, text: String) {
            let (name, inline) = Self.split(body)
            guard let flag = DockerdFlag.byName[name] else {
                // Unknown flag: dockerd accepts no positional arguments, so a following non-flag is its value.
                if let inline {
                    occurrences.append(Occurrence(name: name, value: inline, text: text))
                } else if let next = rest.first, !next.hasPrefix("-") {
                    rest.removeFirst()
                    occurrences.append(Occurrence(name: name, value: next, text: "\(text) \(next)"))
                } else {
                    occurrences.append(Occurrence(name: name, value: nil, text: text))
                }
                return
            }
            take(flag, inline: inline, text: text)
        }

        mutating func shorts(_ letters: [Character], text: String) {
            var index = 0
            while index < letters.count {
                let letter = letters[index]
                guard let flag = DockerdFlag.byShort[letter] else {
                    problems.append("unknown shorthand flag `-\(letter)` in `\(text)`")
                    return
                }
                let tail = String(letters[(index + 1)...])
                if flag.kind == .boolean {
                    if tail.hasPrefix("=") {
                        take(flag, inline: String(tail.dropFirst()), text: text)
                        return
                    }
                    take(flag, inline: nil, text: "-\(letter)")
                    index += 1
                    continue
                }
                take(
                    flag,
                    inline: tail.isEmpty ? nil : (tail.hasPrefix("=") ? String(tail.dropFirst()) : tail),
                    text: text
                )
                return
            }
        }

        mutating func take(_ flag: DockerdFlag, inline: String?, text: String) {
            if flag.kind == .boolean {
                occurrences.append(Occurrence(name: flag.name, value: inline, text: text))
                return
            }
            if let inline {
                occurrences.append(Occurrence(name: flag.name, value: inline, text: text))
            } else if let next = rest.popFirst() {
                occurrences.append(Occurrence(name: flag.name, value: next, text: "\(text) \(next)"))
            } else {
                problems.append("flag `\(text)` needs an argument")
            }
        }

        /// `name=value` → (`name`, `value`); `name` → (`name`, nil).
        static func split(_ body: String) -> (String, String?) {
            guard let equals = body.firstIndex(of: "=") else { return (body, nil) }
            return (String(body[..<equals]), String(body[body.index(after: equals)...]))
        }
    }
}

extension DockerdCommandLine {
    /// Go's `strconv.ParseBool`, which pflag uses for boolean flags: nil for anything else.
    static func parseBoolean(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": true
        case "0", "f", "F", "FALSE", "false", "False": false
        default: nil
        }
    }
}
