/// The six raw argument registers of a traced system call, as the BPF program saw them at entry (with the
/// documented exceptions: `openat2` and `capset` carry values read from user memory in slots 2 to 4).
public struct SensorSyscallArguments: Sendable, Hashable {
    /// Argument 0 to 5.
    public var first, second, third, fourth, fifth, sixth: UInt64

    /// Creates the arguments; missing ones are 0.
    public init(_ values: [UInt64] = []) {
        func value(_ index: Int) -> UInt64 { index < values.count ? values[index] : 0 }
        first = value(0)
        second = value(1)
        third = value(2)
        fourth = value(3)
        fifth = value(4)
        sixth = value(5)
    }

    /// Argument `index` (0…5); 0 for any other index.
    public subscript(index: Int) -> UInt64 {
        switch index {
        case 0: return first
        case 1: return second
        case 2: return third
        case 3: return fourth
        case 4: return fifth
        case 5: return sixth
        default: return 0
        }
    }

    /// Argument `index` as the C `int` the kernel read (sign-extended low 32 bits): fds, dirfds, pids.
    public func int32(_ index: Int) -> Int64 { Int64(Int32(truncatingIfNeeded: self[index])) }
}
