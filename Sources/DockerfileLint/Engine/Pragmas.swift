import DockerfileSyntax

/// Inline ignore comments: `# hadolint ignore=DL3008,DL3015` and `# bulkhead ignore=DF3008` silence
/// the named rules on the next instruction; `# hadolint global ignore=…` / `# bulkhead global ignore=…`
/// silence them in the whole file.
struct Pragmas {
    /// Rule names ignored per instruction start line.
    private(set) var byLine: [Int: [String]] = [:]
    /// Rule names ignored everywhere.
    private(set) var global: [String] = []
    /// Lines of comments that are ignore pragmas (for DL1001).
    private(set) var pragmaLines: [Int] = []

    init(_ dockerfile: Dockerfile) {
        let instructionLines = dockerfile.instructions.map(\.line).sorted()
        for comment in dockerfile.comments {
            guard let (isGlobal, names) = Pragmas.parse(comment.text) else { continue }
            pragmaLines.append(comment.line)
            if isGlobal {
                global.append(contentsOf: names)
            } else if let target = instructionLines.first(where: { $0 > comment.line }),
                Pragmas.onlyCommentsBetween(comment.line, target, in: dockerfile)
            {
                byLine[target, default: []].append(contentsOf: names)
            }
        }
    }

    /// Parses a comment body; nil when it is not an ignore pragma.
    static func parse(_ text: String) -> (global: Bool, names: [String])? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let tool = words.first?.lowercased(), tool == "hadolint" || tool == "bulkhead" else { return nil }
        words.removeFirst()
        var isGlobal = false
        if words.first?.lowercased() == "global" {
            isGlobal = true
            words.removeFirst()
        }
        let rest = words.joined(separator: " ")
        guard rest.lowercased().hasPrefix("ignore="), let eq = rest.firstIndex(of: "=") else { return nil }
        let names = rest[rest.index(after: eq)...].split(whereSeparator: { $0 == "," || $0 == " " })
            .map(String.init).filter { !$0.isEmpty }
        return (isGlobal, names)
    }

    private static func onlyCommentsBetween(_ a: Int, _ b: Int, in dockerfile: Dockerfile) -> Bool {
        let commentLines = Set(dockerfile.comments.map(\.line))
        return (a + 1..<b).allSatisfy { commentLines.contains($0) }
    }

    /// True when a finding of a rule with the given names at `line` is silenced.
    func ignores(_ isNamed: (String) -> Bool, atLine line: Int) -> Bool {
        global.contains(where: isNamed) || (byLine[line] ?? []).contains(where: isNamed)
    }
}
