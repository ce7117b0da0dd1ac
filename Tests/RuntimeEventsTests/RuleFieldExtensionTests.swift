import RuntimeEvents
import Testing

/// The fields added for rules-current: resolved socket names, `fd.name_changed`, `evt.buffer` and the
/// executable's inode times.
@Suite struct RuleFieldExtensionTests {
    static let curl = ThreadInfo(pid: 500, ppid: 1, comm: "curl", exe: "curl", exePath: "/usr/bin/curl")

    static func value(_ field: String, _ event: RuntimeEvent, _ table: ProcessTable = ProcessTable()) -> FieldValue? {
        guard let bound = EventFields.resolve(field) else {
            Issue.record("\(field) is not served")
            return nil
        }
        return bound.extract(event, table)
    }

    static func ip(_ text: String) -> IPAddress? { IPAddress(text) }

    static func socketEvent(isServer: Bool?, named: Bool) -> RuntimeEvent {
        let tuple = SocketTuple(
            family: .ipv4,
            l4Protocol: .tcp,
            clientIP: ip("10.0.0.2"),
            clientPort: 40_000,
            serverIP: ip("10.96.0.1"),
            serverPort: 443,
            clientName: named ? "pod.local" : nil,
            serverName: named ? "kubernetes.default.svc.cluster.local" : nil
        )
        return RuntimeEvent(
            timestamp: 10,
            type: .connect,
            result: 0,
            arguments: [EventArgument("fd", .integer(4))],
            thread: curl,
            fd: FileDescriptorInfo(number: 4, kind: .ipv4, name: tuple.description, tuple: tuple, isServer: isServer)
        )
    }

    @Test func resolvedSocketNamesFollowTheSideOfTheSocket() {
        let client = Self.socketEvent(isServer: false, named: true)
        #expect(Self.value("fd.sip.name", client) == .string("kubernetes.default.svc.cluster.local"))
        #expect(Self.value("fd.cip.name", client) == .string("pod.local"))
        #expect(Self.value("fd.lip.name", client) == .string("pod.local"))
        #expect(Self.value("fd.rip.name", client) == .string("kubernetes.default.svc.cluster.local"))
        let server = Self.socketEvent(isServer: true, named: true)
        #expect(Self.value("fd.lip.name", server) == .string("kubernetes.default.svc.cluster.local"))
        #expect(Self.value("fd.rip.name", server) == .string("pod.local"))
        let unknownSide = Self.socketEvent(isServer: nil, named: true)
        #expect(Self.value("fd.sip.name", unknownSide) == .string("kubernetes.default.svc.cluster.local"))
        #expect(Self.value("fd.lip.name", unknownSide) == nil)
    }

    @Test func unresolvedSocketNamesAreNil() {
        let event = Self.socketEvent(isServer: false, named: false)
        for field in ["fd.sip.name", "fd.cip.name", "fd.lip.name", "fd.rip.name"] {
            #expect(Self.value(field, event) == nil, "\(field)")
        }
        let noSocket = RuntimeEvent(timestamp: 1, type: .openat, thread: Self.curl)
        #expect(Self.value("fd.sip.name", noSocket) == nil)
    }

    @Test func connectAfterSocketChangesTheName() {
        var table = ProcessTable()
        let socket = RuntimeEvent(
            timestamp: 1,
            type: .socket,
            result: 4,
            arguments: [EventArgument("domain", .string("ipv4"))],
            thread: Self.curl
        )
        table.apply(socket)
        #expect(Self.value("fd.name_changed", socket, table) == .boolean(false))
        let tuple = SocketTuple(
            family: .ipv4,
            l4Protocol: .udp,
            clientIP: Self.ip("10.0.0.2"),
            clientPort: 5353,
            serverIP: Self.ip("8.8.8.8"),
            serverPort: 53
        )
        let connect = RuntimeEvent(
            timestamp: 2,
            type: .connect,
            result: 0,
            arguments: [EventArgument("fd", .integer(4)), EventArgument("tuple", .socketTuple(tuple))],
            thread: Self.curl
        )
        // Evaluated before the table applies it: predicted from the table.
        #expect(Self.value("fd.name_changed", connect, table) == .boolean(true))
        #expect(table.nameChange(causedBy: connect)?.previousName == "")
        table.apply(connect)
        #expect(Self.value("fd.name_changed", connect, table) == .boolean(true))
        #expect(
            table.lastNameChange
                == DescriptorNameChange(pid: 500, descriptor: 4, previousName: "", newName: tuple.description)
        )
        // Connecting again to the same endpoints changes nothing.
        let again = RuntimeEvent(
            timestamp: 3,
            type: .connect,
            result: 0,
            arguments: [EventArgument("fd", .integer(4)), EventArgument("tuple", .socketTuple(tuple))],
            thread: Self.curl
        )
        #expect(Self.value("fd.name_changed", again, table) == .boolean(false))
        table.apply(again)
        #expect(Self.value("fd.name_changed", again, table) == .boolean(false))
        #expect(table.lastNameChange == nil)
        // A later event on the descriptor did not change it.
        let send = RuntimeEvent(
            timestamp: 4,
            type: .sendto,
            result: 12,
            arguments: [EventArgument("fd", .integer(4))],
            thread: Self.curl
        )
        table.apply(send)
        #expect(Self.value("fd.name_changed", send, table) == .boolean(false))
        // No descriptor at all: unknown.
        let noFD = RuntimeEvent(timestamp: 5, type: .sendto, thread: Self.curl)
        #expect(Self.value("fd.name_changed", noFD, table) == nil)
    }

    @Test func openReusingANumberChangesTheNameButAFreshOneDoesNot() {
        var table = ProcessTable()
        func open(_ path: String, at timestamp: UInt64) -> RuntimeEvent {
            RuntimeEvent(
                timestamp: timestamp,
                type: .openat,
                result: 3,
                arguments: [EventArgument("name", .path(path))],
                thread: Self.curl
            )
        }
        let first = open("/etc/hosts", at: 1)
        table.apply(first)
        #expect(Self.value("fd.name_changed", first, table) == .boolean(false))
        let reuse = open("/etc/passwd", at: 2)
        table.apply(reuse)
        #expect(Self.value("fd.name_changed", reuse, table) == .boolean(true))
        #expect(table.lastNameChange?.previousName == "/etc/hosts")
        #expect(table.lastNameChange?.newName == "/etc/passwd")
        let close = RuntimeEvent(
            timestamp: 3,
            type: .close,
            result: 0,
            arguments: [EventArgument("fd", .integer(3))],
            thread: Self.curl
        )
        table.apply(close)
        let fresh = open("/etc/group", at: 4)
        table.apply(fresh)
        #expect(Self.value("fd.name_changed", fresh, table) == .boolean(false))
    }

    @Test func bufferIsTheDataArgument() {
        func event(_ data: ArgumentValue?) -> RuntimeEvent {
            var arguments = [EventArgument("fd", .integer(3))]
            if let data { arguments.append(EventArgument("data", data)) }
            return RuntimeEvent(timestamp: 1, type: .sendto, result: 5, arguments: arguments, thread: Self.curl)
        }
        #expect(Self.value("evt.buffer", event(.string("GET / HTTP/1.1"))) == .string("GET / HTTP/1.1"))
        #expect(Self.value("evt.buffer", event(.bytes(Array("héllo".utf8)))) == .string("héllo"))
        #expect(Self.value("evt.buffer", event(nil)) == nil)
        #expect(Self.value("evt.buffer", event(.integer(7))) == nil)
        #expect(ArgumentValue.bytes([0x41, 0x00, 0xCA, 0x0A]).text == "A..\n")
    }

    @Test func executableInodeTimes() {
        var thread = Self.curl
        thread.startTime = 5_000
        thread.exeInodeChangeTime = 4_000
        thread.exeInodeModificationTime = 3_000
        let event = RuntimeEvent(timestamp: 6_000, type: .execve, result: 0, thread: thread)
        #expect(Self.value("proc.exe_ino.ctime", event) == .number(4_000))
        #expect(Self.value("proc.exe_ino.mtime", event) == .number(3_000))
        #expect(Self.value("proc.exe_ino.ctime_duration_proc_start", event) == .number(1_000))
        thread.exeInodeChangeTime = 7_000
        let changedAfterStart = RuntimeEvent(timestamp: 8_000, type: .execve, result: 0, thread: thread)
        #expect(Self.value("proc.exe_ino.ctime_duration_proc_start", changedAfterStart) == .number(-2_000))
        let unknown = RuntimeEvent(timestamp: 1, type: .execve, thread: Self.curl)
        #expect(Self.value("proc.exe_ino.ctime", unknown) == nil)
        #expect(Self.value("proc.exe_ino.mtime", unknown) == nil)
        #expect(Self.value("proc.exe_ino.ctime_duration_proc_start", unknown) == nil)
    }

    @Test func newMembersRoundTripThroughTheRecordingFormat() throws {
        var thread = Self.curl
        thread.startTime = 5_000
        thread.exeInodeChangeTime = 4_000
        thread.exeInodeModificationTime = 3_000
        var event = Self.socketEvent(isServer: false, named: true)
        event.thread = thread
        event.arguments.append(EventArgument("data", .bytes([0x00, 0xCA, 0xFE, 0xBA, 0xBE, 0xFF])))
        event.arguments.append(EventArgument("tuple", .socketTuple(event.fd?.tuple ?? SocketTuple(family: .unix))))
        let line = EventRecording.line(for: event)
        #expect(line.contains(#""data":{"bytes":"00cafebabeff"}"#))
        #expect(line.contains(#""sname":"kubernetes.default.svc.cluster.local""#))
        #expect(line.contains(#""cname":"pod.local""#))
        #expect(line.contains(#""exe_ino_ctime":4000"#))
        #expect(line.contains(#""exe_ino_mtime":3000"#))
        let decoded = try EventRecording.decode(EventRecording.encode([event]))
        #expect(decoded.diagnostics.isEmpty)
        #expect(decoded.events == [event])
    }

    @Test func badBytesAreReported() throws {
        let text = [
            EventRecording.header,
            #"{"type":"sendto","thread":{"pid":1},"args":{"data":{"bytes":"abc"}}}"#,
            #"{"type":"sendto","thread":{"pid":1},"args":{"data":{"bytes":"zz"}}}"#,
            #"{"type":"sendto","thread":{"pid":1},"args":{"data":{"bytes":"0A0b"}}}"#,
        ].joined(separator: "\n")
        let decoded = try EventRecording.decode(text, source: "rec.jsonl")
        #expect(decoded.diagnostics.map(\.line) == [2, 3])
        #expect(decoded.diagnostics.allSatisfy { $0.description.contains("args.data.bytes") })
        #expect(decoded.events.first?.argument("data") == .bytes([0x0A, 0x0B]))
    }
}
