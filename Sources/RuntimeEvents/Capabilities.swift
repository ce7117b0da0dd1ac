/// The capability sets of a thread, as bit masks indexed by Linux capability number.
public struct Capabilities: Sendable, Hashable {
    /// `thread.cap_effective`.
    public var effective: UInt64
    /// `thread.cap_permitted`.
    public var permitted: UInt64
    /// `thread.cap_inheritable`.
    public var inheritable: UInt64

    /// Creates capability sets.
    public init(effective: UInt64 = 0, permitted: UInt64 = 0, inheritable: UInt64 = 0) {
        self.effective = effective
        self.permitted = permitted
        self.inheritable = inheritable
    }

    /// Linux capability names by number (`CAP_CHOWN` is 0, `CAP_CHECKPOINT_RESTORE` is 40).
    public static let names: [String] = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
        "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE",
    ]

    /// The names of the bits set in `mask` (unknown bits as `CAP_<n>`).
    public static func names(of mask: UInt64) -> [String] {
        (0..<64).compactMap { bit in
            guard mask & (1 << UInt64(bit)) != 0 else { return nil }
            return bit < names.count ? names[bit] : "CAP_\(bit)"
        }
    }

    /// The mask with the named capabilities set; nil when a name is unknown.
    public static func mask(of capabilityNames: [String]) -> UInt64? {
        var mask: UInt64 = 0
        for name in capabilityNames {
            guard let bit = names.firstIndex(of: name) else { return nil }
            mask |= 1 << UInt64(bit)
        }
        return mask
    }
}
