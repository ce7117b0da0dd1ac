/// Something in dockerd's command line or configuration file that dockerd itself rejects: it refuses to start
/// with it. The running daemon therefore started from something else (typically daemon.json was edited
/// afterwards), and the next restart will fail.
public struct DaemonConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem.
    public enum Kind: String, Sendable, Hashable {
        /// The same directive is set by a flag and in the configuration file (dockerd refuses this even when the
        /// values agree).
        case conflict
        /// A value of the wrong type or spelling (`"icc": "false"`, `--icc=maybe`).
        case invalidValue
        /// A malformed command line (positional argument, unknown shorthand, missing flag value).
        case commandLine
    }

    public var kind: Kind
    /// The flag or daemon.json key concerned (`icc`), or nil for whole-command-line problems.
    public var option: String?
    /// What is wrong, in words.
    public var message: String

    /// A problem of `kind` with `option`.
    public init(kind: Kind, option: String?, message: String) {
        self.kind = kind
        self.option = option
        self.message = message
    }

    public var description: String { message }
}
