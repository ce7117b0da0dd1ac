import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether this machine can run the kernel sensor, and why not.
public enum SensorSupport {
    /// The kernel's BTF, needed for CO-RE relocations.
    public static let kernelBTFPath = "/sys/kernel/btf/vmlinux"

    /// Where tracefs shows the kernel's syscall trace events, nil when it is not mounted (or the kernel was built
    /// without `CONFIG_FTRACE_SYSCALLS`).
    public static var syscallEventsDirectory: String? {
        ["/sys/kernel/tracing/events/syscalls", "/sys/kernel/debug/tracing/events/syscalls"].first {
            FileManager.default.fileExists(atPath: $0 + "/sys_exit_openat")
        }
    }

    /// Nil when the sensor can load its programs here, else the reason it cannot.
    public static var unsupportedReason: KernelSensorError? {
        if geteuid() != 0 {
            return KernelSensorError(
                code: .notPrivileged,
                message: "the kernel sensor must run as root (CAP_BPF, CAP_PERFMON and CAP_SYS_RESOURCE)"
            )
        }
        if !FileManager.default.fileExists(atPath: kernelBTFPath) {
            return KernelSensorError(
                code: .btfMissing,
                message: "the kernel has no BTF at \(kernelBTFPath) (needs CONFIG_DEBUG_INFO_BTF=y, Linux 5.8+)"
            )
        }
        if syscallEventsDirectory == nil {
            return KernelSensorError(
                code: .tracingUnavailable,
                message: "the kernel's syscall trace events are not visible: mount tracefs "
                    + "(mount -t tracefs nodev /sys/kernel/tracing); the kernel needs CONFIG_FTRACE_SYSCALLS=y"
            )
        }
        return nil
    }

    /// True when running as root on a kernel with BTF and visible syscall trace events.
    public static var canLoadPrograms: Bool { unsupportedReason == nil }
}
