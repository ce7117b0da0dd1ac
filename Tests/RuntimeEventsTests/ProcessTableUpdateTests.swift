import TestSupport
import Testing

@testable import RuntimeEvents

/// The process table's cheap per-event updates keep exactly what the whole-value forms kept: a thread updated field
/// by field equals (byte for byte) the event's thread, and the last applied event is recognised without a copy of it.
@Suite struct ProcessTableUpdateTests {
    private static let texts = ["sh", "bash", "", "e\u{301}", "\u{e9}", "/usr/bin/a-long-path-beyond-fifteen-bytes"]

    private static func thread(_ random: inout SplitMix64) -> ThreadInfo {
        ThreadInfo(
            pid: Int64(random.next() % 5),
            tid: Int64(random.next() % 5),
            ppid: Int64(random.next() % 5),
            vpid: random.oneIn(2) ? nil : Int64(random.next() % 5),
            comm: random.pick(texts),
            exe: random.pick(texts),
            exePath: random.pick(texts),
            args: (0..<Int(random.next() % 3)).map { _ in random.pick(texts) },
            env: random.oneIn(3) ? [random.pick(texts)] : [],
            cwd: random.pick(texts),
            tty: Int64(random.next() % 3),
            sid: Int64(random.next() % 3),
            uid: Int64(random.next() % 3),
            gid: Int64(random.next() % 3),
            euid: Int64(random.next() % 3),
            loginUID: Int64(random.next() % 3) - 1,
            userName: random.oneIn(2) ? nil : random.pick(texts),
            groupName: random.oneIn(2) ? nil : random.pick(texts),
            loginName: random.oneIn(2) ? nil : random.pick(texts),
            capabilities: Capabilities(effective: random.next() % 4, permitted: random.next() % 4),
            vpgid: random.oneIn(2) ? nil : Int64(random.next() % 3),
            startTime: random.oneIn(2) ? nil : random.next() % 9,
            isExeFromMemfd: random.oneIn(2),
            isExeUpperLayer: random.oneIn(2),
            exeInodeChangeTime: random.oneIn(2) ? nil : random.next() % 9,
            exeInodeModificationTime: random.oneIn(2) ? nil : random.next() % 9,
            exeInode: random.oneIn(2) ? nil : random.next() % 9
        )
    }

    private static func bytes(_ thread: ThreadInfo) -> [[UInt8]] {
        ([thread.comm, thread.exe, thread.exePath, thread.cwd] + thread.args + thread.env
            + [thread.userName ?? "-", thread.groupName ?? "-", thread.loginName ?? "-"]).map { Array($0.utf8) }
    }

    @Test func updatedThreadEqualsTheSourceByteForByte() {
        var random = SplitMix64(seed: 61)
        for _ in 0..<2_000 {
            var target = Self.thread(&random)
            let source = random.oneIn(4) ? target : Self.thread(&random)
            target.update(from: source)
            #expect(target == source)
            // "e\u{301}" == "\u{e9}" as Strings: the bytes must still be the source's.
            #expect(Self.bytes(target) == Self.bytes(source))
        }
    }

    @Test func canonicallyEqualButDifferentBytesAreReplaced() {
        var target = ThreadInfo(pid: 1, comm: "\u{e9}")
        let source = ThreadInfo(pid: 1, comm: "e\u{301}")
        #expect(target.comm == source.comm)
        target.update(from: source)
        #expect(Array(target.comm.utf8) == Array("e\u{301}".utf8))
    }

    @Test func theLastAppliedEventIsToldFromLookalikes() {
        var table = ProcessTable()
        let shell = Scenario.thread(10, ppid: 1, "sh")
        table.apply(Scenario.open(shell, "/etc/a", fd: 3))
        let reopen = Scenario.open(shell, "/etc/b", fd: 3)
        #expect(table.nameChange(causedBy: reopen)?.previousName == "/etc/a")
        table.apply(reopen)
        let change = DescriptorNameChange(pid: 10, descriptor: 3, previousName: "/etc/a", newName: "/etc/b")
        #expect(table.lastNameChange == change)
        #expect(table.nameChange(causedBy: reopen) == change)
        // The same call from a thread described differently, or at another time, was not applied: it would change
        // nothing now.
        var renamed = reopen
        renamed.thread.comm = "bash"
        #expect(table.nameChange(causedBy: renamed) == nil)
        var later = reopen
        later.timestamp += 1
        #expect(table.nameChange(causedBy: later) == nil)
        var otherTID = reopen
        otherTID.thread.tid = 11
        #expect(table.nameChange(causedBy: otherTID) == nil)
        var described = reopen
        described.fd = FileDescriptorInfo(number: 3, kind: .file, name: "/etc/b")
        #expect(table.nameChange(causedBy: described) == nil)
        // An event that changes no name is not kept: the next one is judged on its own.
        table.apply(Scenario.call(.close, shell, result: -9, [EventArgument("fd", .integer(3))]))
        #expect(table.lastNameChange == nil)
        #expect(table.nameChange(causedBy: reopen) == nil)
    }

    @Test func connectAndDupReportTheChangeTheyPredict() {
        var table = ProcessTable()
        let client = Scenario.thread(20, ppid: 1, "curl")
        let socket = RuntimeEvent(
            timestamp: 1,
            type: .socket,
            result: 4,
            arguments: [EventArgument("domain", .string("AF_INET"))],
            thread: client
        )
        table.apply(socket)
        let tuple = SocketTuple(
            family: .ipv4,
            l4Protocol: .tcp,
            clientIP: IPAddress("10.0.0.1"),
            clientPort: 40_000,
            serverIP: IPAddress("10.0.0.2"),
            serverPort: 443
        )
        let connect = Scenario.call(
            .connect,
            client,
            result: 0,
            [EventArgument("fd", .integer(4)), EventArgument("tuple", .socketTuple(tuple))]
        )
        let predicted = table.nameChange(causedBy: connect)
        #expect(predicted?.newName == tuple.description)
        table.apply(connect)
        #expect(table.lastNameChange == predicted)
        #expect(table.fileDescriptor(4, of: 20)?.name == tuple.description)
        table.apply(Scenario.open(client, "/tmp/x", fd: 5))
        let dup = Scenario.call(.dup2, client, result: 5, [EventArgument("oldfd", .integer(4))])
        let dupPredicted = table.nameChange(causedBy: dup)
        #expect(dupPredicted?.previousName == "/tmp/x")
        table.apply(dup)
        #expect(table.lastNameChange == dupPredicted)
        #expect(table.nameChange(causedBy: dup) == dupPredicted)
    }
}
