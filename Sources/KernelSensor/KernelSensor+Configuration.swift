public import RuntimeEvents

extension KernelSensor {
    /// What the sensor traces: the programs it attaches and what it writes into the BPF maps.
    public struct Configuration: Sendable, Hashable {
        /// The event types whose system calls are traced; nil traces every syscall the sensor knows.
        /// `sched_process_fork`, `sched_process_exec` and `procexit` are always emitted (process state).
        public var eventTypes: Set<EventType>?

        /// The in-kernel path filter of the open family (`open`, `openat`, `openat2`, `creat`), nil (the default)
        /// for none: an open whose path is absolute and plain (no `//` and no `/.` anywhere) and starts with none of
        /// these prefixes (compared byte by byte) is not reported at all; relative, not plain and unreadable paths,
        /// and paths of 255 bytes or more, always are. Typically `RuleEngine`'s `OpenPathPrefixes(engine:ruleSet:)`
        /// `.prefixes`, the paths some rule can match. Prefixes longer than 255 bytes are shortened to 255 bytes.
        ///
        /// A filtered open's descriptor never reaches the process table: `fd.name` of a later `fchmod`, `dup`,
        /// `read`… on that descriptor is unknown. With more than ``KernelSensor/openPrefixCapacity`` distinct
        /// prefixes the filter stays off (``KernelSensor/openPathFilterActive``).
        public var openPathPrefixes: [String]?

        /// Trace the syscalls this kernel has no trace event for (e.g. `init_module`, `finit_module` and
        /// `delete_module` on a kernel built without module support, where every attempt fails but is still a
        /// signal) through the BTF raw tracepoint `sys_exit`; on by default. That tracepoint runs a program on
        /// every system call of every task, which slows system-call-heavy work by about 15 %
        /// (docs/performance.md), and is attached only while such a syscall is traced; off, those syscalls are
        /// listed in ``KernelSensor/untracedSyscalls``.
        public var rawSyscallFallback: Bool

        /// Creates a configuration; the default traces everything.
        public init(
            eventTypes: Set<EventType>? = nil,
            openPathPrefixes: [String]? = nil,
            rawSyscallFallback: Bool = true
        ) {
            self.eventTypes = eventTypes
            self.openPathPrefixes = openPathPrefixes
            self.rawSyscallFallback = rawSyscallFallback
        }
    }
}
