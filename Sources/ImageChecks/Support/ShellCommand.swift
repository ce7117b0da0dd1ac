/// One simple command of a shell script (a `RUN` step of an image's history), its words unquoted.
///
/// Built by ``ShellScript/commands(in:)``. The splitting is deliberately approximate: it honours quotes,
/// backslashes and the separators `;`, `&`, `|`, `(`, `)` and newlines, but does not expand anything and
/// does not look inside `sh -c '…'` strings, which is what history checks need.
struct ShellCommand: Sendable, Hashable {
    /// The words, quotes removed.
    var words: [String]

    /// Words that may precede the command word without being the command (`if`, `then`, `!` …).
    private static let reservedWords: Set<String> = [
        "if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done", "time",
    ]

    /// Commands that run another command given as their arguments.
    private static let wrappers: Set<String> = [
        "sudo", "doas", "env", "nice", "nohup", "exec", "command", "gosu", "su-exec", "stdbuf", "chroot", "xargs",
    ]

    /// Options of wrappers that take a value as the next word.
    private static let wrapperOptionsWithValue: [String: Set<String>] = [
        "sudo": ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-R"],
        "doas": ["-u", "-C"],
        "nice": ["-n"],
        "env": ["-u", "-C", "-S"],
        "xargs": ["-I", "-L", "-n", "-P", "-s", "-d", "-E", "-a"],
    ]

    /// Wrappers whose first operand is not the command (`gosu user cmd`, `chroot dir cmd`).
    private static let wrappersWithOperand: Set<String> = ["gosu", "su-exec", "chroot"]

    /// True for `NAME=value` words (shell assignments).
    static func isAssignment(_ word: String) -> Bool {
        guard let eq = word.utf8.firstIndex(of: UInt8(ascii: "=")), eq != word.utf8.startIndex else { return false }
        var first = true
        for c in word.utf8[..<eq] {
            let letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            let digit = c >= 0x30 && c <= 0x39
            if !(letter || c == UInt8(ascii: "_") || (!first && digit)) { return false }
            first = false
        }
        return true
    }

    /// The last path component of `word` (`/usr/bin/apt-get` → `apt-get`).
    static func baseName(_ word: String) -> String {
        guard let slash = word.lastIndex(of: "/") else { return word }
        return String(word[word.index(after: slash)...])
    }

    /// Index of the command word: the first word that is neither an assignment nor a reserved word.
    var commandIndex: Int? {
        words.indices.first { !Self.isAssignment(words[$0]) && !Self.reservedWords.contains(words[$0]) }
    }

    /// The command as written, by base name (`sudo` for `sudo apt-get install`).
    var name: String? { commandIndex.map { Self.baseName(words[$0]) } }

    /// Every command this one runs: itself, then what its wrappers run (`sudo -u x apt-get update` gives
    /// `sudo …` and `apt-get update`). Each element is (base name, arguments).
    var invocations: [(name: String, arguments: [String])] {
        guard var index = commandIndex else { return [] }
        var result: [(name: String, arguments: [String])] = []
        while index < words.count {
            let name = Self.baseName(words[index])
            result.append((name, Array(words[(index + 1)...])))
            guard Self.wrappers.contains(name) else { break }
            let valued = Self.wrapperOptionsWithValue[name] ?? []
            var next = index + 1
            var operandSkipped = !Self.wrappersWithOperand.contains(name)
            while next < words.count {
                let w = words[next]
                if w.hasPrefix("-") && w.count > 1 {
                    next += valued.contains(w) ? 2 : 1
                } else if Self.isAssignment(w) {
                    next += 1
                } else if !operandSkipped {
                    operandSkipped = true
                    next += 1
                } else {
                    break
                }
            }
            index = next
        }
        return result
    }

    /// The first invocation named one of `names`, with its arguments.
    func invocation(named names: Set<String>) -> (name: String, arguments: [String])? {
        invocations.first { names.contains($0.name) }
    }
}
