import RuntimeEvents

/// A number field read straight from the event (or its descriptor) without building a `FieldValue` first.
///
/// Each case gives exactly the value of the `EventFields` extractor of the same name.
enum NumberField: Sendable, Hashable {
    case processID, parentID, threadID, virtualProcessID, terminal, sessionID, userID, loginUID, groupID, result
    case descriptorNumber, serverPort, clientPort, localPort, remotePort

    /// The fast field for `name` (no argument, no transformers), or nil.
    init?(name: String) {
        switch name {
        case "proc.pid": self = .processID
        case "proc.ppid": self = .parentID
        case "proc.vpid": self = .virtualProcessID
        case "thread.tid": self = .threadID
        case "proc.tty": self = .terminal
        case "proc.sid": self = .sessionID
        case "user.uid": self = .userID
        case "user.loginuid": self = .loginUID
        case "group.gid": self = .groupID
        case "evt.rawres": self = .result
        case "fd.num": self = .descriptorNumber
        case "fd.sport": self = .serverPort
        case "fd.cport": self = .clientPort
        case "fd.lport": self = .localPort
        case "fd.rport": self = .remotePort
        default: return nil
        }
    }

    /// The value for `event`, or nil when the field has none.
    func value(_ event: RuntimeEvent, _ table: ProcessTable, _ scope: inout EvaluationScope) -> Int64? {
        switch self {
        case .processID: return event.thread.pid
        case .parentID: return event.thread.ppid
        case .threadID: return event.thread.tid
        case .virtualProcessID: return event.thread.vpid
        case .terminal: return event.thread.tty
        case .sessionID: return event.thread.sid
        case .userID: return event.thread.uid
        case .loginUID: return event.thread.loginUID
        case .groupID: return event.thread.gid
        case .result: return event.result
        case .descriptorNumber:
            if let number = event.fd?.number { return number }
            return scope.descriptor(event, table)?.number
        case .serverPort, .clientPort:
            // EventFields.tuple: a socket tuple, Unix tuples only on Unix sockets.
            let port: UInt16?? = Self.withDescriptor(event, table, &scope) { fd in
                guard let tuple = fd.tuple, tuple.family != .unix || fd.kind == .unix else { return nil }
                return self == .serverPort ? tuple.serverPort : tuple.clientPort
            }
            return (port ?? nil).map { Int64($0) }
        case .localPort, .remotePort:
            // EventFields.end: the server end is local on the accepting side.
            let local = self == .localPort
            let port: UInt16?? = Self.withDescriptor(event, table, &scope) { fd in
                guard let tuple = fd.tuple, tuple.family != .unix, let isServer = fd.isServer else { return nil }
                return isServer == local ? tuple.serverPort : tuple.clientPort
            }
            return (port ?? nil).map { Int64($0) }
        }
    }

    static func withDescriptor<R>(
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        _ scope: inout EvaluationScope,
        _ body: (FileDescriptorInfo) -> R
    ) -> R? {
        if let fd = event.fd { return body(fd) }
        return scope.descriptor(event, table).map(body)
    }
}
