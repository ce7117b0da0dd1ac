import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether this machine can run the kernel sensor, and why not.
public enum SensorSupport {
    /// The kernel's BTF, needed for CO-RE relocations.
    public static let kernelBTFPath = "/sys/kernel/btf/vmlinux"

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
        return nil
    }

    /// True when running as root on a kernel with BTF.
    public static var canLoadPrograms: Bool { unsupportedReason == nil }
}
