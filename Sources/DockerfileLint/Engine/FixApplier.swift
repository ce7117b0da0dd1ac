import DockerfileSyntax
public import SecurityModel

/// Applies the safe automatic fixes of a linter to a Dockerfile until no fixable finding is left.
public struct FixApplier: Sendable {
    /// The linter whose fixes are applied.
    public var linter: DockerfileLinter
    /// Upper bound on lint/fix rounds (each round re-parses the fixed text).
    public var maximumRounds = 8

    public init(linter: DockerfileLinter) { self.linter = linter }

    /// What fixing produced.
    public struct Outcome: Sendable, Hashable {
        /// The fixed text (equal to the input when nothing was fixable).
        public var text: String
        /// Summaries of the fixes applied, in order.
        public var applied: [String]
    }

    /// Fixes `source`. Overlapping fixes are applied in later rounds, after re-parsing.
    public func fix(source: String, path: String, hasDockerignore: Bool? = nil) -> Outcome {
        var text = source
        var applied: [String] = []
        for _ in 0..<maximumRounds {
            let result = linter.lint(source: text, path: path, hasDockerignore: hasDockerignore)
            guard !result.fixes.isEmpty else { break }
            var taken: [TextEdit] = []
            var summaries: [String] = []
            for fix in result.fixes {
                let overlaps = fix.edits.contains { e in taken.contains { FixApplier.overlap($0, e) } }
                if overlaps { continue }
                taken.append(contentsOf: fix.edits)
                summaries.append(fix.summary)
            }
            let fixed = FixApplier.apply(taken, to: text)
            if fixed == text { break }
            text = fixed
            applied.append(contentsOf: summaries)
        }
        return Outcome(text: text, applied: applied)
    }

    static func overlap(_ a: TextEdit, _ b: TextEdit) -> Bool {
        if a.byteRange.isEmpty && b.byteRange.isEmpty { return a.byteRange.lowerBound == b.byteRange.lowerBound }
        return a.byteRange.overlaps(b.byteRange) || a.byteRange.lowerBound == b.byteRange.lowerBound
    }

    /// Applies non-overlapping edits (byte offsets into `text`).
    public static func apply(_ edits: [TextEdit], to text: String) -> String {
        var bytes = Array(text.utf8)
        for edit in edits.sorted(by: { $0.byteRange.lowerBound > $1.byteRange.lowerBound }) {
            guard edit.byteRange.lowerBound >= 0, edit.byteRange.upperBound <= bytes.count else { continue }
            bytes.replaceSubrange(edit.byteRange, with: Array(edit.replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
