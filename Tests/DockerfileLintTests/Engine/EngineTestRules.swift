import DockerfileLint
import DockerfileSyntax
import SecurityModel

/// Fires on every `RUN` containing "bad"; fix replaces "bad" with "good".
struct BadWordRule: DockerfileRule {
    let descriptor = RuleDescriptor(
        id: "DF9001",
        slug: "bad-word",
        aliases: ["DL9001"],
        title: "bad word",
        severity: .medium,
        remediation: "say good"
    )

    func check(_ context: LintContext) -> [Violation] {
        context.instructions.filter { $0.kind == .run && $0.arguments.contains("bad") }.map { ins in
            let logical = Array(ins.logicalText.utf8)
            let needle = Array("bad".utf8)
            var fix: Fix? = nil
            if let at = (0...(logical.count - needle.count)).first(where: { Array(logical[$0..<$0 + 3]) == needle }) {
                let raw = ins.rawOffset(forLogical: at)
                fix = Fix(edits: [TextEdit(byteRange: raw..<raw + 3, replacement: "good")], summary: "bad→good")
            }
            return Violation(ins, "RUN says bad", fix: fix)
        }
    }
}

/// Off by default; fires on ENV values and redacts them.
struct SecretEnvRule: DockerfileRule {
    let descriptor = RuleDescriptor(
        id: "DF9002",
        slug: "secret-env",
        title: "secret",
        severity: .high,
        enabledByDefault: false,
        remediation: "use secrets"
    )

    func check(_ context: LintContext) -> [Violation] {
        context.instructions.filter { $0.kind == .env }.flatMap { ins in
            ins.keyValuePairs.compactMap { kv in
                kv.value.map { Violation(ins, "ENV \(kv.key) holds \($0)", redactions: [$0]) }
            }
        }
    }
}

/// Fires on every instruction, with no redactions of its own.
struct EveryInstructionRule: DockerfileRule {
    let descriptor = RuleDescriptor(id: "DF9003", slug: "every", title: "every", severity: .info, remediation: "-")

    func check(_ context: LintContext) -> [Violation] {
        context.instructions.map { Violation($0, "instruction \($0.arguments)") }
    }
}
