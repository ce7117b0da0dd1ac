public import RuntimeEvents

/// The syscall-specific part of an event built by ``SensorEventMapper``: its arguments and descriptor.
public struct SyscallEvent: Sendable, Hashable {
    /// `evt.arg.*`, in Falco's order.
    public var arguments: [EventArgument]
    /// The descriptor the call is about (opened, connected, bound, accepted, created), when the record says.
    public var fd: FileDescriptorInfo?

    /// Creates the syscall part of an event.
    public init(arguments: [EventArgument], fd: FileDescriptorInfo?) {
        self.arguments = arguments
        self.fd = fd
    }
}
