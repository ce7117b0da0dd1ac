import RuntimeInventory
import TestSupport
import Testing

struct ProcStatTests {
    static let sample = line(comm: "cat")

    static func line(comm: String) -> String {
        "17646 (\(comm)) R 17593 17593 13448 34816 -1 4194304 95 0 0 0 0 0 0 0 20 0 1 0 3874346 3133440 382 "
            + "18446744073709551615 94565644861440 94565644881321 140736690890240 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n"
    }

    @Test func parsesTheFieldsOfARealLine() throws {
        let stat = try ProcStat.parse(Array(Self.sample.utf8), file: "/proc/17646/stat")
        #expect(stat.pid == 17646)
        #expect(stat.comm == "cat")
        #expect(stat.state == "R")
        #expect(stat.ppid == 17593)
        #expect(stat.processGroup == 17593)
        #expect(stat.session == 13448)
        #expect(stat.ttyNumber == 34816)
        #expect(stat.flags == 4_194_304)
        #expect(stat.startTimeTicks == 3_874_346)
        #expect(!stat.isKernelThread)
    }

    @Test func commandNamesWithSpacesAndParenthesesAreReadUpToTheLastParenthesis() throws {
        let line = Self.line(comm: "a) b (c) ) x")
        let stat = try ProcStat.parse(Array(line.utf8), file: "f")
        #expect(stat.comm == "a) b (c) ) x")
        #expect(stat.ppid == 17593)
        #expect(stat.startTimeTicks == 3_874_346)
    }

    @Test func kernelThreadFlagIsRecognised() throws {
        let line = "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0 18446744073709551615 0"
        let stat = try ProcStat.parse(Array(line.utf8), file: "f")
        #expect(stat.isKernelThread)
        #expect(stat.ppid == 0)
    }

    @Test(arguments: [
        ("", "no command name"),
        ("12 cat R 1", "no command name"),
        ("x (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5", "process id"),
        ("12 (cat) R 1 1 1", "fields after the command name"),
        ("12 (cat) R x 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5", "field 4 (ppid)"),
        ("12 (cat) RR 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5", "field 3 (state)"),
        ("12 (cat) R 1 1 1 99999999999999999999 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5", "field 7 (tty_nr)"),
        ("12 (cat) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 -5", "field 22 (starttime)"),
        (") 12 (cat R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5", "no command name"),
    ])
    func malformedLinesAreErrorsNamingTheFile(line: String, expected: String) {
        #expect {
            try ProcStat.parse(Array(line.utf8), file: "/proc/12/stat")
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("/proc/12/stat: ") && text.contains(expected)
        }
    }

    @Test func randomBytesAndMutationsNeverCrash() {
        var random = SplitMix64(seed: 0x5747)
        let base = Array(Self.sample.utf8)
        var parsed = 0
        for round in 0..<3000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = base
                for _ in 0..<Int(random.next() % 4 + 1) {
                    let index = Int(random.next() % UInt64(bytes.count))
                    bytes[index] = random.pick([
                        0x20, 0x28, 0x29, 0x2D, 0x30, 0x39, 0x00, 0xFF, 0x0A, UInt8(truncatingIfNeeded: random.next()),
                    ])
                }
            } else {
                bytes = (0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            }
            if let stat = try? ProcStat.parse(bytes, file: "fuzz") {
                parsed += 1
                #expect(stat.pid >= 0)
            }
        }
        #expect(parsed > 0)
    }

    @Test func roundTripsGeneratedLines() throws {
        var random = SplitMix64(seed: 99)
        for _ in 0..<500 {
            let pid = Int64(random.next() % 4_000_000)
            let ppid = Int64(random.next() % 4_000_000)
            let tty = Int64(random.next() % 70000)
            let start = random.next() % 1_000_000_000_000
            let commBytes = (0..<Int(random.next() % 16)).map { _ in random.pick(Array("ab (c)) x-_1".utf8)) }
            let comm = String(decoding: commBytes, as: UTF8.self)
            let line = "\(pid) (\(comm)) S \(ppid) 7 8 \(tty) -1 0 0 0 0 0 0 0 0 0 20 0 1 0 \(start) 0 0\n"
            let stat = try ProcStat.parse(Array(line.utf8), file: "gen")
            #expect(stat.pid == pid && stat.ppid == ppid && stat.ttyNumber == tty && stat.comm == comm)
            #expect(stat.startTimeTicks == start && stat.session == 8 && stat.processGroup == 7)
        }
    }
}
