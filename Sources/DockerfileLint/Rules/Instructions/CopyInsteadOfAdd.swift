import DockerfileSyntax
public import SecurityModel

/// DF3020 (hadolint DL3020): `ADD` used for plain files or folders.
///
/// `ADD` also fetches URLs and unpacks archives; for local files `COPY` says what happens and
/// nothing more. As in hadolint the rule fires when any source is neither an `http(s)://` URL nor
/// a file with an archive extension. The fix (keyword `ADD` → `COPY`, keeping its letter case) is
/// offered only when every source is a plain local path: no URL or remote reference, no archive, no
/// variable, no here-document, and no `ADD`-only flag.
public struct CopyInsteadOfAdd: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3020",
        slug: "copy-instead-of-add",
        aliases: ["DL3020"],
        title: "ADD used to copy local files",
        severity: .high,
        remediation: "Use `COPY` for files and folders; keep `ADD` for remote URLs and archives to extract.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3020"],
        tags: ["best-practice"]
    )

    /// Flags that `COPY` accepts as well.
    static let portableFlags: Set<String> = ["chown", "chmod", "link", "exclude"]

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .add, let files = HadolintArguments.fileList(ins) else { return nil }
            let offending = files.sources.filter { !HadolintArguments.isArchive($0) && !HadolintArguments.isURL($0) }
            guard !offending.isEmpty else { return nil }
            return Violation(
                ins,
                "ADD copies plain files here; use COPY (ADD is for URLs and archives)",
                fix: fix(ins, files, source: context.dockerfile.source)
            )
        }
    }

    private func fix(_ ins: Instruction, _ files: HadolintArguments.FileList, source: String) -> Fix? {
        guard ins.heredocs.isEmpty, ins.flags.allSatisfy({ Self.portableFlags.contains($0.name) }) else { return nil }
        for s in files.sources {
            let p = HadolintArguments.dropQuotes(s)
            if HadolintArguments.isArchive(p) || p.contains("://") || p.hasPrefix("git@") || p.contains("$")
                || p.hasPrefix("<<") || Self.looksLikeArchive(p)
            {
                return nil
            }
        }
        let start = ins.rawOffset(forLogical: 0)
        let keyword = ins.keywordAsWritten
        let end = start + keyword.utf8.count
        let bytes = Array(source.utf8)
        guard end <= bytes.count, String(decoding: bytes[start..<end], as: UTF8.self) == keyword else { return nil }
        return Fix(
            edits: [TextEdit(byteRange: start..<end, replacement: Self.copyKeyword(like: keyword))],
            summary: "Replace ADD with COPY"
        )
    }

    /// Other archive names `ADD` would unpack (compared without letter case), so the fix never
    /// changes what ends up in the image.
    static func looksLikeArchive(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".tar", ".gz", ".tgz", ".bz2", ".tbz", ".tbz2", ".xz", ".txz", ".lz", ".lzma", ".zst", ".z", ".tz"]
            .contains { lower.hasSuffix($0) }
    }

    /// `COPY` in the letter case of `keyword` (`add` → `copy`, `Add` → `Copy`).
    static func copyKeyword(like keyword: String) -> String {
        if keyword == keyword.lowercased() { return "copy" }
        if keyword == keyword.uppercased() { return "COPY" }
        if keyword.first?.isUppercase == true, keyword.dropFirst() == keyword.dropFirst().lowercased() { return "Copy" }
        return "COPY"
    }
}
