/// The documented exit codes of every Bulkhead command (docs/exit-codes.md).
public enum ExitStatus: Int32, Sendable {
    /// Nothing at or above `--fail-on`.
    case success = 0
    /// Findings at or above `--fail-on`.
    case findings = 1
    /// Bad usage, bad configuration, or an input that could not be read.
    case usageOrInput = 2
    /// A bug or an unexpected environment failure inside Bulkhead.
    case internalError = 3
    /// The environment cannot run the command: `watch` without `--replay` needs root and a kernel with
    /// eBPF and BTF.
    case unsupportedEnvironment = 4
}
