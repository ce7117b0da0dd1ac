import RuntimeInventory
import TestSupport
import Testing

struct PasswdFileTests {
    @Test func parsesUsersOfAPasswdFile() {
        let text = """
            root:x:0:0:root:/root:/bin/bash
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
            alice:x:1000:1000:Alice,,,:/home/alice:/bin/sh
            """
        let file = PasswdFile(Array(text.utf8), kind: .passwd)
        #expect(file.name(of: 0) == "root")
        #expect(file.name(of: 1) == "daemon")
        #expect(file.name(of: 65534) == "nobody")
        #expect(file.name(of: 1000) == "alice")
        #expect(file.name(of: 2) == nil)
        #expect(file.namesByID.count == 4)
        #expect(file.skippedLines == 0)
        #expect(!file.truncated)
    }

    @Test func parsesGroupsOfAGroupFile() {
        let text = "root:x:0:\nadm:x:4:syslog,alice\nstaff:x:50\nwheel:*:10:root\r\n"
        let file = PasswdFile(Array(text.utf8), kind: .group)
        #expect(file.namesByID == [0: "root", 4: "adm", 50: "staff", 10: "wheel"])
        #expect(file.skippedLines == 0)
    }

    @Test func skipsLinesThatAreNotEntries() {
        let lines = [
            "# a comment",
            "+nisuser::::::",  // NIS inclusion
            "-baduser:x:5:5::/:",
            ":x:7:7::/:/bin/sh",  // empty name
            "bob:x:-1:0::/:/bin/sh",  // negative id
            "bob:x:4294967296:0::/:/bin/sh",  // above 2^32 - 1
            "bob:x:12a:0::/:/bin/sh",
            "bob:x: 12:0::/:/bin/sh",
            "bob:x:12",  // passwd needs the gid field
            "bob x:x:13:0::/:/bin/sh",  // blank in the name
            "bo\u{7}b:x:14:0::/:/bin/sh",  // control character
            "carol:x:4294967295:0::/:/bin/sh",
            "dave:x:42:42::/:/bin/sh",
            "eve:x:42:42::/:/bin/sh",  // duplicate id: the first wins
            "   ",
        ]
        let file = PasswdFile(Array(lines.joined(separator: "\n").utf8), kind: .passwd)
        #expect(file.namesByID == [4_294_967_295: "carol", 42: "dave"])
        #expect(file.skippedLines == 12)
    }

    @Test func rejectsNamesThatAreNotUTF8OrTooLong() {
        var bytes = Array("ok:x:1:1::/:\n".utf8)
        bytes += [0x66, 0xFF, 0x66] + Array(":x:2:2::/:\n".utf8)
        bytes += Array((String(repeating: "n", count: PasswdFile.maximumNameLength + 1) + ":x:3:3::/:\n").utf8)
        bytes += Array((String(repeating: "m", count: PasswdFile.maximumNameLength) + ":x:4:4::/:\n").utf8)
        bytes += Array("zoë:x:5:5::/:\n".utf8)
        let file = PasswdFile(bytes, kind: .passwd)
        #expect(file.name(of: 1) == "ok")
        #expect(file.name(of: 2) == nil)
        #expect(file.name(of: 3) == nil)
        #expect(file.name(of: 4)?.count == PasswdFile.maximumNameLength)
        #expect(file.name(of: 5) == "zoë")
    }

    @Test func readsOnlyTheFirstMebibyteAndDropsTheCutLine() {
        let line = Array("u0000000:x:0000000:0::/:\n".utf8)
        var bytes: [UInt8] = []
        var count = 0
        while bytes.count <= PasswdFile.maximumBytes + line.count {
            var entry = line
            let digits = Array(String(count).utf8)
            entry.replaceSubrange((18 - digits.count)..<18, with: digits)
            bytes += entry
            count += 1
        }
        let file = PasswdFile(bytes, kind: .passwd)
        #expect(file.truncated)
        let complete = PasswdFile.maximumBytes / line.count
        #expect(file.namesByID.count == complete)
        #expect(file.name(of: Int64(complete - 1)) != nil)
        #expect(file.name(of: Int64(complete)) == nil)

        let oneLongLine = [UInt8](repeating: 0x61, count: PasswdFile.maximumBytes + 10)
        let long = PasswdFile(oneLongLine, kind: .group)
        #expect(long.truncated)
        #expect(long.namesByID.isEmpty)
    }

    @Test func emptyInputGivesAnEmptyTable() {
        #expect(PasswdFile([], kind: .passwd) == PasswdFile())
        #expect(PasswdFile(Array("\n\n".utf8), kind: .group).namesByID.isEmpty)
    }

    /// Random bytes and mutated files never crash; every name found is printable, short and from a line of
    /// the input; every id is in range.
    @Test func fuzzedInputIsHandledTotally() {
        var random = SplitMix64(seed: 0x7A55_3D00)
        let seed = Array("root:x:0:0:root:/root:/bin/sh\nstaff:x:50:alice\nalice:x:1000:1000::/home/alice:\n".utf8)
        let alphabet = Array(":x0123456789\n\r#+-ab é\u{0}".utf8) + [0xFF, 0x80, 0x7F]
        for round in 0..<3_000 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int(random.next() % 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                bytes = seed
                for _ in 0..<(1 + Int(random.next() % 8)) {
                    let position = Int(random.next() % UInt64(bytes.count + 1))
                    switch random.next() % 3 {
                    case 0: bytes.insert(random.pick(alphabet), at: position)
                    case 1: if position < bytes.count { bytes.remove(at: position) }
                    default: if position < bytes.count { bytes[position] = random.pick(alphabet) }
                    }
                }
            }
            let kind: PasswdFile.Kind = round % 2 == 0 ? .passwd : .group
            let file = PasswdFile(bytes, kind: kind)
            let lines = bytes.split(separator: 0x0A).count
            #expect(file.namesByID.count + file.skippedLines <= lines)
            for (id, name) in file.namesByID {
                #expect((0...4_294_967_295).contains(id))
                #expect(!name.isEmpty && name.utf8.count <= PasswdFile.maximumNameLength)
                #expect(name.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F && $0 != 0x3A })
                #expect(bytes.split(separator: 0x0A).contains { $0.starts(with: Array(name.utf8) + [0x3A]) })
            }
        }
    }
}
