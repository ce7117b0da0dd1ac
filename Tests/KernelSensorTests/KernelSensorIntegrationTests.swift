import Foundation
import KernelSensor
import RuntimeEvents
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs when `BULKHEAD_INTEGRATION=1` (then a missing privilege fails the test with the sensor's message) or
/// when root on a kernel with BTF; otherwise Swift Testing prints the reason it skipped.
private let integrationEnabled =
    ProcessInfo.processInfo.environment["BULKHEAD_INTEGRATION"] == "1" || SensorSupport.canLoadPrograms

@Suite(
    .serialized,
    .enabled(
        if: integrationEnabled,
        "needs BULKHEAD_INTEGRATION=1, or root with \(SensorSupport.kernelBTFPath): \(SensorSupport.unsupportedReason?.description ?? "")"
    )
)
struct KernelSensorIntegrationTests {
    @Test func seesExecveOfTrueAndOpenatOfHostnameWithinOneSecond() throws {
        let sensor = try KernelSensor()
        #expect(
            Set(sensor.attachedPrograms)
                == ["sys_enter", "sys_exit", "process_exec", "process_fork", "process_exit"]
        )

        let truePID = try run("/bin/true", [])
        let catPID = try run("/bin/cat", ["/etc/hostname"])
        let started = ContinuousClock.now

        var execOfTrue: RuntimeEvent?
        var openOfHostname: RuntimeEvent?
        var seen = 0
        while ContinuousClock.now - started < .seconds(1), execOfTrue == nil || openOfHostname == nil {
            for event in try sensor.poll(timeoutMilliseconds: 50) {
                seen += 1
                if event.type == .execve, event.thread.pid == Int64(truePID),
                    event.argument("filename")?.stringValue == "/bin/true"
                {
                    execOfTrue = event
                }
                if event.type == .openat, event.thread.pid == Int64(catPID),
                    event.argument("name")?.stringValue == "/etc/hostname"
                {
                    openOfHostname = event
                }
            }
        }
        let elapsed = ContinuousClock.now - started
        print("kernel sensor: \(seen) events in \(elapsed), lost \(sensor.lostEvents)")
        let exec = try #require(execOfTrue, "no execve of /bin/true by pid \(truePID) within 1 s")
        #expect(exec.result == 0)
        #expect(exec.thread.comm == "true")
        #expect(exec.container.isHost)
        let open = try #require(openOfHostname, "no openat of /etc/hostname by pid \(catPID) within 1 s")
        #expect((open.result ?? -1) >= 0)
        #expect(open.thread.comm == "cat")
        #expect(sensor.undecodableRecords == 0)
    }

    @Test func countsABurstOfOpens() throws {
        let sensor = try KernelSensor()
        let opens = 50_000
        let child = try launch(
            "/bin/sh",
            ["-c", "i=0; while [ $i -lt \(opens) ]; do : < /etc/hostname; i=$((i+1)); done"]
        )
        defer { kill(child.processIdentifier, SIGKILL) }
        let pid = Int64(child.processIdentifier)
        let started = ContinuousClock.now
        var fromChild = 0
        var total = 0
        var latencies: [UInt64] = []
        while ContinuousClock.now - started < .seconds(30), child.isRunning || fromChild < opens {
            let events = try sensor.poll(timeoutMilliseconds: 20)
            if events.isEmpty && !child.isRunning { break }
            let now = Self.epochNanoseconds()
            total += events.count
            for event in events
            where event.type == .openat && event.thread.pid == pid
                && event.argument("name")?.stringValue == "/etc/hostname"
            {
                fromChild += 1
                latencies.append(now &- event.timestamp)
            }
        }
        latencies.sort()
        let p50 = latencies.isEmpty ? 0 : latencies[latencies.count / 2] / 1_000
        let p99 = latencies.isEmpty ? 0 : latencies[latencies.count * 99 / 100] / 1_000
        print("kernel sensor burst: syscall-exit to userspace latency p50 \(p50) µs, p99 \(p99) µs")
        let seconds =
            Double((ContinuousClock.now - started).components.attoseconds) / 1e18
            + Double((ContinuousClock.now - started).components.seconds)
        print(
            "kernel sensor burst: \(fromChild)/\(opens) opens of /etc/hostname, \(total) events in \(seconds) s"
                + " (\(Int(Double(total) / seconds)) events/s), lost \(sensor.lostEvents)"
                + " per CPU \(sensor.lostEventsPerCPU())"
        )
        #expect(fromChild + Int(sensor.lostEvents) >= opens)
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["BULKHEAD_SENSOR_IMAGE"] != nil,
            "set BULKHEAD_SENSOR_IMAGE to a local image with /bin/cat to run the container case"
        )
    )
    func seesAContainerProcessWithItsContainerID() throws {
        let image = ProcessInfo.processInfo.environment["BULKHEAD_SENSOR_IMAGE"] ?? ""
        let sensor = try KernelSensor()
        let cidFile = FileManager.default.temporaryDirectory.appending(path: "bulkhead-sensor-\(getpid()).cid")
        try? FileManager.default.removeItem(at: cidFile)
        defer { try? FileManager.default.removeItem(at: cidFile) }
        _ = try run("/usr/bin/docker", ["run", "--rm", "--cidfile", cidFile.path, image, "/bin/cat", "/etc/hostname"])
        let fullID = try String(contentsOf: cidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let started = ContinuousClock.now
        var found: RuntimeEvent?
        while found == nil, ContinuousClock.now - started < .seconds(1) {
            found = try sensor.poll(timeoutMilliseconds: 50).first {
                $0.type == .openat && $0.thread.comm == "cat" && $0.argument("name")?.stringValue == "/etc/hostname"
                    && !$0.container.isHost
            }
        }
        let event = try #require(found, "no openat of /etc/hostname from a container within 1 s")
        print("kernel sensor container: \(event.container.id) pid \(event.thread.pid) ppid \(event.thread.ppid)")
        #expect(event.container.fullID == fullID)
        #expect(event.container.id == String(fullID.prefix(12)))
    }

    private static func epochNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    private func launch(_ path: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs a program to its end (SIGKILL after 5 s) and returns its pid.
    private func run(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = try launch(path, arguments)
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < deadline { usleep(1_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.processIdentifier
    }
}
