import AlertFormats
import ArgumentParser
import Foundation
import KernelSensor
import RuleEngine
import RuntimeEnrichment
import RuntimeEvents
import SensorRecords

/// A live `bulkhead watch`: the kernel sensor's records become events (with the process state known so far
/// and the container's metadata), go through the rules and raise alerts, until `--duration` ends or SIGTERM
/// or SIGINT arrives; SIGHUP reloads the rules between two polls, so no event is lost while they load (the
/// kernel keeps filling the ring buffer meanwhile).
struct LiveWatch {
    /// Loads the rules again (SIGHUP): the new engine and alert builder, or why the rules cannot be used.
    typealias RulesReloader = () -> Result<LoadedWatchRules, ValidationError>

    /// What the sensor saw, for the summary.
    struct SensorCounts {
        /// Records decoded from the ring buffer.
        var records = 0
        /// Records that became events (the others are syscalls no event type covers).
        var events = 0
        /// Events the kernel could not queue (ring buffer full), per CPU, at the end.
        var lostPerCPU: [UInt64] = []
        /// Records that could not be decoded.
        var undecodable = 0
        /// Opens the kernel's path filter dropped (no rule can match them), at the end.
        var filteredOpens: UInt64 = 0
        /// Runs of the BPF programs the kernel skipped (recursion), per program, at the end.
        var skippedRuns: [String: UInt64] = [:]
        /// Rule reloads that worked, and that failed.
        var reloads = 0
        var failedReloads = 0
        /// From the system call to the end of its evaluation, per event.
        var eventLatency = LatencySamples()
        /// From the system call to the alert handed to the outputs, per alert.
        var alertLatency = LatencySamples()
    }

    /// How often a lost-events line is written when events were lost, in nanoseconds.
    static let lostReportInterval: UInt64 = 10_000_000_000
    /// The longest wait for the ring buffer before the flags and the deadline are checked again.
    static let pollMilliseconds: Int32 = 100

    var evaluation: WatchReplay
    let sensor: KernelSensor
    let mapper: SensorEventMapper
    let containers: ContainerDirectory?
    /// User and group names, from the host's or the container's own files.
    let users: UserDirectory
    var recorder: LiveRecordingFile?
    let signals: WatchSignals
    let reload: RulesReloader
    /// The event types the sensor reports now (nil: all).
    private var tracedEventTypes: Set<EventType>?
    /// Nanoseconds to run; nil until a signal.
    let duration: UInt64?
    let io: CommandIO
    private(set) var counts = SensorCounts()

    init(
        evaluation: WatchReplay,
        sensor: KernelSensor,
        tracedEventTypes: Set<EventType>?,
        containers: ContainerDirectory?,
        users: UserDirectory,
        recorder: LiveRecordingFile?,
        signals: WatchSignals,
        duration: UInt64?,
        io: CommandIO,
        reload: @escaping RulesReloader
    ) {
        self.evaluation = evaluation
        self.sensor = sensor
        self.mapper = SensorEventMapper(bootToEpochOffset: KernelSensor.bootToEpochOffset())
        self.tracedEventTypes = tracedEventTypes
        self.containers = containers
        self.users = users
        self.recorder = recorder
        self.signals = signals
        self.duration = duration
        self.io = io
        self.reload = reload
    }

    /// Runs until the deadline or a stop signal. Throws only when the ring buffer fails.
    mutating func run() throws(KernelSensorError) {
        let started = WatchStatistics.now()
        let deadline = duration.map { started &+ $0 }
        var nextLostReport = started &+ Self.lostReportInterval
        var reportedLost: UInt64 = 0
        var records: [SensorRecord] = []
        records.reserveCapacity(4_096)
        var single: [RuntimeEvent] = []
        single.reserveCapacity(1)
        var number: UInt64 = 1
        while !signals.shouldStop {
            let now = WatchStatistics.now()
            if let deadline, now >= deadline { break }
            if signals.takeReloadRequests() > 0 { reloadRules() }
            if now >= nextLostReport {
                reportedLost = reportLost(since: reportedLost)
                nextLostReport = now &+ Self.lostReportInterval
            }
            var timeout = Self.pollMilliseconds
            if let deadline {
                timeout = Int32(min(UInt64(timeout), (deadline &- now) / 1_000_000 + 1))
            }
            records.removeAll(keepingCapacity: true)
            // Waiting for the kernel is not decoding: decodeSeconds stays a replay-only figure.
            _ = try sensor.drain(timeoutMilliseconds: timeout, into: &records)
            counts.records += records.count
            for record in records {
                // The thread only: the whole record (descriptor table included) is not copied per event.
                let known = evaluation.table.ancestorThread(of: Int64(record.pid), generation: 0)
                let pid = Int64(record.pid)
                let mapped = mapper.event(from: record, number: number, known: known) { fd in
                    evaluation.table.fileDescriptor(fd, of: pid)?.name ?? Self.openDirectory(fd, of: pid)
                }
                guard var event = mapped else { continue }
                number += 1
                if let containers, event.container.id != ContainerInfo.hostID {
                    event.container = containers.container(for: event.container)
                }
                // Names follow the ids: resolved again only when the process has none yet or its ids changed.
                if event.thread.userName == nil || known?.uid != event.thread.uid || known?.gid != event.thread.gid {
                    let thread = event.thread
                    let names = users.names(
                        uid: thread.uid,
                        gid: thread.gid,
                        loginUID: thread.loginUID,
                        pid: thread.pid,
                        containerID: event.container.id
                    )
                    event.thread.userName = names.user
                    event.thread.groupName = names.group
                    event.thread.loginName = names.login
                }
                recorder?.append(event)
                single.removeAll(keepingCapacity: true)
                single.append(event)
                let alertsBefore = evaluation.statistics.alerts
                evaluation.process(single)
                let latency = Self.microseconds(since: record.bootTimeNanoseconds)
                counts.eventLatency.add(latency)
                if evaluation.statistics.alerts != alertsBefore { counts.alertLatency.add(latency) }
            }
            counts.events = Int(number - 1)
        }
        counts.lostPerCPU = sensor.lostEventsPerCPU()
        counts.undecodable = sensor.undecodableRecords
        counts.filteredOpens = sensor.filteredOpens()
        counts.skippedRuns = sensor.skippedProgramRuns().filter { $0.value > 0 }
        let lost = counts.lostPerCPU.reduce(0, &+)
        if lost > reportedLost { _ = reportLost(since: reportedLost) }
    }

    /// The sensor's part of the summary on standard error.
    func summary() -> String {
        let lost = counts.lostPerCPU.reduce(0, &+)
        var text =
            "bulkhead watch: sensor: \(counts.records) records, \(counts.events) events, \(lost) lost "
            + "(per CPU: \(counts.lostPerCPU.map(String.init).joined(separator: " "))), "
            + "\(counts.undecodable) undecodable, \(counts.filteredOpens) opens filtered in the kernel"
        if !counts.skippedRuns.isEmpty {
            text +=
                ", programs skipped by the kernel: "
                + counts.skippedRuns.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        if counts.reloads + counts.failedReloads > 0 {
            text += ", rules reloaded \(counts.reloads) times (\(counts.failedReloads) failed)"
        }
        return text + "\n"
    }

    /// The `"sensor"` member of the `--stats` line: records, losses, CPU time and latencies.
    func statisticsJSON() -> String {
        let lost = counts.lostPerCPU.reduce(0, &+)
        let cpu = Self.processCPUSeconds()
        let perMillion = counts.records > 0 ? cpu / Double(counts.records) * 1e6 : 0
        return "{\"records\":\(counts.records),\"events\":\(counts.events),\"lost\":\(lost),"
            + "\"lostPerCPU\":[\(counts.lostPerCPU.map(String.init).joined(separator: ","))],"
            + "\"undecodable\":\(counts.undecodable),\"filteredOpens\":\(counts.filteredOpens),"
            + "\"skippedProgramRuns\":\(counts.skippedRuns.values.reduce(0, +)),"
            + "\"cpuSeconds\":\(String(format: "%.3f", cpu)),"
            + "\"cpuSecondsPerMillionEvents\":\(String(format: "%.3f", perMillion)),"
            + "\"eventLatencyMicroseconds\":\(counts.eventLatency.json),"
            + "\"alertLatencyMicroseconds\":\(counts.alertLatency.json)}"
    }

    /// The path behind descriptor `fd` of process `pid` as /proc shows it now, when it is an absolute path: a
    /// directory descriptor opened before the watch started (or one the table lost), for a relative `*at` path.
    /// Read only when the table does not know the descriptor; the process may have closed or reused it since the
    /// call, which a later open of that number corrects.
    private static func openDirectory(_ fd: Int64, of pid: Int64) -> String? {
        guard fd >= 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 4_097)
        let count = readlink("/proc/\(pid)/fd/\(fd)", &buffer, 4_096)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.hasPrefix("/") && !path.hasSuffix(" (deleted)") ? path : nil
    }

    /// Microseconds from `bootNanoseconds` (CLOCK_BOOTTIME, the sensor's clock) to now.
    private static func microseconds(since bootNanoseconds: UInt64) -> UInt32 {
        var spec = timespec()
        clock_gettime(CLOCK_BOOTTIME, &spec)
        let now = UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
        guard now > bootNanoseconds else { return 0 }
        return UInt32(min(UInt64(UInt32.max), (now - bootNanoseconds) / 1_000))
    }

    /// User + system CPU time of this process so far, in seconds.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(Int32(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    private mutating func reloadRules() {
        switch reload() {
        case .success(let loaded):
            // The sensor first reports what the new rules need, then the rules change: nothing they need is
            // filtered out in between.
            do throws(KernelSensorError) {
                let before = tracedEventTypes
                let after = loaded.sensorEventTypes
                try sensor.setEventTypes(before.flatMap { old in after.map { old.union($0) } })
                try sensor.setOpenPathPrefixes(nil)
                evaluation.engine = loaded.engine
                evaluation.builder = loaded.builder
                try sensor.setEventTypes(after)
                try sensor.setOpenPathPrefixes(loaded.openPathPrefixes)
                tracedEventTypes = after
            } catch {
                counts.failedReloads += 1
                io.writeErr("bulkhead watch: SIGHUP: the sensor's filters could not be updated: \(error.message)\n")
                return
            }
            counts.reloads += 1
            io.writeErr("bulkhead watch: SIGHUP: rules reloaded, \(loaded.engine.rules.count) rules loaded\n")
        case .failure(let error):
            counts.failedReloads += 1
            io.writeErr("bulkhead watch: SIGHUP: rules not reloaded, the previous ones stay: \(error.message)\n")
        }
    }

    /// Writes a line when the kernel lost events since `previous`; returns the new total.
    private func reportLost(since previous: UInt64) -> UInt64 {
        let perCPU = sensor.lostEventsPerCPU()
        let total = perCPU.reduce(0, &+)
        guard total > previous else { return previous }
        io.writeErr(
            "bulkhead watch: warning: the kernel lost \(total - previous) events (ring buffer full); "
                + "\(total) in all, per CPU: \(perCPU.map(String.init).joined(separator: " "))\n"
        )
        return total
    }
}
