import DockerfileSyntax
public import SecurityModel

/// DF1001 (hadolint DL1001, off by default): inline `# hadolint ignore=…` (and `# bulkhead ignore=…`)
/// comments.
///
/// Some teams want every exception recorded in configuration rather than scattered through
/// Dockerfiles. hadolint's pragma grammar is followed exactly: `hadolint`, blanks, `ignore`, `=`,
/// and a comma-separated list of rule codes, optionally followed by a `#` comment. Global
/// (`hadolint global ignore=…`) and stage pragmas are not inline ignores and are not reported.
public struct InlineIgnorePragma: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF1001",
        slug: "inline-ignore-pragma",
        aliases: ["DL1001"],
        title: "Inline ignore pragma comment",
        severity: .low,
        enabledByDefault: false,
        remediation:
            "Move the exception to the configuration file (`ignored:` or a rule override) and delete the comment.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL1001"],
        tags: ["style", "configuration"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.dockerfile.comments.compactMap { comment in
            guard Self.isInlineIgnore(comment.text) else { return nil }
            return Violation(
                range: SourceRange(
                    start: SourcePosition(line: comment.line, column: 1),
                    end: SourcePosition(line: comment.line + 1, column: 1)
                ),
                message: "Inline ignore pragma; record rule exceptions in the configuration file instead"
            )
        }
    }

    /// hadolint's inline-ignore grammar (`hadolint ignore=DL3008, DL3009 # why`), also accepted with
    /// `bulkhead` in place of `hadolint` (rule names then may be any ids or slugs).
    static func isInlineIgnore(_ body: String) -> Bool {
        var s = Substring(body)
        func skipBlanks() -> Int {
            var n = 0
            while let c = s.first, c == " " || c == "\t" {
                s = s.dropFirst()
                n += 1
            }
            return n
        }
        func take(_ word: String) -> Bool {
            guard s.hasPrefix(word) else { return false }
            s = s.dropFirst(word.count)
            return true
        }
        _ = skipBlanks()
        let isHadolint: Bool
        if take("hadolint") {
            isHadolint = true
        } else if take("bulkhead") {
            isHadolint = false
        } else {
            return false
        }
        guard skipBlanks() > 0, take("ignore") else { return false }
        _ = skipBlanks()
        guard take("=") else { return false }
        _ = skipBlanks()
        let allowed: (Character) -> Bool =
            isHadolint
            ? { "DLSC0123456789".contains($0) }
            : { $0.isLetter || $0.isNumber || $0 == "-" }
        while true {
            let name = s.prefix(while: allowed)
            guard !name.isEmpty else { return false }
            s = s.dropFirst(name.count)
            _ = skipBlanks()
            // A `# comment` may follow any name; it runs to the end of the line.
            if s.first == "#" { return true }
            if s.isEmpty { return true }
            guard take(",") else { return false }
            _ = skipBlanks()
        }
    }
}
