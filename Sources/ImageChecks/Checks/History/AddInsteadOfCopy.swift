public import SecurityModel

/// IMG1102: ADD was used where COPY would do. dockle CIS-DI-0009, CIS Docker Benchmark 4.9.
///
/// To keep false positives low it ignores the earliest ADD (the base image's root file system, as dockle
/// does), any ADD into `/` (a root file system extracted from a tarball), ADD of local archives (ADD's
/// legitimate use: extraction) and ADD of URLs (COPY cannot fetch them; IMG1107 reports those).
public struct AddInsteadOfCopy: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1102",
        slug: "add-instead-of-copy",
        title: "ADD used instead of COPY",
        severity: .high,
        dockle: "CIS-DI-0009",
        cis: "4.9",
        remediation:
            "Use `COPY` for files and directories from the build context; keep `ADD` for extracting a local tar "
            + "archive, and fetch remote files in a RUN step that verifies a checksum (or `ADD --checksum=`).",
        tags: ["best-practice", "supply-chain"]
    )

    static let archiveSuffixes = [
        ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz", ".tbz2", ".tar.zst", ".tzst", ".tar.lz",
        ".tar.lzma",
    ]

    public func check(_ input: ImageCheckInput) -> [Finding] {
        let adds = input.history.filter { $0.instruction == "ADD" }
        guard let first = adds.first else { return [] }
        var findings: [Finding] = []
        for step in adds where step.index != first.index {
            let (sources, destination) = Self.operands(of: step)
            if destination == "/" { continue }
            if sources.contains(where: { RemoteAdd.isRemote($0) }) { continue }
            let lowered = sources.map { $0.lowercased() }
            if !lowered.isEmpty, lowered.allSatisfy({ s in Self.archiveSuffixes.contains { s.hasSuffix($0) } }) {
                continue
            }
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: step),
                    message: "History step \(step.index) uses ADD; COPY is enough for local files"
                )
            )
        }
        return findings
    }

    /// Sources and destination of an ADD step: classic `file:<hash> in /dest`, BuildKit `[--flags] src… dest`.
    static func operands(of step: HistoryStep) -> (sources: [String], destination: String?) {
        let words = ShellScript.words(in: step.arguments).filter { !$0.hasPrefix("--") }
        if let inIndex = words.firstIndex(of: "in"), inIndex + 1 < words.count, inIndex >= 1 {
            return (Array(words[..<inIndex]), words[inIndex + 1])
        }
        if let exec = execForm(step.arguments) { return exec }
        guard words.count >= 2, let last = words.last else { return (words, nil) }
        return (Array(words.dropLast()), last)
    }

    /// `["src", "dest"]` JSON form.
    private static func execForm(_ text: String) -> (sources: [String], destination: String?)? {
        let trimmed = Substring(text).trimmingSpaces
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]"),
            case .array(let items)? = try? JSONParser.parse(String(trimmed))
        else { return nil }
        let strings = items.compactMap(\.stringValue)
        guard strings.count >= 2, let last = strings.last else { return nil }
        return (Array(strings.dropLast()), last)
    }
}
