import RuntimeEvents
import TestSupport
import Testing

/// Threads keep their text fields, and socket tuples all their fields, in shared immutable boxes: copies must still
/// behave as independent values, compare and hash by content, and flag sets must keep their well-known flags in step
/// with their names.
@Suite struct SharedStorageTests {
    @Test func aChangedThreadCopyLeavesTheOriginalAlone() {
        let original = ThreadInfo(
            pid: 7,
            comm: "bash",
            exe: "/bin/bash",
            exePath: "/usr/bin/bash",
            args: ["-c", "id"],
            env: ["A=1"],
            cwd: "/root",
            userName: "root",
            groupName: "root",
            loginName: "admin"
        )
        var copy = original
        copy.cwd = "/tmp"
        copy.comm = "sh"
        copy.args.append("-x")
        copy.userName = nil
        #expect(original.cwd == "/root")
        #expect(original.comm == "bash")
        #expect(original.args == ["-c", "id"])
        #expect(original.userName == "root")
        #expect(copy.cwd == "/tmp" && copy.comm == "sh" && copy.args == ["-c", "id", "-x"] && copy.userName == nil)
        #expect(copy.exe == "/bin/bash" && copy.env == ["A=1"] && copy.loginName == "admin")
        #expect(copy != original)
    }

    @Test func settingTheProgramChangesItsFourFieldsOnly() {
        let before = ThreadInfo(
            pid: 3,
            comm: "sh",
            exe: "sh",
            exePath: "/bin/sh",
            args: ["-c"],
            cwd: "/w",
            userName: "u"
        )
        var after = before
        after.setProgram(comm: "id", exe: "id", exePath: "/usr/bin/id", args: [])
        #expect(after.comm == "id" && after.exe == "id" && after.exePath == "/usr/bin/id" && after.args.isEmpty)
        #expect(after.cwd == "/w" && after.userName == "u" && after.pid == 3)
        #expect(before.comm == "sh" && before.exePath == "/bin/sh" && before.args == ["-c"])
        var same = before
        same.setProgram(comm: "sh", exe: "sh", exePath: "/bin/sh", args: ["-c"])
        #expect(same == before)
    }

    @Test func threadsCompareAndHashByContent() {
        var random = SplitMix64(seed: 0x7E47)
        let words = ["a", "bb", "/usr/bin/python3", "", "K", "\u{212A}", "caf\u{E9}"]
        for _ in 0..<500 {
            func make() -> ThreadInfo {
                ThreadInfo(
                    pid: 1,
                    comm: random.pick(words),
                    exe: random.pick(words),
                    args: random.oneIn(2) ? [] : [random.pick(words)],
                    cwd: random.pick(words),
                    userName: random.oneIn(2) ? nil : random.pick(words)
                )
            }
            let a = make()
            let b = make()
            // Built separately, so never sharing a box: equality is the fields' equality.
            let same =
                a.comm == b.comm && a.exe == b.exe && a.args == b.args && a.cwd == b.cwd && a.userName == b.userName
            #expect((a == b) == same)
            if a == b { #expect(a.hashValue == b.hashValue) }
            // Setting a field to its own value changes nothing.
            var c = a
            c.comm = a.comm
            c.cwd = String(a.cwd)
            #expect(c == a)
            #expect(c.hashValue == a.hashValue)
        }
    }

    private static func tuple(serverName: String) -> SocketTuple {
        SocketTuple(
            family: .ipv4,
            l4Protocol: .tcp,
            clientIP: IPAddress("10.0.0.5"),
            clientPort: 40000,
            serverIP: IPAddress("10.0.0.1"),
            serverPort: 443,
            serverName: serverName
        )
    }

    @Test func tuplesCompareAndHashByContent() {
        // Built separately, so never sharing a box.
        let a = Self.tuple(serverName: "api")
        let b = Self.tuple(serverName: "api")
        let c = Self.tuple(serverName: "db")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
        #expect(a.description == "10.0.0.5:40000->10.0.0.1:443")
        #expect(c.serverName == "db" && c.serverPort == 443 && c.l4Protocol == .tcp)
    }

    @Test func wellKnownFlagsFollowTheNames() {
        var flags = FlagSet(raw: 0, names: ["O_RDONLY", "O_CLOEXEC"])
        #expect(flags.contains(.closeOnExec))
        #expect(!flags.containsAny([.writeOnly, .readWrite]))
        flags.names.append("O_WRONLY")
        #expect(flags.contains(.writeOnly))
        #expect(flags.contains([.writeOnly, .closeOnExec]))
        flags.names = ["O_CREAT"]
        #expect(flags.contains(.create))
        #expect(!flags.contains(.closeOnExec))
        // Only exact names count, as `contains(_:)` on names does.
        let lookalikes = FlagSet(names: ["o_cloexec", "O_CLOEXEC ", "XO_CREAT", "O_RDWR|O_CREAT"])
        #expect(lookalikes.wellKnown.isEmpty)
        let every: [(String, FlagSet.WellKnown)] = [
            ("O_WRONLY", .writeOnly), ("O_RDWR", .readWrite), ("O_CREAT", .create), ("O_CLOEXEC", .closeOnExec),
            ("SOCK_CLOEXEC", .socketCloseOnExec), ("MFD_CLOEXEC", .memfdCloseOnExec), ("O_DIRECTORY", .directory),
            ("CLONE_THREAD", .cloneThread), ("O_EXEC", .exec),
        ]
        for (name, flag) in every {
            let set = FlagSet(names: ["X", name])
            #expect(set.wellKnown == flag, "\(name)")
            #expect(set.contains(name))
        }
    }
}
