import RuntimeEvents

extension SensorEventMapper {
    private typealias Names = SyscallFlagNames

    /// Arguments (Falco's names) and descriptor of a traced system call.
    static func syscallEvent(
        _ type: EventType,
        _ record: SensorRecord,
        cwd: String,
        directory: (Int64) -> String? = { _ in nil }
    ) -> SyscallEvent {
        let a = record.arguments
        let result = record.result
        func int(_ name: String, _ value: Int64) -> EventArgument { EventArgument(name, .integer(value)) }
        func unsigned(_ name: String, _ index: Int) -> EventArgument { int(name, Int64(bitPattern: a[index])) }
        func fdArgument(_ name: String, _ index: Int) -> EventArgument { int(name, a.int32(index)) }
        func path(_ name: String, _ value: String) -> EventArgument { EventArgument(name, .path(value)) }
        func flags(_ name: String, _ set: FlagSet) -> EventArgument { EventArgument(name, .flags(set)) }
        func mode(_ index: Int) -> EventArgument { flags("mode", Names.flags(a[index] & 0o7777, Names.modeBits)) }
        func id(_ name: String, _ index: Int) -> EventArgument { int(name, a.int32(index)) }

        switch type {
        case .open, .openat, .openat2, .creat:
            let isAt = type == .openat || type == .openat2
            let flagIndex = isAt ? 2 : 1
            let openFlags = type == .creat ? Names.openFlags(0o1101) : Names.openFlags(a[flagIndex])
            var arguments: [EventArgument] = []
            arguments.reserveCapacity(6)
            arguments.append(int("fd", result))
            if isAt { arguments.append(fdArgument("dirfd", 0)) }
            arguments.append(path("name", record.path))
            if type != .creat { arguments.append(flags("flags", openFlags)) }
            arguments.append(mode(type == .creat ? 1 : flagIndex + 1))
            if type == .openat2 { arguments.append(unsigned("resolve", 4)) }
            let dirfd = isAt ? a.int32(0) : -100
            let kind: FileDescriptorInfo.Kind = openFlags.contains(.directory) ? .directory : .file
            let name = Self.joinedName(record.path, dirfd: dirfd, cwd: cwd, directory: directory)
            return SyscallEvent(
                arguments: arguments,
                fd: FileDescriptorInfo(number: result >= 0 ? result : -1, kind: kind, name: name)
            )
        case .execve:
            return SyscallEvent(arguments: [path("filename", record.path)], fd: nil)
        case .execveat:
            return SyscallEvent(
                arguments: [
                    fdArgument("dirfd", 0), path("pathname", record.path),
                    flags("flags", Names.flags(a[4], Names.atFlags)),
                ],
                fd: nil
            )
        case .connect:
            let tuple = Self.tuple(record, localIsServer: false)
            let fd = a.int32(0)
            var arguments = [int("fd", fd)]
            if let tuple { arguments.append(EventArgument("tuple", .socketTuple(tuple))) }
            return SyscallEvent(arguments: arguments, fd: tuple.map { Self.socket(fd, $0, isServer: false) })
        case .accept, .accept4:
            let tuple = Self.tuple(record, localIsServer: true)
            var arguments = [int("fd", result)]
            if let tuple { arguments.append(EventArgument("tuple", .socketTuple(tuple))) }
            if type == .accept4 { arguments.append(flags("flags", Names.flags(a[3], Names.socketFlags))) }
            let fd = result >= 0 ? tuple.map { Self.socket(result, $0, isServer: true) } : nil
            return SyscallEvent(arguments: arguments, fd: fd)
        case .bind:
            let tuple = Self.tuple(record, localIsServer: true)
            let fd = a.int32(0)
            var arguments = [int("fd", fd)]
            if let tuple { arguments.append(EventArgument("addr", .socketTuple(tuple))) }
            return SyscallEvent(arguments: arguments, fd: tuple.map { Self.socket(fd, $0, isServer: true) })
        case .listen:
            return SyscallEvent(arguments: [fdArgument("fd", 0), id("backlog", 1)], fd: nil)
        case .socket:
            let domain = Names.enumeration(a[0], Names.socketDomains)
            let arguments = [
                domain.map { flags("domain", $0) } ?? unsigned("domain", 0), flags("type", Names.socketType(a[1])),
                unsigned("proto", 2),
            ]
            var fd: FileDescriptorInfo?
            if result >= 0 {
                let kind: FileDescriptorInfo.Kind
                switch a[0] {
                case 1: kind = .unix
                case 2: kind = .ipv4
                case 10: kind = .ipv6
                case 16: kind = .netlink
                default: kind = .unknown
                }
                fd = FileDescriptorInfo(number: result, kind: kind, name: "")
            }
            return SyscallEvent(arguments: arguments, fd: fd)
        case .dup, .dup2, .dup3:
            var arguments = [fdArgument("oldfd", 0)]
            if type != .dup { arguments.append(fdArgument("newfd", 1)) }
            if type == .dup3 { arguments.append(flags("flags", Names.flags(a[2], Names.dup3Flags))) }
            // The sensor describes the new descriptor when it is a socket (which end is the server is unknown:
            // a connected socket is assumed, the usual case of a redirected shell).
            var fd: FileDescriptorInfo?
            if result >= 0, let tuple = Self.tuple(record, localIsServer: false) {
                fd = Self.socket(result, tuple, isServer: nil)
            }
            return SyscallEvent(arguments: arguments, fd: fd)
        case .ptrace:
            let request = Names.enumeration(a[0], Names.ptraceRequests)
            return SyscallEvent(
                arguments: [request.map { flags("request", $0) } ?? unsigned("request", 0), id("pid", 1)],
                fd: nil
            )
        case .setuid:
            return SyscallEvent(arguments: [id("uid", 0)], fd: nil)
        case .setgid:
            return SyscallEvent(arguments: [id("gid", 0)], fd: nil)
        case .setresuid:
            return SyscallEvent(arguments: [id("ruid", 0), id("euid", 1), id("suid", 2)], fd: nil)
        case .setresgid:
            return SyscallEvent(arguments: [id("rgid", 0), id("egid", 1), id("sgid", 2)], fd: nil)
        case .mount:
            return SyscallEvent(
                arguments: [
                    path("dev", record.path), path("dir", record.secondPath),
                    EventArgument("type", .string(record.aux)),
                    flags("flags", Names.mountFlags(a[3])),
                ],
                fd: nil
            )
        case .umount2, .umount:
            return SyscallEvent(
                arguments: [path("name", record.path), flags("flags", Names.flags(a[1], Names.umountFlags))],
                fd: nil
            )
        case .unshare:
            return SyscallEvent(arguments: [flags("flags", Names.flags(a[0], Names.cloneFlags))], fd: nil)
        case .setns:
            return SyscallEvent(
                arguments: [fdArgument("fd", 0), flags("nstype", Names.flags(a[1], Names.cloneFlags))],
                fd: nil
            )
        case .initModule:
            return SyscallEvent(arguments: [unsigned("len", 1), EventArgument("uargs", .string(record.path))], fd: nil)
        case .finitModule:
            return SyscallEvent(
                arguments: [
                    fdArgument("fd", 0), EventArgument("uargs", .string(record.path)),
                    flags("flags", Names.flags(a[2], Names.finitModuleFlags)),
                ],
                fd: nil
            )
        case .deleteModule:
            return SyscallEvent(
                arguments: [
                    EventArgument("name", .string(record.path)),
                    flags("flags", Names.flags(a[1], Names.deleteModuleFlags)),
                ],
                fd: nil
            )
        case .bpf:
            let command = Names.enumeration(a[0], Names.bpfCommands)
            return SyscallEvent(arguments: [command.map { flags("cmd", $0) } ?? unsigned("cmd", 0)], fd: nil)
        case .chmod:
            return SyscallEvent(arguments: [path("filename", record.path), mode(1)], fd: nil)
        case .fchmodat:
            return SyscallEvent(arguments: [fdArgument("dirfd", 0), path("filename", record.path), mode(2)], fd: nil)
        case .fchmod:
            return SyscallEvent(arguments: [fdArgument("fd", 0), mode(1)], fd: nil)
        case .unlink:
            return SyscallEvent(arguments: [path("path", record.path)], fd: nil)
        case .unlinkat:
            return SyscallEvent(
                arguments: [
                    fdArgument("dirfd", 0), path("name", record.path), flags("flags", Names.flags(a[2], Names.atFlags)),
                ],
                fd: nil
            )
        case .rename, .link:
            return SyscallEvent(arguments: [path("oldpath", record.path), path("newpath", record.secondPath)], fd: nil)
        case .renameat, .renameat2:
            var arguments = [
                fdArgument("olddirfd", 0), path("oldpath", record.path), fdArgument("newdirfd", 2),
                path("newpath", record.secondPath),
            ]
            if type == .renameat2 { arguments.append(flags("flags", Names.flags(a[4], Names.renameFlags))) }
            return SyscallEvent(arguments: arguments, fd: nil)
        case .linkat:
            return SyscallEvent(
                arguments: [
                    fdArgument("olddir", 0), path("oldpath", record.path), fdArgument("newdir", 2),
                    path("newpath", record.secondPath), flags("flags", Names.flags(a[4], Names.atFlags)),
                ],
                fd: nil
            )
        case .symlink:
            return SyscallEvent(arguments: [path("target", record.path), path("linkpath", record.secondPath)], fd: nil)
        case .symlinkat:
            return SyscallEvent(
                arguments: [
                    path("target", record.path), fdArgument("linkdirfd", 1), path("linkpath", record.secondPath),
                ],
                fd: nil
            )
        case .mkdir:
            return SyscallEvent(arguments: [path("path", record.path), mode(1)], fd: nil)
        case .mkdirat:
            return SyscallEvent(arguments: [fdArgument("dirfd", 0), path("path", record.path), mode(2)], fd: nil)
        case .memfdCreate:
            let fd = result >= 0 ? FileDescriptorInfo(number: result, kind: .memfd, name: "memfd:" + record.path) : nil
            return SyscallEvent(
                arguments: [
                    int("fd", result), EventArgument("name", .string(record.path)),
                    flags("flags", Names.flags(a[1], Names.memfdFlags)),
                ],
                fd: fd
            )
        case .capset:
            func capabilities(_ name: String, _ index: Int) -> EventArgument {
                flags(name, FlagSet(raw: a[index], names: Capabilities.names(of: a[index])))
            }
            return SyscallEvent(
                arguments: [
                    capabilities("cap_effective", 2), capabilities("cap_permitted", 3),
                    capabilities("cap_inheritable", 4),
                ],
                fd: nil
            )
        case .close, .fchdir:
            return SyscallEvent(arguments: [fdArgument("fd", 0)], fd: nil)
        case .chdir:
            return SyscallEvent(arguments: [path("path", record.path)], fd: nil)
        case .prctl:
            return SyscallEvent(arguments: [id("option", 0), unsigned("arg2", 1)], fd: nil)
        case .tkill:
            return SyscallEvent(arguments: [id("tid", 0), id("sig", 1)], fd: nil)
        case .tgkill:
            return SyscallEvent(arguments: [id("pid", 0), id("tid", 1), id("sig", 2)], fd: nil)
        case .userfaultfd:
            let fd = result >= 0 ? FileDescriptorInfo(number: result, kind: .userfaultfd, name: "") : nil
            return SyscallEvent(arguments: [int("fd", result), unsigned("flags", 0)], fd: fd)
        case .kill:
            return SyscallEvent(arguments: [id("pid", 0), id("sig", 1)], fd: nil)
        default:
            return SyscallEvent(arguments: [], fd: nil)
        }
    }

    /// An opened file's recorded name: an absolute `path` as given (`fd.name` resolves `.` and `..` in it); a
    /// relative one resolved (``RuntimeEvents/PathResolution``) against the working directory for `AT_FDCWD`
    /// (left as given when that is unknown), or against the directory `directory` names for descriptor `dirfd`
    /// (``RuntimeEvents/PathResolution/unknownDirectory`` when it names none).
    static func joinedName(_ path: String, dirfd: Int64, cwd: String, directory: (Int64) -> String?) -> String {
        guard !path.isEmpty, path.utf8.first != UInt8(ascii: "/") else { return path }
        guard let base = PathResolution.base(dirfd: dirfd, cwd: cwd.isEmpty ? nil : cwd, descriptorPath: directory)
        else { return path }
        return PathResolution.resolve(path, against: base)
    }

    /// A socket descriptor described by its tuple.
    static func socket(_ number: Int64, _ tuple: SocketTuple, isServer: Bool?) -> FileDescriptorInfo {
        let kind: FileDescriptorInfo.Kind
        switch tuple.family {
        case .ipv4: kind = .ipv4
        case .ipv6: kind = .ipv6
        case .unix: kind = .unix
        }
        return FileDescriptorInfo(number: number, kind: kind, name: tuple.description, tuple: tuple, isServer: isServer)
    }

    /// The endpoints of a socket record: the local side is the server for bind/accept, the client for connect.
    static func tuple(_ record: SensorRecord, localIsServer: Bool) -> SocketTuple? {
        let l4: SocketTuple.L4Protocol
        switch record.socketType {
        case 1: l4 = .tcp
        case 2: l4 = .udp
        case 3: l4 = .raw
        default: l4 = .unknown
        }
        let family: SocketTuple.Family
        switch record.addressFamily {
        case 1: return SocketTuple(family: .unix, l4Protocol: l4, unixPath: record.path)
        case 2: family = .ipv4
        case 10: family = .ipv6
        default: return nil
        }
        let local = IPAddress(bytes: record.localAddress)
        let remote = IPAddress(bytes: record.remoteAddress)
        let localPort = record.localPort == 0 && local == nil ? nil : record.localPort
        if localIsServer {
            let hasClient = record.remotePort != 0
            return SocketTuple(
                family: family,
                l4Protocol: l4,
                clientIP: hasClient ? remote : nil,
                clientPort: hasClient ? record.remotePort : nil,
                serverIP: local,
                serverPort: record.localPort
            )
        }
        return SocketTuple(
            family: family,
            l4Protocol: l4,
            clientIP: local,
            clientPort: localPort,
            serverIP: remote,
            serverPort: record.remotePort
        )
    }
}
