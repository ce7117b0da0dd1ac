public import RuntimeEvents

/// System call numbers the BPF program traces, x86_64 numbering (the only architecture of the spike).
public enum SyscallNumbers {
    /// Event type for each traced number.
    public static let x86_64: [UInt32: EventType] = [
        42: .connect,
        59: .execve,
        257: .openat,
        322: .execveat,
        437: .openat2,
    ]
}
