/// Why the kernel sensor cannot start or run.
public struct KernelSensorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind {
            case notPrivileged, btfMissing, tracingUnavailable, objectInvalid, loadFailed, attachFailed,
                ringBufferFailed
        }
        private let kind: Kind
        /// Not root (loading tracing programs needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN).
        public static var notPrivileged: Self { Self(kind: .notPrivileged) }
        /// The kernel exposes no BTF (`/sys/kernel/btf/vmlinux`): CO-RE relocations cannot resolve.
        public static var btfMissing: Self { Self(kind: .btfMissing) }
        /// tracefs is not mounted, so the syscall trace events the programs attach to cannot be found.
        public static var tracingUnavailable: Self { Self(kind: .tracingUnavailable) }
        /// The embedded BPF object could not be opened.
        public static var objectInvalid: Self { Self(kind: .objectInvalid) }
        /// The kernel rejected the programs or maps (verifier, relocation).
        public static var loadFailed: Self { Self(kind: .loadFailed) }
        /// A program could not be attached to its tracepoint.
        public static var attachFailed: Self { Self(kind: .attachFailed) }
        /// The ring buffer could not be set up or polled.
        public static var ringBufferFailed: Self { Self(kind: .ringBufferFailed) }
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// What went wrong.
    public var code: Code
    /// A sentence for the user.
    public var message: String
    /// The errno behind it, if any.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(code: Code, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
