import Foundation
import KernelSensor
import RuntimeEvents
import SensorRecords
import Testing

/// Which programs the sensor attaches: only those of the traced syscalls, replaced while it runs, and the raw
/// fallback for syscalls the kernel has no trace event for.
@Suite(
    .serialized,
    .enabled(
        if: integrationEnabled,
        Comment(rawValue: integrationSkipReason)
    )
)
struct KernelSensorAttachmentTests {
    static let schedulerPrograms: Set<String> = ["process_exec", "process_fork", "process_exit"]

    @Test func replacingTheEventTypesAttachesTheNewProgramsAndDetachesTheOld() throws {
        let sensor = try KernelSensor(configuration: KernelSensor.Configuration(eventTypes: [.openat]))
        #expect(Set(sensor.attachedPrograms) == Self.schedulerPrograms.union(["exit_openat"]))
        try sensor.setEventTypes([.mkdir, .mkdirat])
        #expect(Set(sensor.attachedPrograms) == Self.schedulerPrograms.union(["exit_mkdir", "exit_mkdirat"]))
        #expect(sensor.tracedSyscalls == [83, 258])

        let directory = try SensorTestSupport.scratchDirectory("retrace")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catPID = Int64(try SensorTestSupport.run("/bin/busybox", ["cat", "/etc/hostname"]).pid)
        let mkdirPID = Int64(try SensorTestSupport.run("/bin/busybox", ["mkdir", directory + "/made"]).pid)
        let events = try SensorTestSupport.collect(sensor, seconds: 2) { events in
            events.contains { ($0.type == .mkdir || $0.type == .mkdirat) && $0.thread.pid == mkdirPID }
                && events.contains { $0.type == .procexit && $0.thread.pid == catPID }
        }
        let made = events.first { ($0.type == .mkdir || $0.type == .mkdirat) && $0.thread.pid == mkdirPID }
        #expect(made?.argument("path")?.stringValue == directory + "/made" && made?.result == 0)
        #expect(!events.contains { $0.type == .openat && $0.thread.pid == catPID }, "openat is no longer traced")

        try sensor.setEventTypes([])
        #expect(Set(sensor.attachedPrograms) == Self.schedulerPrograms && sensor.tracedSyscalls.isEmpty)
    }

    /// A thread other than the leader that execs takes the leader's thread id: its execve is still reported,
    /// with the path read at entry.
    @Test func anExecFromASecondaryThreadIsReported() throws {
        let sensor = try KernelSensor(configuration: KernelSensor.Configuration(eventTypes: [.execve]))
        let program = "import os, threading; threading.Thread(target=lambda: os.execv('/bin/true', ['true'])).start()"
        let pid = Int64(try SensorTestSupport.run("/usr/bin/python3", ["-c", program]).pid)
        func execOfTrue(_ event: RuntimeEvent) -> Bool {
            event.type == .execve && event.thread.pid == pid && event.argument("filename")?.stringValue == "/bin/true"
        }
        let events = try SensorTestSupport.collect(sensor, seconds: 3) { $0.contains(where: execOfTrue) }
        let exec = events.first(where: execOfTrue)
        #expect(exec?.result == 0, "no execve of /bin/true by pid \(pid): \(events.filter { $0.thread.pid == pid })")
        #expect(exec?.thread.tid == pid, "after the exec the thread has the leader's id")
    }

    @Test func theRawFallbackTracesASyscallWithoutATraceEventUnlessTurnedOff() throws {
        let hasEvent = FileManager.default.fileExists(
            atPath: "/sys/kernel/tracing/events/syscalls/sys_exit_finit_module"
        )
        let types: Set<EventType> = [.finitModule]
        let plain = try KernelSensor(
            configuration: KernelSensor.Configuration(eventTypes: types, rawSyscallFallback: false)
        )
        let fallback = try KernelSensor(
            configuration: KernelSensor.Configuration(eventTypes: types)
        )
        #expect(plain.untracedSyscalls == (hasEvent ? [] : [313]) && plain.fallbackSyscalls.isEmpty)
        #expect(fallback.untracedSyscalls.isEmpty && fallback.tracedSyscalls == [313])
        #expect(fallback.fallbackSyscalls == (hasEvent ? [] : [313]))
        #expect(fallback.attachedPrograms.contains("sys_exit_fallback") == !hasEvent)
        #expect(!plain.attachedPrograms.contains("sys_exit_fallback"))

        // finit_module(-1, "", 0) fails (EBADF, or ENOSYS without module support): an attempt all the same.
        let attempt = "import ctypes; ctypes.CDLL(None).syscall(313, -1, b'', 0)"
        let pid = Int64(try SensorTestSupport.run("/usr/bin/python3", ["-c", attempt]).pid)
        let seen = try SensorTestSupport.collect(fallback, seconds: 2) { events in
            events.contains { $0.type == .finitModule && $0.thread.pid == pid }
        }
        let call = seen.first { $0.type == .finitModule && $0.thread.pid == pid }
        #expect(call?.failed == true, "the fallback reports the finit_module attempt")
        let unseen = try SensorTestSupport.collect(plain, seconds: 1) { events in
            events.contains { $0.type == .procexit && $0.thread.pid == pid }
        }
        #expect(unseen.contains { $0.type == .finitModule && $0.thread.pid == pid } == hasEvent)

        try fallback.setEventTypes([.openat])
        #expect(fallback.fallbackSyscalls.isEmpty && !fallback.attachedPrograms.contains("sys_exit_fallback"))
    }
}
