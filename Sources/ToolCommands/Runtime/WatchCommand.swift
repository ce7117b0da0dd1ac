import AlertChannels
import AlertFormats
public import ArgumentParser
import FalcoRules
import Foundation
import KernelSensor
import ProjectConfiguration
import RuleEngine
import RuntimeEvents
import SecurityModel

/// `bulkhead watch`: runtime detection with Falco rules, live from the eBPF kernel sensor or from a recorded
/// event stream (`--replay`). Documented in docs/watch.md.
public struct WatchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Detect threats at runtime with Falco rules: live from the kernel (eBPF), or from a recording.",
        discussion: """
            Without --replay, loads the eBPF kernel sensor (root and a kernel with BTF needed), reads the \
            running processes from /proc, asks the Docker Engine for container names, images and labels, and \
            raises alerts as the kernel reports processes, files and connections, until --duration ends or \
            SIGTERM/SIGINT (the outputs are flushed); SIGHUP reloads the rules without losing events; \
            --record FILE keeps the event stream. With no --rules the built-in ruleset is used (@default; \
            `bulkhead rules default` prints it). --replay FILE streams a bulkhead-events recording \
            (docs/event-recording.md; - for standard input), rebuilds the process table and raises one alert \
            per rule match. Alerts are Falco's text line, or Falco's JSON alert with --json-output. Repeated \
            alerts (same rule, process and container) are folded within --dedup-window into one alert and a \
            summary; --rate-limit caps each rule. Alerts go to every --output at once (stdout, file=PATH, \
            syslog+udp|tcp|tls://HOST:PORT, webhook=URL, program=COMMAND; see docs/watch.md) through \
            bounded queues, so a slow output never blocks detection. Defaults come from the watch: section \
            of .bulkhead.yaml. A summary goes to standard error. Exit codes: 0 no alert at or above \
            --fail-on; 1 alerts at or above it; 2 bad usage or configuration, rules with errors, an output \
            that cannot be opened, or an unreadable recording; 3 internal error; 4 the kernel sensor cannot \
            run here (not root, no BPF or BTF support).
            """
    )

    /// Fields appended to every output, as Falco's `append_output` suggested fields for syscall rules.
    static let suggestedFields: [(key: String, field: String)] = [
        ("container_id", "container.id"), ("container_name", "container.name"),
        ("container_image_repository", "container.image.repository"),
        ("container_image_tag", "container.image.tag"), ("k8s_pod_name", "k8s.pod.name"),
        ("k8s_ns_name", "k8s.ns.name"),
    ]

    @Option(name: .long, help: "Replay a recorded event stream (a file, or - for standard input).")
    var replay: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A rules file or a directory of *.yaml/*.yml rules files. Repeatable, in order.",
            discussion: "@default names the built-in ruleset (the default when no rules are given)."
        )
    )
    var rules: [String] = []

    @Option(name: .long, help: "Live: stop after this long (e.g. 30s, 5m; default: until SIGTERM or SIGINT).")
    var duration: String?

    @Option(name: .long, help: "Live: also write every event to FILE in the recording format (for --replay).")
    var record: String?

    @Flag(name: .long, help: "Live: do not ask the Docker Engine for container names, images and labels.")
    var noDocker = false

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Live: do not trace syscalls the kernel has no trace event for through the raw sys_exit tracepoint.",
            discussion: """
                On a kernel built without module support, init_module, finit_module and delete_module have no \
                trace event (every attempt fails with ENOSYS, but an attempt is still a signal). By default the \
                rules that need them are served through the raw sys_exit tracepoint, which runs a program on every \
                system call of every task (about 15 % slower system-call-heavy work); this flag gives that up and \
                lists the syscalls as not traced.
                """
        )
    )
    var noRawSyscallFallback = false

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "Where alerts go; repeatable, all at once (default: stdout).",
            discussion: "stdout | file=PATH | syslog+udp|tcp|tls://HOST:PORT | webhook=URL | program=CMD, "
                + "options after ';' (docs/watch.md)",
            valueName: "spec"
        )
    )
    var outputs: [String] = []

    @Flag(name: .long, help: "Write alerts as Falco's JSON lines instead of text lines.")
    var jsonOutput = false

    @Option(name: .long, help: "Load only rules at or above this priority (emergency … debug; default debug).")
    var minPriority: String?

    @Option(name: .customLong("rule"), help: "Enable a rule by name, even if its file disables it. Repeatable.")
    var enabledRules: [String] = []

    @Option(name: .customLong("disable-rule"), help: "Disable a rule by name. Repeatable.")
    var disabledRules: [String] = []

    @Option(name: .customLong("enable-tag"), help: "Enable the rules carrying this tag. Repeatable.")
    var enabledTags: [String] = []

    @Option(name: .customLong("disable-tag"), help: "Disable the rules carrying this tag. Repeatable.")
    var disabledTags: [String] = []

    @Option(name: .long, help: "Exit 1 when an alert is at or above this priority, or none (default: none).")
    var failOn: String?

    @Option(
        name: .long,
        help: "all: every rule whose condition holds alerts (default); first: only the first in file order, as Falco."
    )
    var ruleMatching: String?

    @Option(name: .long, help: "Largest rules file read, in MiB (default 64).")
    var maxRulesSize: Int?

    @Option(
        name: .long,
        help: "Fold alerts of the same rule, process and container within this window (default 10s; 0 off)."
    )
    var dedupWindow: String?

    @Option(name: .long, help: "Per-rule token bucket RATE[/s|/m|/h][:BURST], or off (default 100/s:1000).")
    var rateLimit: String?

    @Option(name: .long, help: "Alerts queued per output before new ones are dropped (default 10000).")
    var queueSize: Int?

    @Option(name: .long, help: "How long to wait at the end for the outputs to deliver (default 10s).")
    var flushTimeout: String?

    @Option(name: .long, help: "Default CA file for TLS outputs (PEM).")
    var tlsCa: String?

    @Option(name: .long, help: "Default client certificate for TLS outputs (PEM).")
    var tlsCert: String?

    @Option(name: .long, help: "Default client key for TLS outputs (PEM).")
    var tlsKey: String?

    @Flag(name: .long, help: "Do not verify the server certificate of TLS outputs.")
    var tlsInsecure = false

    @Flag(name: .long, help: "Print one JSON line of run statistics to standard error at the end.")
    var stats = false

    @Flag(name: .long, help: "Do not append the container and pod fields to every output.")
    var noAppendOutput = false

    @Option(name: .long, help: "The hostname written in alerts (default: this host's).")
    var hostname: String?

    @Option(name: .long, help: "Largest recording read, in MiB (default: no limit; it is streamed).")
    var maxFileSize: Int?

    @Option(name: .long, help: "Longest recording line (default 1MiB); longer lines are reported and skipped.")
    var maxLineSize: String?

    @Option(name: .long, help: "Configuration file (default: nearest .bulkhead.yaml).")
    var config: String?

    @Flag(name: .long, help: "Ignore configuration files.")
    var noConfig = false

    public init() {}

    public func validate() throws {
        if let maxFileSize, maxFileSize < 1 { throw ValidationError("--max-file-size must be at least 1") }
    }

    public func run() throws {
        let status = execute(io: .process)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command against `io`; returns the exit code.
    public func execute(io: CommandIO) -> Int32 {
        do {
            if let replay { return try replayRecording(replay, io: io) }
            return try watchLive(io: io)
        } catch let error as KernelSensorError {
            io.writeErr("bulkhead watch: the kernel sensor cannot run here: \(error.message)\n")
            return ExitStatus.unsupportedEnvironment.rawValue
        } catch let error as ValidationError {
            io.writeErr("bulkhead watch: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch {
            io.writeErr("bulkhead watch: \(error)\n")
            return ExitStatus.usageOrInput.rawValue
        }
    }

    func loadConfiguration(io: CommandIO) throws -> ConfigurationFile? {
        if noConfig { return nil }
        let explicit = config.map {
            $0.hasPrefix("/") ? $0 : (io.currentDirectory as NSString).appendingPathComponent($0)
        }
        return try ConfigurationLoader().load(explicit: explicit, startDirectory: io.currentDirectory)
    }

    private func replayRecording(_ replay: String, io: CommandIO) throws -> Int32 {
        let settings = try WatchSettings(command: self, configuration: try loadConfiguration(io: io), io: io)
        let started = WatchStatistics.now()
        let host = hostname ?? io.environment["HOSTNAME"] ?? ProcessInfo.processInfo.hostName
        let rules = try loadRules(settings, hostname: host, io: io, reporting: true).get()

        var limits = EventRecordingReader.Limits()
        limits.maximumLineBytes = settings.maximumLineBytes
        var stream = try RecordingStream(
            path: replay,
            io: io,
            limits: limits,
            maximumBytes: maxFileSize.map { $0 * 1_048_576 }
        )
        defer { stream.close() }

        let outputs = try openOutputs(settings, hostname: host, io: io)
        var replayLoop = WatchReplay(
            engine: rules.engine,
            builder: rules.builder,
            outputs: outputs,
            suppressor: AlertSuppressor(window: settings.dedupWindow, rateLimit: settings.rateLimit),
            failOn: settings.failOn
        )
        var events: [RuntimeEvent] = []
        events.reserveCapacity(4_096)
        var streamError: (any Error)?
        var printedDiagnostics = 0
        var more = true
        while more {
            let decodeStart = WatchStatistics.now()
            do {
                more = try stream.next(into: &events)
            } catch {
                // Evaluate what was decoded before the failure, then stop.
                streamError = error
                more = false
            }
            replayLoop.addDecodeTime(WatchStatistics.now() - decodeStart)
            // Bad lines are reported as they are met (the reader keeps the first 100).
            let diagnostics = stream.reader.diagnostics
            while printedDiagnostics < diagnostics.count {
                io.writeErr("\(diagnostics[printedDiagnostics])\n")
                printedDiagnostics += 1
            }
            replayLoop.process(events)
            events.removeAll(keepingCapacity: true)
        }
        let (deliveries, errors) = replayLoop.finish(flushTimeout: settings.flushTimeout)

        let reader = stream.reader
        if reader.skippedLines > reader.diagnostics.count {
            io.writeErr(
                "bulkhead watch: \(reader.skippedLines - reader.diagnostics.count) more bad lines not shown\n"
            )
        }
        io.writeErr(replayLoop.summary(skippedLines: reader.skippedLines, deliveries: deliveries, errors: errors))
        if stats {
            io.writeErr(
                replayLoop.statistics.jsonLine(
                    deliveries: deliveries,
                    wallNanoseconds: WatchStatistics.now() - started
                ) + "\n"
            )
        }
        if let streamError { throw streamError }
        return replayLoop.failing ? ExitStatus.findings.rawValue : ExitStatus.success.rawValue
    }

    /// Loads the rules named by `settings` and compiles them, with the alert templates. With `reporting`,
    /// load warnings go to standard error (a SIGHUP reload reports only failures).
    func loadRules(
        _ settings: WatchSettings,
        hostname: String,
        io: CommandIO,
        reporting: Bool
    ) -> Result<LoadedWatchRules, ValidationError> {
        let loaded = RulesFileLoading(maximumSize: settings.maximumRulesBytes).load(settings.rules, io: io)
        for error in loaded.errors { io.writeErr("bulkhead watch: \(error.message)\n") }
        for diagnostic in loaded.ruleSet.errors { io.writeErr("\(diagnostic)\n") }
        guard loaded.errors.isEmpty, loaded.ruleSet.isValid else {
            return .failure(ValidationError("the rules have errors (see `bulkhead rules validate`)"))
        }
        let options: RuleEngineOptions
        do throws(ValidationError) {
            options = try engineOptions(loaded.ruleSet, settings: settings)
        } catch {
            return .failure(error)
        }
        let engine = RuleEngine(ruleSet: RulesFileLoading.loadable(loaded.ruleSet), options: options)
        if reporting {
            for failure in engine.report.failures { io.writeErr("bulkhead watch: warning: \(failure)\n") }
        }
        var builder = AlertBuilder(hostname: hostname)
        for compiled in engine.rules {
            builder.prepare(compiled.rule, template: template(for: compiled.rule, io: io))
        }
        return .success(LoadedWatchRules(engine: engine, builder: builder, ruleSet: loaded.ruleSet))
    }

    /// Opens every output of `settings`; closes the ones already open when one fails.
    func openOutputs(_ settings: WatchSettings, hostname: String, io: CommandIO) throws -> WatchOutputs {
        let factory = WatchChannelFactory(
            io: io,
            hostname: hostname,
            tlsDefaults: WatchTLSOptions(
                caFile: tlsCa,
                certificateFile: tlsCert,
                privateKeyFile: tlsKey,
                serverName: nil,
                verifyPeer: !tlsInsecure
            ),
            defaultFormat: settings.jsonOutput ? .json : .text
        )
        var channels: [WatchChannelFactory.Output] = []
        do {
            for output in settings.outputs {
                channels.append(try factory.make(output.spec, baseDirectory: output.baseDirectory))
            }
        } catch {
            for opened in channels { opened.channel.close() }
            throw error
        }
        return WatchOutputs(channels, queueSize: settings.queueSize)
    }

    private func engineOptions(
        _ ruleSet: RuleSet,
        settings: WatchSettings
    ) throws(ValidationError) -> RuleEngineOptions {
        let names = Set(ruleSet.rules.map(\.name))
        for name in (settings.enabledRules.union(settings.disabledRules)).sorted() where !names.contains(name) {
            throw ValidationError("no rule named '\(name)' in the rules files")
        }
        return RuleEngineOptions(
            minimumPriority: settings.minimumPriority,
            enabledRules: settings.enabledRules,
            disabledRules: settings.disabledRules,
            enabledTags: settings.enabledTags,
            disabledTags: settings.disabledTags,
            matching: settings.ruleMatching
        )
    }

    /// The rule's output with the suggested container fields it does not already show appended.
    private func template(for rule: FalcoRule, io: CommandIO) -> OutputTemplate? {
        let base: OutputTemplate
        do throws(OutputTemplateError) {
            base = try OutputTemplate(rule.output)
        } catch {
            io.writeErr("bulkhead watch: warning: rule '\(rule.name)' (\(rule.origin)): output: \(error)\n")
            return nil
        }
        guard !noAppendOutput else { return base }
        let extra = Self.suggestedFields.filter { !base.fieldNames.contains($0.field) }
        guard !extra.isEmpty else { return base }
        let suffix = extra.map { "\($0.key)=%\($0.field)" }.joined(separator: " ")
        return (try? OutputTemplate(rule.output + " " + suffix)) ?? base
    }
}
