public import RuntimeEvents

/// Builds the ``RuntimeEvents/ThreadInfo`` of a process from its parsed `/proc` files.
public enum ProcessThreadAssembler {
    /// What was read about one process. `stat` and `status` are required; the rest may be missing (a
    /// kernel thread has no command line and no `exe` link; another user's process may hide `cwd`).
    public struct Files: Sendable, Hashable {
        /// `/proc/<pid>/stat`.
        public var stat: ProcStat
        /// `/proc/<pid>/status`.
        public var status: ProcStatus
        /// `/proc/<pid>/cmdline`, split.
        public var arguments: [String]
        /// The target of `/proc/<pid>/exe`, when readable.
        public var executableLink: String?
        /// The target of `/proc/<pid>/cwd`, when readable.
        public var workingDirectoryLink: String?
        /// `/proc/<pid>/loginuid` (-1 when unset), when readable.
        public var loginUID: Int64?

        /// Creates the inputs.
        public init(
            stat: ProcStat,
            status: ProcStatus,
            arguments: [String] = [],
            executableLink: String? = nil,
            workingDirectoryLink: String? = nil,
            loginUID: Int64? = nil
        ) {
            self.stat = stat
            self.status = status
            self.arguments = arguments
            self.executableLink = executableLink
            self.workingDirectoryLink = workingDirectoryLink
            self.loginUID = loginUID
        }
    }

    /// The prefix of the `exe` link of a program executed from a memfd (`/memfd:name (deleted)`).
    public static let memfdPrefix = "/memfd:"

    /// The thread of `files`: pid = tid = the process id, `exe` = argv[0] (empty for kernel threads),
    /// `exePath` = the `exe` link, `args` = argv[1...], `tty` and `sid` from `stat`, credentials and
    /// capabilities from `status`, `vpid`/`vpgid` from `NSpid`/`NSpgid`. `startTime` is set when the boot
    /// time (seconds since the epoch) and a positive clock tick rate are given.
    public static func thread(
        from files: Files,
        bootTimeSeconds: Int64? = nil,
        clockTicksPerSecond: Int64 = 100
    ) -> ThreadInfo {
        let stat = files.stat
        let status = files.status
        let executablePath = files.executableLink ?? ""
        var startTime: UInt64?
        if let bootTimeSeconds, bootTimeSeconds >= 0, clockTicksPerSecond > 0 {
            let ticks = stat.startTimeTicks
            let hz = UInt64(clockTicksPerSecond)
            let (bootNanoseconds, overflow1) = UInt64(bootTimeSeconds).multipliedReportingOverflow(by: 1_000_000_000)
            let (wholeSeconds, overflow2) = (ticks / hz).multipliedReportingOverflow(by: 1_000_000_000)
            let fraction = (ticks % hz) * (1_000_000_000 / hz)
            let (sum, overflow3) = bootNanoseconds.addingReportingOverflow(wholeSeconds)
            let (total, overflow4) = sum.addingReportingOverflow(fraction)
            if !(overflow1 || overflow2 || overflow3 || overflow4) { startTime = total }
        }
        return ThreadInfo(
            pid: stat.pid,
            tid: stat.pid,
            ppid: stat.ppid,
            vpid: status.vpid,
            comm: stat.comm,
            exe: files.arguments.first ?? "",
            exePath: executablePath,
            args: Array(files.arguments.dropFirst()),
            cwd: files.workingDirectoryLink ?? "",
            tty: stat.ttyNumber,
            sid: stat.session,
            uid: status.uid,
            gid: status.gid,
            euid: status.euid,
            loginUID: files.loginUID ?? -1,
            capabilities: Capabilities(
                effective: status.capabilityEffective,
                permitted: status.capabilityPermitted,
                inheritable: status.capabilityInheritable
            ),
            vpgid: status.vpgid,
            startTime: startTime,
            isExeFromMemfd: executablePath.hasPrefix(memfdPrefix)
        )
    }
}
