import DockerfileSyntax
public import SecurityModel

/// DF3010 (hadolint DL3010): an archive is `COPY`ed and then extracted with `tar`/`unzip` in a `RUN`.
///
/// `ADD` extracts local tar archives itself, saving a layer that holds the archive. Semantics follow
/// hadolint: archives are recognised by extension; a `RUN` extracts one when `tar` has `-x…`,
/// `--extract` or `--get` (or the command is `unzip`, `gunzip`, `zcat`, …) and one of its
/// non-flag arguments has the archive's file name. As in hadolint, only the last stage is reported.
public struct AddForArchiveExtraction: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3010",
        slug: "add-to-extract-archive",
        aliases: ["DL3010"],
        title: "Archive copied and then extracted in RUN",
        severity: .low,
        remediation: "Let `ADD archive.tar.gz /dest/` extract the archive instead of `COPY` followed by `tar -x`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3010"],
        tags: ["best-practice", "image-size"]
    )

    static let unzipCommands: Set<String> = [
        "unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat",
    ]

    private struct Archive: Hashable {
        var instruction: Instruction
        var name: String
    }

    public func check(_ context: LintContext) -> [Violation] {
        var archives: [Archive] = []
        var extracted: Set<Archive> = []
        for ins in context.instructions {
            switch ins.kind {
            case .from:
                archives = []
                extracted = []
            case .copy:
                guard let files = HadolintArguments.fileList(ins), files.from == nil else { continue }
                if HadolintArguments.isArchive(files.target) {
                    archives.append(Archive(instruction: ins, name: Self.basename(files.target)))
                } else {
                    for source in files.sources where HadolintArguments.isArchive(Self.basename(source)) {
                        let archive = Archive(instruction: ins, name: Self.basename(source))
                        if !archives.contains(archive) { archives.append(archive) }
                    }
                }
            case .run:
                guard let script = context.script(of: ins) else { continue }
                let commands = script.commands.filter { $0.nesting == 0 && Self.extracts($0) }
                for archive in archives where !extracted.contains(archive) {
                    if commands.contains(where: { Self.operands($0).contains(archive.name) }) {
                        extracted.insert(archive)
                    }
                }
            default:
                continue
            }
        }
        return archives.filter { extracted.contains($0) }
            .sorted { ($0.instruction.index, $0.name) < ($1.instruction.index, $1.name) }
            .map { Violation($0.instruction, "'\($0.name)' is copied and then extracted; let ADD extract it") }
    }

    /// File name part of a path (after the last `/` or `\`), quotes dropped.
    static func basename(_ path: String) -> String {
        let p = HadolintArguments.dropQuotes(path)
        guard let sep = p.lastIndex(where: { $0 == "/" || $0 == "\\" }) else { return p }
        return String(p[p.index(after: sep)...])
    }

    /// `tar` with an extract flag, or an unzip-like command.
    static func extracts(_ command: ShellCommand) -> Bool {
        if unzipCommands.contains(command.name) { return true }
        guard command.name == "tar" else { return false }
        return command.arguments.contains { arg in
            arg == "--extract" || arg == "--get" || (arg.hasPrefix("-") && arg.contains("x"))
        }
    }

    /// Base names of the arguments that are not flags.
    static func operands(_ command: ShellCommand) -> [String] {
        command.arguments.filter { !$0.hasPrefix("-") || $0 == "-" || $0 == "--" }.map(basename)
    }
}
