import RuntimeEvents
import Testing

@testable import SensorRecords

struct SensorEventMapperTests {
    let mapper = SensorEventMapper(bootToEpochOffset: 1_700_000_000_000_000_000)

    @Test func mapsASuccessfulOpenatToAnEventWithItsFileDescriptor() throws {
        let record = SensorRecord(
            kind: .syscall,
            syscallNumber: 257,
            bootTimeNanoseconds: 5,
            pid: 10,
            tid: 11,
            ppid: 1,
            result: 3,
            flags: 0,
            comm: "cat",
            path: "/etc/hostname"
        )
        let event = try #require(mapper.event(from: record, number: 7))
        #expect(event.type == .openat)
        #expect(event.number == 7)
        #expect(event.timestamp == 1_700_000_000_000_000_005)
        #expect(event.result == 3)
        #expect(event.argument("name")?.stringValue == "/etc/hostname")
        #expect(event.fd?.name == "/etc/hostname")
        #expect(event.thread.pid == 10 && event.thread.tid == 11 && event.thread.comm == "cat")
        #expect(event.container.isHost)
    }

    @Test func mapsAConnectToASocketTuple() throws {
        let record = SensorRecord(
            kind: .syscall,
            syscallNumber: 42,
            result: -111,
            flags: 5,
            addressFamily: 2,
            port: 4444,
            address: [127, 0, 0, 1]
        )
        let event = try #require(mapper.event(from: record, number: 1))
        #expect(event.type == .connect)
        #expect(event.failed)
        #expect(event.fd?.tuple?.serverPort == 4444)
        #expect(event.fd?.tuple?.serverIP?.description == "127.0.0.1")
    }

    @Test func mapsExecForkAndExit() throws {
        let exec = try #require(mapper.event(from: SensorRecord(kind: .processExec, path: "/bin/true"), number: 1))
        #expect(exec.type == .schedProcessExec && exec.thread.exePath == "/bin/true")
        let fork = try #require(
            mapper.event(from: SensorRecord(kind: .processFork, childTID: 9, childPID: 9), number: 2)
        )
        #expect(fork.type == .schedProcessFork && fork.argument("child_pid")?.integerValue == 9)
        let exit = try #require(mapper.event(from: SensorRecord(kind: .processExit, result: 256), number: 3))
        #expect(exit.type == .procexit && exit.argument("status")?.integerValue == 256)
    }

    @Test func skipsSyscallsItDoesNotKnow() {
        #expect(mapper.event(from: SensorRecord(kind: .syscall, syscallNumber: 0), number: 1) == nil)
    }

    @Test(arguments: [
        ("4f2a6c1d8e9b0a1f2e3d4c5b6a79880716253443526170819fa0b1c2d3e4f5a6", "4f2a6c1d8e9b"),
        ("docker-4f2a6c1d8e9b0a1f2e3d4c5b6a79880716253443526170819fa0b1c2d3e4f5a6.scope", "4f2a6c1d8e9b"),
        ("/", "host"),
        ("user.slice", "host"),
        ("4F2A6C1D8E9B0A1F2E3D4C5B6A79880716253443526170819FA0B1C2D3E4F5A6", "host"),
    ])
    func containerIDFromTheCgroupLeafName(_ name: String, _ id: String) {
        #expect(SensorEventMapper.container(cgroupName: name).id == id)
    }
}
