import RuntimeEvents
import Testing

@testable import SensorRecords

/// The sensor's events are events as a recording holds them: every mapped event survives the recording
/// format unchanged.
struct SensorEventRecordingTests {
    @Test func everyMappedEventRoundTripsThroughARecording() throws {
        let mapper = SensorEventMapper(bootToEpochOffset: 1_700_000_000_000_000_000)
        var generator = SplitMix(seed: 7)
        var events: [RuntimeEvent] = []
        let known = ThreadInfo(pid: 10, comm: "sh", exe: "sh", exePath: "/bin/sh", args: ["-c", "x"], cwd: "/tmp")
        for (number, _) in SyscallNumbers.x86_64.sorted(by: { $0.key < $1.key }) {
            for round in 0..<4 {
                var record = SensorRecord(
                    kind: .syscall,
                    syscallNumber: number,
                    bootTimeNanoseconds: UInt64(round),
                    pid: 10,
                    tid: 10,
                    ppid: 1,
                    euid: 0,
                    result: round == 0 ? -13 : Int64(round),
                    arguments: SensorSyscallArguments((0..<6).map { _ in generator.next() % 0x1_0000 }),
                    cgroupName: round == 3 ? "docker-\(String(repeating: "ab", count: 32)).scope" : "/",
                    comm: "sh",
                    path: "/tmp/a\(round)",
                    secondPath: round % 2 == 0 ? "/tmp/b" : "",
                    aux: "tmpfs",
                    addressFamily: [0, 1, 2, 10][round],
                    socketType: UInt16(round % 3),
                    localPort: UInt16(round * 1000),
                    remotePort: 443,
                    localAddress: [[], [], [10, 0, 0, 2], Array(repeating: 0, count: 15) + [1]][round],
                    remoteAddress: [[], [], [10, 0, 0, 1], Array(repeating: 0, count: 15) + [2]][round]
                )
                if number == 59 || number == 322, round > 0 {
                    record.result = 0
                    record.exec = SensorExecInfo(
                        capabilities: Capabilities(effective: 1 << 21, permitted: 1 << 21),
                        loginUID: 1000,
                        tty: 34816,
                        sid: 10,
                        vpid: 1,
                        isExeFromMemfd: round == 2,
                        argv: ["ls", "-l"]
                    )
                }
                let event = try #require(mapper.event(from: record, number: UInt64(events.count + 1), known: known))
                events.append(event)
            }
        }
        let text = EventRecording.encode(events)
        let decoded = try EventRecording.decode(text)
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics.prefix(3))")
        #expect(decoded.events.count == events.count)
        for (original, read) in zip(events, decoded.events) where original != read {
            Issue.record("\(original.type.name) #\(original.number) changed in a recording:\n\(original)\n\(read)")
            break
        }
    }
}
