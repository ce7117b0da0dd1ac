/// One event seen by the kernel sensor: what happened (type, direction, result, arguments), in which thread,
/// on which file descriptor, in which container.
///
/// This is what rules evaluate and what recordings hold, one per line.
public struct RuntimeEvent: Sendable, Hashable {
    /// Sequence number (`evt.num`).
    public var number: UInt64
    /// Nanoseconds since the Unix epoch (`evt.rawtime`).
    public var timestamp: UInt64
    /// `evt.type`.
    public var type: EventType
    /// `evt.dir`; exit unless the sensor recorded an entry event.
    public var direction: EventDirection
    /// The system call's return value (`evt.rawres`): a new fd, a child pid, 0, or a negative errno.
    public var result: Int64?
    /// `evt.arg.<name>`, in order.
    public var arguments: [EventArgument]
    /// The thread and its process.
    public var thread: ThreadInfo
    /// The file descriptor the event is about (opened, connected, read…), when any.
    public var fd: FileDescriptorInfo?
    /// The container, ``ContainerInfo/host`` for host processes.
    public var container: ContainerInfo

    /// Creates an event.
    public init(
        number: UInt64 = 0,
        timestamp: UInt64,
        type: EventType,
        direction: EventDirection = .exit,
        result: Int64? = nil,
        arguments: [EventArgument] = [],
        thread: ThreadInfo,
        fd: FileDescriptorInfo? = nil,
        container: ContainerInfo = .host
    ) {
        self.number = number
        self.timestamp = timestamp
        self.type = type
        self.direction = direction
        self.result = result
        self.arguments = arguments
        self.thread = thread
        self.fd = fd
        self.container = container
    }

    /// The first argument named `name`, or nil.
    public func argument(_ name: String) -> ArgumentValue? {
        // By index: `for argument in arguments` copies (retains) every argument it passes over.
        arguments.withUnsafeBufferPointer { arguments in
            for index in arguments.indices where arguments[index].name == name { return arguments[index].value }
            return nil
        }
    }

    /// True when the call failed (a negative result).
    public var failed: Bool { (result ?? 0) < 0 }
}
