public import RuntimeEvents

extension KernelSensor {
    /// What the sensor traces; written into the BPF maps before the programs are attached.
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

        /// Creates a configuration; the default traces everything.
        public init(eventTypes: Set<EventType>? = nil, openPathPrefixes: [String]? = nil) {
            self.eventTypes = eventTypes
            self.openPathPrefixes = openPathPrefixes
        }
    }
}
