import AlertFormats
import ArgumentParser
import Foundation
import KernelSensor
import RuleEngine
import RuntimeEnrichment
import RuntimeEvents
import SensorRecords

extension WatchCommand {
    /// `bulkhead watch` without `--replay`: the live kernel sensor.
    func watchLive(io: CommandIO) throws -> Int32 {
        let settings = try WatchSettings(command: self, configuration: try loadConfiguration(io: io), io: io)
        let started = WatchStatistics.now()
        let host = hostname ?? io.environment["HOSTNAME"] ?? ProcessInfo.processInfo.hostName
        let rules = try loadRules(settings, hostname: host, io: io, reporting: true).get()
        if let reason = SensorSupport.unsupportedReason { throw reason }

        let recorder = try record.map { path throws(ValidationError) in
            try LiveRecordingFile(path: path.hasPrefix("/") ? path : io.currentDirectory + "/" + path)
        }
        var configuration = KernelSensor.Configuration()
        configuration.eventTypes = rules.sensorEventTypes
        configuration.openPathPrefixes = rules.openPathPrefixes
        configuration.rawSyscallFallback = !noRawSyscallFallback
        let sensor = try KernelSensor(configuration: configuration)
        let outputs = try openOutputs(settings, hostname: host, io: io)

        var evaluation = WatchReplay(
            engine: rules.engine,
            builder: rules.builder,
            outputs: outputs,
            suppressor: AlertSuppressor(window: settings.dedupWindow, rateLimit: settings.rateLimit),
            failOn: settings.failOn
        )
        // Processes that started before the sensor: their ancestry and command lines come from /proc.
        let snapshot = HostProcessScanner().scan()
        evaluation.seedProcesses(snapshot.processes)
        var containers: ContainerDirectory?
        if !noDocker {
            // A container that is starting may not answer within the lookup timeout (the engine holds it while
            // it starts): the failure is kept for one second only, and the start event refreshes it anyway.
            let directory = ContainerDirectory(environment: io.environment, negativeCacheDuration: .seconds(1))
            directory.prime()
            directory.startWatching()
            containers = directory
        }
        defer { containers?.stop() }

        let signals = WatchSignals()
        defer { signals.restore() }
        let types = configuration.eventTypes.map { "\($0.count) event types" } ?? "all event types"
        let paths = configuration.openPathPrefixes.map { "opens under \($0.count) path prefixes" } ?? "all opens"
        io.writeErr(
            "bulkhead watch: watching (\(rules.engine.rules.count) rules, \(types), \(paths), "
                + "\(snapshot.processes.count) "
                + "processes from /proc\(containers == nil ? "" : ", Docker enrichment on"))"
                + (settings.duration.map { " for \(Double($0) / 1e9) s" } ?? "; SIGTERM or SIGINT stops, SIGHUP reloads")
                + "\n"
        )
        func names(_ numbers: Set<UInt32>) -> String {
            numbers.compactMap { SyscallNumbers.x86_64[$0]?.rawValue }.sorted().joined(separator: ", ")
        }
        if !sensor.fallbackSyscalls.isEmpty {
            io.writeErr(
                "bulkhead watch: note: traced through the raw sys_exit tracepoint, which runs on every system call "
                    + "(this kernel has no trace event for them; --no-raw-syscall-fallback turns it off): "
                    + names(sensor.fallbackSyscalls) + "\n"
            )
        }
        if !sensor.untracedSyscalls.isEmpty {
            io.writeErr(
                "bulkhead watch: note: not traced (this kernel has no trace event for them): "
                    + names(sensor.untracedSyscalls) + "\n"
            )
        }
        var live = LiveWatch(
            evaluation: evaluation,
            sensor: sensor,
            tracedEventTypes: configuration.eventTypes,
            containers: containers,
            users: UserDirectory(),
            recorder: recorder,
            signals: signals,
            duration: settings.duration,
            io: io
        ) { [self] in
            loadRules(settings, hostname: host, io: io, reporting: false)
        }
        var runError: KernelSensorError?
        do throws(KernelSensorError) {
            try live.run()
        } catch {
            runError = error
        }
        recorder?.close()
        let (deliveries, errors) = live.evaluation.finish(flushTimeout: settings.flushTimeout)
        io.writeErr(live.evaluation.summary(skippedLines: 0, deliveries: deliveries, errors: errors))
        io.writeErr(live.summary())
        if let recorder {
            if let failure = recorder.failure {
                io.writeErr("bulkhead watch: --record \(recorder.path): writing stopped: \(failure)\n")
            } else {
                io.writeErr("bulkhead watch: recorded \(recorder.events) events to \(recorder.path)\n")
            }
        }
        if stats {
            io.writeErr(
                live.evaluation.statistics.jsonLine(
                    deliveries: deliveries,
                    wallNanoseconds: WatchStatistics.now() - started,
                    sensor: live.statisticsJSON()
                ) + "\n"
            )
        }
        if let runError {
            io.writeErr("bulkhead watch: the kernel sensor failed: \(runError.message)\n")
            return ExitStatus.internalError.rawValue
        }
        return live.evaluation.failing ? ExitStatus.findings.rawValue : ExitStatus.success.rawValue
    }
}
