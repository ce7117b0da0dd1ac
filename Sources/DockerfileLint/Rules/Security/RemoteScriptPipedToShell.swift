import DockerfileSyntax
public import SecurityModel

/// DF5004: a script downloaded with `curl`/`wget` and executed straight away without verification:
/// `curl … | sh`, `wget -O- … | sudo bash`, `curl … | python3 -`, `sh -c "$(curl …)"`, `bash <(curl …)`.
public struct RemoteScriptPipedToShell: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5004",
        slug: "curl-pipe-shell",
        title: "Remote script piped into a shell",
        severity: .high,
        remediation:
            "Download the script to a file, verify it against a pinned checksum or signature "
            + "(`echo \"<sha256>  install.sh\" | sha256sum -c -`), then run it. Better, install a pinned package "
            + "or use `ADD --checksum=sha256:…`.",
        references: ["https://cwe.mitre.org/data/definitions/494.html"],
        tags: ["security", "supply-chain"]
    )

    static let downloaders: Set<String> = ["curl", "wget"]
    static let shells: Set<String> = ["sh", "bash", "zsh", "ash", "dash", "ksh", "mksh", "fish"]
    static let interpreters: Set<String> = [
        "python", "python2", "python3", "perl", "ruby", "node", "php", "pwsh", "powershell",
    ]

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        for instruction in context.instructions {
            let target = instruction.trigger ?? instruction
            guard target.kind == .run, let script = context.script(of: target) else { continue }
            if let how = Self.finding(script: script, text: target.executedScriptText) {
                result.append(Violation(instruction, "RUN \(how) without verifying it"))
            }
        }
        return result
    }

    /// A description of the first download-and-execute pattern in the script.
    static func finding(script: ShellScript, text: String) -> String? {
        let commands = script.commands
        for (i, command) in commands.enumerated() where downloaders.contains(command.baseName) {
            // Follow the pipeline: curl … | tee … | sudo -E bash -
            var j = i
            while j + 1 < commands.count, commands[j].separator == .pipe {
                j += 1
                if let runner = executor(commands[j]) {
                    return "pipes a script downloaded with \(command.baseName) into \(runner)"
                }
            }
        }
        // `sh -c "$(curl …)"`, `eval "$(wget -qO- …)"`: the whole script is the download.
        for command in commands {
            let args = command.arguments
            let script: String?
            if command.baseName == "eval" {
                script = args.first
            } else if shells.contains(command.baseName),
                let flag = args.firstIndex(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("c") }),
                flag + 1 < args.count
            {
                script = args[flag + 1]
            } else {
                script = nil
            }
            if let script, let tool = downloadSubstitution(script) {
                return "runs the output of a download (\(command.baseName) \"$(\(tool) …)\")"
            }
        }
        if let (shell, tool) = processSubstitution(in: text) {
            return "runs a script downloaded with \(tool) through process substitution (\(shell) <(…))"
        }
        return nil
    }

    /// The interpreter that executes standard input in `command`, if it does: `sh`, `bash -s -- args`,
    /// `sudo -E bash -`, `python3 -` (but not `sh -c '…'`, `python -c …` or `python script.py`).
    private static func executor(_ command: ShellCommand) -> String? {
        var words = command.words.map(\.value)
        // Strip wrappers: sudo [-E] [-u user], env [VAR=…].
        while let first = words.first {
            let base = first.split(separator: "/").last.map(String.init) ?? first
            guard base == "sudo" || base == "env" || base == "doas" else { break }
            words.removeFirst()
            while let w = words.first, w.hasPrefix("-") || w.contains("=") {
                words.removeFirst()
                if w == "-u" || w == "-g", !words.isEmpty { words.removeFirst() }
            }
        }
        guard let name = words.first else { return nil }
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let args = Array(words.dropFirst())
        if shells.contains(base) {
            // `sh -c 'cmd'` runs its argument, not standard input.
            if args.contains(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("c") }) { return nil }
            if args.contains("-s") { return base }
            // `sh script.sh` runs the file; `sh`, `sh -`, `bash -x` read standard input.
            return args.contains { !$0.hasPrefix("-") } ? nil : base
        }
        if interpreters.contains(base) || base.hasPrefix("python3.") {
            if args.contains(where: { $0 == "-c" || $0 == "-m" || $0 == "-e" || $0 == "-r" }) { return nil }
            let positional = args.first { !$0.hasPrefix("-") }
            if positional != nil, !args.contains("-") { return nil }
            return base
        }
        return nil
    }

    /// The downloader when `script` is exactly a command substitution of it: `$(curl …)`, `` `wget …` ``.
    private static func downloadSubstitution(_ script: String) -> String? {
        let s = script.trimmedAndUnquoted
        for tool in downloaders where s.hasPrefix("$(\(tool) ") || s.hasPrefix("`\(tool) ") {
            return tool
        }
        return nil
    }

    /// `bash <(curl …)`, `source <(wget -qO- …)`, `. <(curl …)`.
    private static func processSubstitution(in text: String) -> (String, String)? {
        let b = Array(text.utf8)
        let marker = Array("<(".utf8)
        var i = 0
        while i + 2 <= b.count {
            guard b[i] == marker[0], b[i + 1] == marker[1] else {
                i += 1
                continue
            }
            // The command before `<(`.
            var e = i
            while e > 0, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
            var s = e
            while s > 0, b[s - 1] != 0x20, b[s - 1] != 0x09, b[s - 1] != UInt8(ascii: ";"),
                b[s - 1] != UInt8(ascii: "&"),
                b[s - 1] != UInt8(ascii: "|"), b[s - 1] != 0x0A
            {
                s -= 1
            }
            let before = String(decoding: b[s..<e], as: UTF8.self)
            let runner = before.split(separator: "/").last.map(String.init) ?? before
            // The command inside `<(`.
            var k = i + 2
            while k < b.count, b[k] == 0x20 { k += 1 }
            var w = k
            while w < b.count, b[w] != 0x20, b[w] != UInt8(ascii: ")") { w += 1 }
            let inner = String(decoding: b[k..<w], as: UTF8.self)
            let tool = inner.split(separator: "/").last.map(String.init) ?? inner
            if downloaders.contains(tool), shells.contains(runner) || runner == "source" || runner == "." {
                return (runner, tool)
            }
            i += 2
        }
        return nil
    }
}
