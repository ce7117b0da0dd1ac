extension EventFields {
    /// `fd.*`.
    static let descriptorFields: [FieldDefinition] = [
        FieldDefinition("fd.num", .number, "descriptor number") { e, t, _ in
            FieldSupport.descriptor(e, t).map { .number($0.number) }
        },
        FieldDefinition("fd.type", .string, "file, directory, ipv4, ipv6, unix, pipe, memfd…") { e, t, _ in
            FieldSupport.descriptor(e, t).map { .string($0.kind.rawValue) }
        },
        FieldDefinition("fd.typechar", .string, "one-letter type (f, d, 4, 6, u, p, m…)") { e, t, _ in
            FieldSupport.descriptor(e, t).map { .string($0.kind.typeChar) }
        },
        FieldDefinition("fd.name", .string, "path (absolute, `..` resolved), or client->server for sockets") {
            e,
            t,
            _ in
            FieldSupport.descriptor(e, t).map { .string(FieldSupport.resolvedName($0, cwd: e.thread.cwd)) }
        },
        FieldDefinition("fd.nameraw", .string, "the name as recorded") { e, t, _ in
            FieldSupport.descriptor(e, t).map { .string($0.name) }
        },
        FieldDefinition("fd.directory", .string, "directory of a file, or the directory itself") { e, t, _ in
            guard let fd = FieldSupport.descriptor(e, t) else { return nil }
            switch fd.kind {
            case .directory: return .string(FieldSupport.resolvedName(fd, cwd: e.thread.cwd))
            case .file: return .string(FieldSupport.directory(of: FieldSupport.resolvedName(fd, cwd: e.thread.cwd)))
            default: return nil
            }
        },
        FieldDefinition("fd.filename", .string, "last component of a file's path") { e, t, _ in
            guard let fd = FieldSupport.descriptor(e, t), fd.kind == .file else { return nil }
            return .string(FieldSupport.fileName(of: FieldSupport.resolvedName(fd, cwd: e.thread.cwd)))
        },
        FieldDefinition("fd.sip", .ip, "server IP") { e, t, _ in tuple(e, t)?.serverIP.map { .ip($0) } },
        FieldDefinition("fd.cip", .ip, "client IP") { e, t, _ in tuple(e, t)?.clientIP.map { .ip($0) } },
        FieldDefinition("fd.sport", .number, "server port") { e, t, _ in
            tuple(e, t)?.serverPort.map { .number(Int64($0)) }
        },
        FieldDefinition("fd.cport", .number, "client port") { e, t, _ in
            tuple(e, t)?.clientPort.map { .number(Int64($0)) }
        },
        FieldDefinition("fd.lip", .ip, "local IP") { e, t, _ in end(e, t, local: true)?.ip.map { .ip($0) } },
        FieldDefinition("fd.rip", .ip, "remote IP") { e, t, _ in end(e, t, local: false)?.ip.map { .ip($0) } },
        FieldDefinition("fd.lport", .number, "local port") { e, t, _ in
            end(e, t, local: true)?.port.map { .number(Int64($0)) }
        },
        FieldDefinition("fd.rport", .number, "remote port") { e, t, _ in
            end(e, t, local: false)?.port.map { .number(Int64($0)) }
        },
        FieldDefinition("fd.ip", .ip, "either end's IP") { e, t, _ in both(tuple(e, t)?.clientIP, tuple(e, t)?.serverIP)
        },
        FieldDefinition("fd.port", .number, "either end's port") { e, t, _ in
            let ports = [tuple(e, t)?.clientPort, tuple(e, t)?.serverPort].compactMap { $0 }.map {
                FieldValue.number(Int64($0))
            }
            return ports.isEmpty ? nil : .list(ports)
        },
        FieldDefinition("fd.net", .ipnet, "either end's IP, for CIDR comparison") { e, t, _ in
            both(tuple(e, t)?.clientIP, tuple(e, t)?.serverIP)
        },
        FieldDefinition("fd.snet", .ipnet, "server IP, for CIDR comparison") { e, t, _ in
            tuple(e, t)?.serverIP.map { .ip($0) }
        },
        FieldDefinition("fd.cnet", .ipnet, "client IP, for CIDR comparison") { e, t, _ in
            tuple(e, t)?.clientIP.map { .ip($0) }
        },
        FieldDefinition("fd.lnet", .ipnet, "local IP, for CIDR comparison") { e, t, _ in
            end(e, t, local: true)?.ip.map { .ip($0) }
        },
        FieldDefinition("fd.rnet", .ipnet, "remote IP, for CIDR comparison") { e, t, _ in
            end(e, t, local: false)?.ip.map { .ip($0) }
        },
        FieldDefinition("fd.sip.name", .string, "DNS name of the server IP, when supplied") { e, t, _ in
            tuple(e, t)?.serverName.map { .string($0) }
        },
        FieldDefinition("fd.cip.name", .string, "DNS name of the client IP, when supplied") { e, t, _ in
            tuple(e, t)?.clientName.map { .string($0) }
        },
        FieldDefinition("fd.lip.name", .string, "DNS name of the local IP, when supplied") { e, t, _ in
            end(e, t, local: true)?.name.map { .string($0) }
        },
        FieldDefinition("fd.rip.name", .string, "DNS name of the remote IP, when supplied") { e, t, _ in
            end(e, t, local: false)?.name.map { .string($0) }
        },
        FieldDefinition("fd.name_changed", .boolean, "this event changed the descriptor's name") { e, t, _ in
            if t.nameChange(causedBy: e) != nil { return .boolean(true) }
            return FieldSupport.descriptor(e, t) != nil || createdDescriptor(e, t) ? .boolean(false) : nil
        },
        FieldDefinition("fd.l4proto", .string, "tcp, udp, icmp, raw") { e, t, _ in
            tuple(e, t).map { .string($0.l4Protocol.rawValue) }
        },
        FieldDefinition("fd.sockfamily", .string, "ip or unix") { e, t, _ in
            tuple(e, t).map { .string($0.family == .unix ? "unix" : "ip") }
        },
        FieldDefinition("fd.connected", .boolean, "a socket with both ends known") { e, t, _ in
            guard let tuple = tuple(e, t) else { return nil }
            if tuple.family == .unix { return .boolean(true) }
            return .boolean(tuple.clientIP != nil && tuple.serverIP != nil && tuple.serverPort != nil)
        },
        FieldDefinition("fd.is_server", .boolean, "the accepting side of a socket") { e, t, _ in
            FieldSupport.descriptor(e, t)?.isServer.map { .boolean($0) }
        },
        FieldDefinition("fd.types", .list, argument: .optionalIndex, "types of the process's descriptors") {
            e,
            t,
            argument in
            guard let record = t.process(e.thread.pid) else { return nil }
            if case .index(let n) = argument {
                return record.fileDescriptors[Int64(n)].map { .string($0.kind.rawValue) }
            }
            let kinds = Set(record.fileDescriptors.values.map(\.kind.rawValue)).sorted()
            return .list(kinds.map { .string($0) })
        },
    ]

    /// Events whose result is a new descriptor.
    private static let descriptorCreatingTypes: Set<EventType> = [
        .open, .openat, .openat2, .creat, .memfdCreate, .socket, .accept, .accept4, .userfaultfd, .dup, .dup2, .dup3,
    ]

    /// True when `e` returned a new descriptor that is known (its own or in the table).
    private static func createdDescriptor(_ e: RuntimeEvent, _ t: ProcessTable) -> Bool {
        guard descriptorCreatingTypes.contains(e.type), let number = e.result, number >= 0 else { return false }
        return t.fileDescriptor(number, of: e.thread.pid) != nil
    }

    private static func tuple(_ e: RuntimeEvent, _ t: ProcessTable) -> SocketTuple? {
        // The event's own descriptor is read field by field: binding it whole copies its name and tuple.
        if let kind = e.fd?.kind {
            guard let tuple = e.fd?.tuple, tuple.family != .unix || kind == .unix else { return nil }
            return tuple
        }
        guard let fd = FieldSupport.descriptor(e, t), let tuple = fd.tuple, tuple.family != .unix || fd.kind == .unix
        else { return nil }
        return tuple
    }

    /// The local or remote end: server side is local on an accepted socket, client side on a connected one.
    private static func end(
        _ e: RuntimeEvent,
        _ t: ProcessTable,
        local: Bool
    ) -> (ip: IPAddress?, port: UInt16?, name: String?)? {
        guard let fd = FieldSupport.descriptor(e, t), let tuple = fd.tuple, tuple.family != .unix,
            let isServer = fd.isServer
        else { return nil }
        let serverEnd = isServer == local
        return serverEnd
            ? (tuple.serverIP, tuple.serverPort, tuple.serverName)
            : (tuple.clientIP, tuple.clientPort, tuple.clientName)
    }

    private static func both(_ a: IPAddress?, _ b: IPAddress?) -> FieldValue? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let one?, nil), (nil, let one?): return .list([.ip(one)])
        case (let client?, let server?): return .list([.ip(client), .ip(server)])
        }
    }
}
