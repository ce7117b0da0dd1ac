import RuntimeInventory
import TestSupport
import Testing

struct ProcSmallFilesTests {
    @Test func commandLinesSplitOnNulAndDropTheTrailingOne() {
        #expect(ProcCommandLine.parse(Array("/bin/sh\0-c\0echo hi\0".utf8)) == ["/bin/sh", "-c", "echo hi"])
        #expect(ProcCommandLine.parse(Array("a\0\0b\0".utf8)) == ["a", "", "b"])
        #expect(ProcCommandLine.parse([]) == [])
        #expect(ProcCommandLine.parse(Array("nginx: worker process".utf8)) == ["nginx: worker process"])
        #expect(ProcCommandLine.parse([0]) == [""])
    }

    @Test func commandLinesRoundTrip() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let arguments = (0..<Int(random.next() % 6 + 1)).map { _ in
                String(
                    decoding: (0..<Int(random.next() % 8)).map { _ in random.pick(Array("ab -=/ é".utf8)) },
                    as: UTF8.self
                )
            }
            var bytes: [UInt8] = []
            for argument in arguments { bytes += Array(argument.utf8) + [0] }
            #expect(ProcCommandLine.parse(bytes) == arguments)
        }
    }

    @Test func cgroupLinesOfBothVersions() throws {
        let text = """
            9:name=systemd:/docker/954213ab1ad5f6bf1c8b2152d1b84b7aae0e1494de57b4ae1513666512771b7e
            1:cpu,cpuacct:/system.slice/docker-954213ab1ad5f6bf1c8b2152d1b84b7aae0e1494de57b4ae1513666512771b7e.scope
            0::/a:b/c

            """
        let entries = try ProcCgroupEntry.parse(Array(text.utf8), file: "/proc/1/cgroup")
        #expect(entries.count == 3)
        #expect(entries[0].hierarchy == 9 && entries[0].controllers == ["name=systemd"])
        #expect(entries[0].leafName == "954213ab1ad5f6bf1c8b2152d1b84b7aae0e1494de57b4ae1513666512771b7e")
        #expect(entries[1].controllers == ["cpu", "cpuacct"])
        #expect(entries[1].leafName.hasPrefix("docker-"))
        #expect(entries[2].hierarchy == 0 && entries[2].controllers.isEmpty && entries[2].path == "/a:b/c")
        #expect(ProcCgroupEntry(hierarchy: 0, controllers: [], path: "/").leafName == "")
    }

    @Test(arguments: ["garbage\n", "x::/\n", "1:cpu\n", "-1::/\n"])
    func malformedCgroupLinesAreErrors(text: String) {
        #expect {
            try ProcCgroupEntry.parse(Array(text.utf8), file: "/proc/3/cgroup")
        } throws: { error in
            String(describing: error).hasPrefix("/proc/3/cgroup: line 1")
        }
    }

    @Test func cgroupFuzzNeverCrashes() {
        var random = SplitMix64(seed: 0xC6)
        var parsed = 0
        for _ in 0..<3000 {
            let bytes = (0..<Int(random.next() % 120)).map { _ in random.pick(Array("0123:,/\nabc-".utf8) + [0xFF]) }
            if let entries = try? ProcCgroupEntry.parse(bytes, file: "fuzz") {
                parsed += 1
                for entry in entries { #expect(entry.hierarchy >= 0) }
            }
        }
        #expect(parsed > 0)
    }

    @Test func auditIdsAndBootTime() throws {
        #expect(try ProcNumberFile.parseAuditID(Array("4294967295".utf8), file: "f") == -1)
        #expect(try ProcNumberFile.parseAuditID(Array("1000\n".utf8), file: "f") == 1000)
        #expect(throws: ProcFileError.self) { try ProcNumberFile.parseAuditID(Array("4294967296".utf8), file: "f") }
        #expect(throws: ProcFileError.self) { try ProcNumberFile.parseAuditID(Array("-1".utf8), file: "f") }
        #expect(throws: ProcFileError.self) { try ProcNumberFile.parseAuditID([], file: "f") }
        let stat = "cpu  1 2 3\nintr 5\nbtime 1795913435\nprocesses 9\n"
        #expect(try ProcNumberFile.parseBootTime(Array(stat.utf8), file: "/proc/stat") == 1_795_913_435)
        #expect {
            try ProcNumberFile.parseBootTime(Array("cpu 1\n".utf8), file: "/proc/stat")
        } throws: { error in
            String(describing: error) == "/proc/stat: no btime line"
        }
    }

    @Test func smallFileFuzzNeverCrashes() {
        var random = SplitMix64(seed: 0xA0)
        for _ in 0..<2000 {
            let bytes = (0..<Int(random.next() % 24)).map { _ in random.pick(Array("0123456789 \nbtime-".utf8) + [0xFF])
            }
            if let value = try? ProcNumberFile.parseAuditID(bytes, file: "fuzz") { #expect(value >= -1) }
            if let value = try? ProcNumberFile.parseBootTime(bytes, file: "fuzz") { #expect(value >= 0) }
            _ = ProcCommandLine.parse(bytes)
        }
    }
}
