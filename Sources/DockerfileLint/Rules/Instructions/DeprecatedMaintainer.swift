import DockerfileSyntax
public import SecurityModel

/// DF4000 (hadolint DL4000): `MAINTAINER` is deprecated.
///
/// The maintainer belongs in a label. The fix rewrites a one-line `MAINTAINER name` as
/// `LABEL maintainer="name"`: one pair of surrounding double quotes is dropped and `"`, `$` and
/// the escape character are escaped, so the label holds exactly the text that was written.
public struct DeprecatedMaintainer: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF4000",
        slug: "deprecated-maintainer",
        aliases: ["DL4000"],
        title: "MAINTAINER is deprecated",
        severity: .high,
        remediation: #"Use a label instead: `LABEL maintainer="Jane Doe <jane@example.com>"`."#,
        references: ["https://github.com/hadolint/hadolint/wiki/DL4000"],
        tags: ["best-practice"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .maintainer else { return nil }
            return Violation(
                ins,
                "MAINTAINER is deprecated; use LABEL maintainer=\"…\" instead",
                fix: fix(ins, source: context.dockerfile.source)
            )
        }
    }

    private func fix(_ ins: Instruction, source: String) -> Fix? {
        guard ins.range.start.line == ins.range.end.line, !ins.arguments.isEmpty else { return nil }
        var value = Substring(ins.arguments)
        if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
        let escape = ins.escapeCharacter
        var escaped = ""
        for ch in value {
            if ch == "\"" || ch == "$" || ch == escape { escaped.append(escape) }
            escaped.append(ch)
        }
        let keyword = ins.keywordAsWritten == ins.keywordAsWritten.lowercased() ? "label" : "LABEL"
        let start = ins.rawOffset(forLogical: 0)
        let end = ins.rawOffset(forLogical: ins.argumentsOffset) + ins.arguments.utf8.count
        let bytes = Array(source.utf8)
        guard start < end, end <= bytes.count,
            String(decoding: bytes[start..<end], as: UTF8.self).hasSuffix(ins.arguments)
        else { return nil }
        return Fix(
            edits: [TextEdit(byteRange: start..<end, replacement: "\(keyword) maintainer=\"\(escaped)\"")],
            summary: "Replace MAINTAINER with LABEL maintainer"
        )
    }
}
