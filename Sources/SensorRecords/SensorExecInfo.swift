public import RuntimeEvents

/// What the sensor reads about the new program when an exec completes (`sched_process_exec`, or a
/// successful `execve`/`execveat`).
public struct SensorExecInfo: Sendable, Hashable {
    /// Effective, permitted and inheritable capability sets.
    public var capabilities: Capabilities
    /// Audit login uid; -1 when unset.
    public var loginUID: Int64
    /// Controlling terminal device number (`major << 8 | minor`), 0 when none.
    public var tty: Int64
    /// Session id, as seen in the process's pid namespace.
    public var sid: Int64
    /// The process id in its pid namespace.
    public var vpid: Int64
    /// The executed file is a memfd (its dentry name starts with `memfd:`).
    public var isExeFromMemfd: Bool
    /// `argv`, as far as the sensor read it (first 4 KiB of the argument area).
    public var argv: [String]

    /// Creates exec details.
    public init(
        capabilities: Capabilities = Capabilities(),
        loginUID: Int64 = -1,
        tty: Int64 = 0,
        sid: Int64 = 0,
        vpid: Int64 = 0,
        isExeFromMemfd: Bool = false,
        argv: [String] = []
    ) {
        self.capabilities = capabilities
        self.loginUID = loginUID
        self.tty = tty
        self.sid = sid
        self.vpid = vpid
        self.isExeFromMemfd = isExeFromMemfd
        self.argv = argv
    }
}
