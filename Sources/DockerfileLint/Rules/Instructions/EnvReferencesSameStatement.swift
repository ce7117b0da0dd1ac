import DockerfileSyntax
public import SecurityModel

/// DF3044 (hadolint DL3044): an `ENV` refers to a variable that the same `ENV` defines.
///
/// In `ENV A=1 B=$A`, `$A` is expanded before the statement runs, so `B` gets the old value of `A`
/// (usually empty). As in hadolint, a reference (`$A` or `${A}`) from one pair to a name defined by
/// another pair of the same statement is reported unless an earlier `ENV` or `ARG` defined it.
public struct EnvReferencesSameStatement: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3044",
        slug: "env-self-reference",
        aliases: ["DL3044"],
        title: "ENV refers to a variable defined in the same statement",
        severity: .high,
        remediation: "Split the statement: define the variable in one `ENV` and use it in a later one.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3044"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var defined: Set<String> = []
        var result: [Violation] = []
        for ins in context.instructions {
            switch ins.kind {
            case .arg:
                if let name = HadolintArguments.argumentName(ins) { defined.insert(name) }
            case .env:
                guard let pairs = HadolintArguments.pairs(ins) else { continue }
                var offending: [String] = []
                for (i, pair) in pairs.enumerated() where !defined.contains(pair.key) {
                    let others = pairs.enumerated().filter { $0.offset != i }.map(\.element.value)
                    if others.contains(where: { Self.references(pair.key, in: $0) }) { offending.append(pair.key) }
                }
                defined.formUnion(pairs.map(\.key))
                if !offending.isEmpty {
                    let names = offending.map { "'\($0)'" }.joined(separator: ", ")
                    result.append(Violation(ins, "ENV uses \(names) in the same statement that defines it"))
                }
            default:
                continue
            }
        }
        return result
    }

    /// True when `text` contains `${name}`, or `$name` not followed by a name character.
    static func references(_ name: String, in text: String) -> Bool {
        if text.contains("${\(name)}") { return true }
        let needle = "$" + name
        var rest = Substring(text)
        while let range = rest.firstRange(of: needle) {
            let after = rest[range.upperBound...]
            guard let next = after.first, next.isASCII, next.isLetter || next.isNumber || next == "_" else {
                return true
            }
            rest = after
        }
        return false
    }
}
