extension EventFields {
    /// `proc.*`, `thread.*`, `user.*`, `group.*`.
    static let processFields: [FieldDefinition] = [
        FieldDefinition("proc.pid", .number, "process id") { e, _, _ in .number(e.thread.pid) },
        FieldDefinition("proc.ppid", .number, "parent process id") { e, _, _ in .number(e.thread.ppid) },
        FieldDefinition("proc.vpid", .number, "process id in its pid namespace") { e, _, _ in
            e.thread.vpid.map { .number($0) }
        },
        FieldDefinition("proc.name", .string, "command name (comm)") { e, _, _ in .string(e.thread.comm) },
        FieldDefinition("proc.exe", .string, "argv[0]") { e, _, _ in .string(e.thread.exe) },
        FieldDefinition("proc.exepath", .string, "executable path") { e, _, _ in .string(e.thread.exePath) },
        FieldDefinition("proc.args", .string, "arguments joined by spaces") { e, _, _ in
            .string(e.thread.args.joined(separator: " "))
        },
        FieldDefinition("proc.cmdline", .string, "name and arguments") { e, _, _ in .string(e.thread.commandLine) },
        FieldDefinition("proc.exeline", .string, "argv[0] and arguments") { e, _, _ in
            .string(([e.thread.exe] + e.thread.args).joined(separator: " "))
        },
        FieldDefinition("proc.vpgid", .number, "process group id in its pid namespace") { e, _, _ in
            e.thread.vpgid.map { .number($0) }
        },
        FieldDefinition("proc.is_vpgid_leader", .boolean, "leads its process group (vpid = vpgid)") { e, _, _ in
            guard let vpid = e.thread.vpid, let vpgid = e.thread.vpgid else { return nil }
            return .boolean(vpid == vpgid)
        },
        FieldDefinition("proc.duration", .number, "nanoseconds since the process started") { e, _, _ in
            guard let start = e.thread.startTime, start <= e.timestamp else { return nil }
            return .number(Int64(clamping: e.timestamp - start))
        },
        FieldDefinition("proc.is_exe_from_memfd", .boolean, "the executable is a memfd") { e, _, _ in
            .boolean(e.thread.isExeFromMemfd)
        },
        FieldDefinition("proc.is_exe_upper_layer", .boolean, "the executable is in the container's upper layer") {
            e,
            _,
            _ in .boolean(e.thread.isExeUpperLayer)
        },
        FieldDefinition("proc.exe_ino", .number, "inode number of the executable") { e, _, _ in
            e.thread.exeInode.map { .number(Int64(clamping: $0)) }
        },
        FieldDefinition("proc.exe_ino.ctime", .number, "status change time of the executable's inode, ns") {
            e,
            _,
            _ in e.thread.exeInodeChangeTime.map { .number(Int64(clamping: $0)) }
        },
        FieldDefinition("proc.exe_ino.mtime", .number, "modification time of the executable's inode, ns") {
            e,
            _,
            _ in e.thread.exeInodeModificationTime.map { .number(Int64(clamping: $0)) }
        },
        FieldDefinition(
            "proc.exe_ino.ctime_duration_proc_start",
            .number,
            "process start time minus the executable's ctime, ns"
        ) { e, _, _ in
            guard let start = e.thread.startTime, let ctime = e.thread.exeInodeChangeTime else { return nil }
            return .number(start >= ctime ? Int64(clamping: start - ctime) : -Int64(clamping: ctime - start))
        },
        FieldDefinition("proc.cwd", .string, "working directory") { e, _, _ in .string(e.thread.cwd) },
        FieldDefinition("proc.tty", .number, "controlling terminal, 0 when none") { e, _, _ in .number(e.thread.tty) },
        FieldDefinition("proc.sid", .number, "session id") { e, _, _ in .number(e.thread.sid) },
        FieldDefinition("proc.sname", .string, "name of the session leader") { e, t, _ in
            if e.thread.sid == e.thread.pid { return .string(e.thread.comm) }
            return t.process(e.thread.sid).map { .string($0.thread.comm) }
        },
        FieldDefinition("proc.env", .string, argument: .optionalKey, "environment, or one variable's value") {
            e,
            _,
            argument in
            guard case .key(let name) = argument else { return .string(e.thread.env.joined(separator: " ")) }
            let prefix = name + "="
            return e.thread.env.first { $0.hasPrefix(prefix) }.map { .string(String($0.dropFirst(prefix.count))) }
        },
        FieldDefinition("proc.pname", .string, "parent's name") { e, t, _ in
            FieldSupport.ancestor(e, t, 1).map { .string($0.comm) }
        },
        FieldDefinition("proc.pcmdline", .string, "parent's command line") { e, t, _ in
            FieldSupport.ancestor(e, t, 1).map { .string($0.commandLine) }
        },
        FieldDefinition("proc.pexe", .string, "parent's argv[0]") { e, t, _ in
            FieldSupport.ancestor(e, t, 1).map { .string($0.exe) }
        },
        FieldDefinition("proc.pexepath", .string, "parent's executable path") { e, t, _ in
            FieldSupport.ancestor(e, t, 1).map { .string($0.exePath) }
        },
        FieldDefinition("proc.aname", .string, argument: .optionalIndex, "name of ancestor N (0 self), or any") {
            e,
            t,
            a in FieldSupport.ancestorField(e, t, a) { .string($0.comm) }
        },
        FieldDefinition("proc.apid", .number, argument: .optionalIndex, "pid of ancestor N, or any") { e, t, a in
            FieldSupport.ancestorField(e, t, a) { .number($0.pid) }
        },
        FieldDefinition("proc.aexe", .string, argument: .optionalIndex, "argv[0] of ancestor N, or any") {
            e,
            t,
            a in FieldSupport.ancestorField(e, t, a) { .string($0.exe) }
        },
        FieldDefinition("proc.aexepath", .string, argument: .optionalIndex, "executable of ancestor N, or any") {
            e,
            t,
            a in FieldSupport.ancestorField(e, t, a) { .string($0.exePath) }
        },
        FieldDefinition("proc.acmdline", .string, argument: .optionalIndex, "command line of ancestor N, or any") {
            e,
            t,
            a in FieldSupport.ancestorField(e, t, a) { .string($0.commandLine) }
        },
        FieldDefinition("proc.is_container_healthcheck", .boolean, "runs the container's HEALTHCHECK") { e, t, _ in
            .boolean(runsProbe(e, t, e.container.healthcheck))
        },
        FieldDefinition("proc.is_container_liveness_probe", .boolean, "runs the pod's liveness probe") { e, t, _ in
            .boolean(runsProbe(e, t, e.container.livenessProbe))
        },
        FieldDefinition("proc.is_container_readiness_probe", .boolean, "runs the pod's readiness probe") {
            e,
            t,
            _ in .boolean(runsProbe(e, t, e.container.readinessProbe))
        },
        FieldDefinition("thread.tid", .number, "thread id") { e, _, _ in .number(e.thread.tid) },
        FieldDefinition("thread.ismain", .boolean, "the main thread") { e, _, _ in .boolean(e.thread.isMainThread) },
        FieldDefinition("thread.cap_effective", .flags, "effective capabilities") { e, _, _ in
            capabilities(e.thread.capabilities.effective)
        },
        FieldDefinition("thread.cap_permitted", .flags, "permitted capabilities") { e, _, _ in
            capabilities(e.thread.capabilities.permitted)
        },
        FieldDefinition("thread.cap_inheritable", .flags, "inheritable capabilities") { e, _, _ in
            capabilities(e.thread.capabilities.inheritable)
        },
        FieldDefinition("user.uid", .number, "real user id") { e, _, _ in .number(e.thread.uid) },
        FieldDefinition("user.name", .string, "user name") { e, _, _ in e.thread.userName.map { .string($0) } },
        FieldDefinition("user.loginuid", .number, "audit login uid, -1 when unset") { e, _, _ in
            .number(e.thread.loginUID)
        },
        FieldDefinition("user.loginname", .string, "login user name") { e, _, _ in
            e.thread.loginName.map { .string($0) }
        },
        FieldDefinition("group.gid", .number, "real group id") { e, _, _ in .number(e.thread.gid) },
        FieldDefinition("group.name", .string, "group name") { e, _, _ in e.thread.groupName.map { .string($0) } },
    ]

    private static func capabilities(_ mask: UInt64) -> FieldValue {
        .flags(FlagSet(raw: mask, names: Capabilities.names(of: mask)))
    }

    /// True when the process or one of its ancestors in the same container runs `command`.
    private static func runsProbe(_ e: RuntimeEvent, _ t: ProcessTable, _ command: [String]?) -> Bool {
        guard let command, !e.container.isHost else { return false }
        if FieldSupport.runs(e.thread, command) { return true }
        for ancestor in FieldSupport.ancestors(e, t).prefix(16) where FieldSupport.runs(ancestor, command) {
            return true
        }
        return false
    }
}
