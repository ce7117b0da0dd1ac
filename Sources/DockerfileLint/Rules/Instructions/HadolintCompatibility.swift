import DockerfileSyntax
import SecurityModel

/// Known inputs that BuildKit accepts but hadolint 2.15 (language-docker 16) rejects with a parse
/// error (`DL1000`), in which case hadolint reports nothing else for the file.
///
/// Not used by the rules themselves (Bulkhead keeps linting such files); exposed so that the
/// engine or a parity harness can tell which files hadolint could not check.
enum HadolintCompatibility {
    /// The line at which hadolint would stop with a parse error, or nil.
    ///
    /// Detected case: a here-document whose terminator line is directly followed by a non-blank
    /// line (an instruction or a comment). hadolint needs a blank line (or the end of the file)
    /// after the terminator.
    static func parseFailureLine(_ dockerfile: Dockerfile) -> Int? {
        for ins in dockerfile.instructions {
            guard let last = ins.heredocs.last, last.isTerminated else { continue }
            let next = ins.range.end.line + 1
            let text = dockerfile.lineText(next)
            if text.contains(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) { return next }
        }
        return nil
    }
}
