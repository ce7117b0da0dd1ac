import Foundation
import KernelSensor
import RuntimeEvents
import SensorRecords
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The open family's in-kernel path filter (`KernelSensor.Configuration.openPathPrefixes`).
@Suite(
    .serialized,
    .enabled(
        if: integrationEnabled,
        Comment(rawValue: integrationSkipReason)
    )
)
struct KernelSensorPathFilterTests {
    private static let opens: Set<EventType> = [.open, .openat, .openat2, .creat]

    /// Runs busybox `cat` on `/etc/hostname`, `<scratch>/x` and (from /etc) the relative `hostname`; returns the
    /// open events of each of the three processes.
    private static func catThreeFiles(
        _ sensor: KernelSensor,
        scratch: String
    ) throws -> (absolute: [RuntimeEvent], outside: [RuntimeEvent], relative: [RuntimeEvent]) {
        let outsidePath = scratch + "/x"
        try "x\n".write(toFile: outsidePath, atomically: true, encoding: .utf8)
        let absolute = try SensorTestSupport.run("/bin/busybox", ["cat", "/etc/hostname"]).pid
        let outside = try SensorTestSupport.run("/bin/busybox", ["cat", outsidePath]).pid
        let relative = try runInEtc(["cat", "hostname"])
        func opensOf(_ pid: Int32, _ events: [RuntimeEvent]) -> [RuntimeEvent] {
            events.filter { Self.opens.contains($0.type) && $0.thread.pid == Int64(pid) }
        }
        func exited(_ pid: Int32, _ events: [RuntimeEvent]) -> Bool {
            events.contains { $0.type == .procexit && $0.thread.pid == Int64(pid) }
        }
        let events = try SensorTestSupport.collect(sensor, seconds: 3) { events in
            exited(absolute, events) && exited(outside, events) && exited(relative, events)
        }
        #expect(exited(absolute, events) && exited(outside, events) && exited(relative, events))
        return (opensOf(absolute, events), opensOf(outside, events), opensOf(relative, events))
    }

    /// `/bin/busybox ARGS` with /etc as its working directory, to its end; returns its pid.
    private static func runInEtc(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/busybox")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/etc")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning, ContinuousClock.now < deadline { usleep(1_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.processIdentifier
    }

    private static func names(_ events: [RuntimeEvent]) -> [String] {
        events.compactMap { $0.argument("name")?.stringValue }
    }

    /// A directory opened with O_DIRECTORY outside every prefix is still reported: a later `*at` call may resolve a
    /// relative path (`../etc/shadow`) against that descriptor.
    @Test func directoryOpensPassTheFilter() throws {
        try #require(FileManager.default.fileExists(atPath: "/bin/busybox"), "no /bin/busybox (busybox-static)")
        let scratch = try SensorTestSupport.scratchDirectory("dirfilter")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try "x\n".write(toFile: scratch + "/x", atomically: true, encoding: .utf8)
        let sensor = try KernelSensor(
            configuration: KernelSensor.Configuration(eventTypes: Self.opens, openPathPrefixes: ["/etc/"])
        )
        let list = Int64(try SensorTestSupport.run("/bin/busybox", ["ls", scratch]).pid)
        let read = Int64(try SensorTestSupport.run("/bin/busybox", ["cat", scratch + "/x"]).pid)
        let events = try SensorTestSupport.collect(sensor, seconds: 3) { events in
            events.contains { $0.type == .procexit && $0.thread.pid == list }
                && events.contains { $0.type == .procexit && $0.thread.pid == read }
        }
        let listed = events.filter { Self.opens.contains($0.type) && $0.thread.pid == list }
        let directoryOpen = listed.first { $0.argument("name")?.stringValue == scratch }
        #expect(directoryOpen != nil, "opens seen: \(Self.names(listed))")
        #expect(directoryOpen.map { flagNames($0.argument("flags")).contains("O_DIRECTORY") } == true)
        let reads = events.filter { Self.opens.contains($0.type) && $0.thread.pid == read }
        #expect(!Self.names(reads).contains(scratch + "/x"), "opens seen: \(Self.names(reads))")
    }

    @Test func thePathFilterKeepsOnlyOpensUnderItsPrefixesAndRelativeOnes() throws {
        try #require(FileManager.default.fileExists(atPath: "/bin/busybox"), "no /bin/busybox (busybox-static)")
        let scratch = try SensorTestSupport.scratchDirectory("pathfilter")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let sensor = try KernelSensor(
            configuration: KernelSensor.Configuration(eventTypes: Self.opens, openPathPrefixes: ["/etc/"])
        )
        #expect(sensor.openPathFilterActive)
        let (absolute, outside, relative) = try Self.catThreeFiles(sensor, scratch: scratch)
        #expect(Self.names(absolute).contains("/etc/hostname"), "opens seen: \(Self.names(absolute))")
        #expect(!Self.names(outside).contains(scratch + "/x"), "opens seen: \(Self.names(outside))")
        #expect(Self.names(relative).contains("hostname"), "opens seen: \(Self.names(relative))")
        let relativeOpen = relative.first { $0.argument("name")?.stringValue == "hostname" }
        #expect((relativeOpen?.result ?? -1) >= 0)
        // Every open the filter dropped was absolute, outside /etc/ (the loader's own opens of /lib… count too).
        for event in absolute + outside + relative {
            let name = event.argument("name")?.stringValue ?? ""
            #expect(!name.hasPrefix("/") || name.hasPrefix("/etc/"), "\(name) passed the filter")
        }
        #expect(sensor.filteredOpens() >= 1)
        print("kernel sensor path filter: \(sensor.filteredOpens()) opens filtered")
    }

    @Test func thePrefixesCanBeReplacedWhileTheSensorRuns() throws {
        try #require(FileManager.default.fileExists(atPath: "/bin/busybox"), "no /bin/busybox (busybox-static)")
        let scratch = try SensorTestSupport.scratchDirectory("pathfilter-swap")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let sensor = try KernelSensor(
            configuration: KernelSensor.Configuration(eventTypes: Self.opens, openPathPrefixes: ["/etc/"])
        )
        try sensor.setOpenPathPrefixes([scratch + "/"])
        #expect(sensor.openPathFilterActive)
        let swapped = try Self.catThreeFiles(sensor, scratch: scratch)
        #expect(!Self.names(swapped.absolute).contains("/etc/hostname"), "opens seen: \(Self.names(swapped.absolute))")
        #expect(Self.names(swapped.outside).contains(scratch + "/x"))
        try sensor.setOpenPathPrefixes(nil)
        #expect(!sensor.openPathFilterActive)
        let off = try Self.catThreeFiles(sensor, scratch: scratch)
        #expect(Self.names(off.absolute).contains("/etc/hostname") && Self.names(off.outside).contains(scratch + "/x"))
    }

    @Test func withoutPrefixesEveryOpenIsReported() throws {
        try #require(FileManager.default.fileExists(atPath: "/bin/busybox"), "no /bin/busybox (busybox-static)")
        let scratch = try SensorTestSupport.scratchDirectory("pathfilter-off")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let sensor = try KernelSensor(configuration: KernelSensor.Configuration(eventTypes: Self.opens))
        #expect(!sensor.openPathFilterActive)
        let (absolute, outside, relative) = try Self.catThreeFiles(sensor, scratch: scratch)
        #expect(Self.names(absolute).contains("/etc/hostname"))
        #expect(Self.names(outside).contains(scratch + "/x"))
        #expect(Self.names(relative).contains("hostname"))
        #expect(sensor.filteredOpens() == 0)
    }

    @Test func pathsThatAreNotPlainAreAlwaysReported() throws {
        try #require(FileManager.default.fileExists(atPath: "/bin/busybox"), "no /bin/busybox (busybox-static)")
        let sensor = try KernelSensor(
            configuration: KernelSensor.Configuration(eventTypes: Self.opens, openPathPrefixes: ["/etc/"])
        )
        // The first three resolve to /etc/hostname although they do not start with /etc/; the last has a hidden
        // component (rules may look for `/.ssh/` anywhere).
        let paths = ["/tmp/../etc/hostname", "//etc/hostname", "/./etc/hostname", "/tmp/.bulkhead-no-such-file"]
        var pids: [Int32] = []
        for path in paths { pids.append(try SensorTestSupport.run("/bin/busybox", ["cat", path]).pid) }
        let events = try SensorTestSupport.collect(sensor, seconds: 3) { events in
            pids.allSatisfy { pid in events.contains { $0.type == .procexit && $0.thread.pid == Int64(pid) } }
        }
        for (path, pid) in zip(paths, pids) {
            let seen = Self.names(events.filter { Self.opens.contains($0.type) && $0.thread.pid == Int64(pid) })
            #expect(seen.contains(path), "\(path): opens seen \(seen)")
        }
    }
}
