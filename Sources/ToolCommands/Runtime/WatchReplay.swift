import AlertChannels
import AlertFormats
import FalcoRules
import RuleEngine
import RuntimeEvents

/// The evaluation loop of one `watch` run: process table, rules, alerts, de-duplication and rate
/// limiting, outputs — with the counts and timings for the summary and `--stats`.
struct WatchReplay {
    /// The compiled rules; replaced when a live watch reloads its rules (SIGHUP).
    var engine: RuleEngine
    /// Alert construction for `engine`'s rules; replaced with it.
    var builder: AlertBuilder
    let outputs: WatchOutputs
    /// Exit 1 when a match is at or above it.
    let failOn: RulePriority?
    private(set) var suppressor: AlertSuppressor
    private(set) var table = ProcessTable()
    private(set) var statistics = WatchStatistics()
    /// Rule matches per rule name.
    private(set) var alertsPerRule: [String: Int] = [:]
    /// True once a match reached `failOn`.
    private(set) var failing = false

    init(
        engine: RuleEngine,
        builder: AlertBuilder,
        outputs: WatchOutputs,
        suppressor: AlertSuppressor,
        failOn: RulePriority?
    ) {
        self.engine = engine
        self.builder = builder
        self.outputs = outputs
        self.suppressor = suppressor
        self.failOn = failOn
    }

    /// Seeds the process table with processes that existed before the first event (a live watch's /proc scan).
    mutating func seedProcesses(_ records: [ProcessRecord]) { table.seed(records) }

    /// Adds the time spent reading and decoding a chunk.
    mutating func addDecodeTime(_ nanoseconds: UInt64) { statistics.decodeNanoseconds += nanoseconds }

    /// Evaluates `events` in order. Evaluation time excludes the time spent on alerts (output time).
    mutating func process(_ events: [RuntimeEvent]) {
        let start = WatchStatistics.now()
        var outputTime: UInt64 = 0
        // Each event is lent to the evaluation as a bitwise alias instead of a copy: `for event in events` copies
        // it, retaining and releasing its two dozen strings and arrays (about a tenth of the evaluation time). The
        // alias's bytes are copied into a one-event slot, moved out as an owned value for the evaluation, and moved
        // back into the slot, which is then dropped without being deinitialized: no reference count changes, and
        // the chunk (shared with the caller) is only read. What the evaluation keeps (alerts) it copies itself.
        events.withUnsafeBufferPointer { buffer in
            guard let source = buffer.baseAddress else { return }
            withUnsafeTemporaryAllocation(of: RuntimeEvent.self, capacity: 1) { slot in
                guard let alias = slot.baseAddress else { return }
                for index in 0..<buffer.count {
                    UnsafeMutableRawPointer(alias).copyMemory(
                        from: source + index,
                        byteCount: MemoryLayout<RuntimeEvent>.size
                    )
                    let event = alias.move()
                    evaluate(event, outputTime: &outputTime)
                    alias.initialize(to: event)
                }
            }
        }
        statistics.evaluateNanoseconds += WatchStatistics.now() - start - outputTime
        statistics.outputNanoseconds += outputTime
        statistics.events += events.count
    }

    /// Applies one event to the table, evaluates the rules on it and handles the matches, adding the time spent
    /// on alerts to `outputTime`.
    @inline(__always)
    private mutating func evaluate(_ event: RuntimeEvent, outputTime: inout UInt64) {
        table.apply(event)
        let matches = engine.evaluate(event, table: table)
        if suppressor.window > 0 {
            let due = suppressor.advance(to: event.timestamp)
            if !due.isEmpty { send(due) }
        }
        guard !matches.isEmpty else { return }
        let outputStart = WatchStatistics.now()
        for match in matches { handle(match, event: event) }
        outputTime += WatchStatistics.now() - outputStart
    }

    /// Sends the summaries of the windows still open, then closes the outputs, waiting up to
    /// `flushTimeout` seconds; returns the per-output counts and last errors.
    mutating func finish(flushTimeout: Double) -> (deliveries: [WatchStatistics.Delivery], errors: [String: String]) {
        let start = WatchStatistics.now()
        send(suppressor.finish())
        let result = outputs.close(timeout: flushTimeout)
        statistics.outputNanoseconds += WatchStatistics.now() - start
        return result
    }

    /// The summary printed on standard error at the end.
    func summary(
        skippedLines: Int,
        deliveries: [WatchStatistics.Delivery],
        errors: [String: String]
    ) -> String {
        var text =
            "bulkhead watch: \(statistics.events) events, \(statistics.alerts) alerts, "
            + "\(skippedLines) skipped lines, \(engine.rules.count) rules loaded\n"
        let ordered = alertsPerRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (rule, count) in ordered {
            var held: [String] = []
            if let n = suppressor.deduplicatedPerRule[rule] { held.append("\(n) deduplicated") }
            if let n = suppressor.rateLimitedPerRule[rule] { held.append("\(n) rate limited") }
            text += "  \(count)\t\(rule)" + (held.isEmpty ? "" : "\t(\(held.joined(separator: ", ")))") + "\n"
        }
        let counts = suppressor.counts
        text +=
            "  sent \(statistics.sent) alerts (\(counts.summaries) de-duplication summaries); suppressed "
            + "\(counts.deduplicated) duplicates, \(counts.rateLimited) rate limited\n"
        for delivery in deliveries {
            let s = delivery.statistics
            text +=
                "  output \(delivery.label): delivered \(s.delivered), dropped \(s.dropped + s.discarded), "
                + "failed \(s.failed)"
            if let error = errors[delivery.label] { text += " (last error: \(error))" }
            text += "\n"
        }
        return text
    }

    private mutating func handle(_ match: RuleMatch, event: RuntimeEvent) {
        statistics.alerts += 1
        alertsPerRule[match.rule.name, default: 0] += 1
        if let failOn, match.rule.priority <= failOn { failing = true }
        let alert = builder.alert(for: match, event: event, table: table)
        let key = DeduplicationKey(rule: match.rule.name, pid: event.thread.pid, containerID: event.container.id)
        if let admitted = suppressor.admit(alert, key: key) { send([admitted]) }
    }

    private mutating func send(_ alerts: [Alert]) {
        for alert in alerts { outputs.send(alert) }
        statistics.sent += alerts.count
    }
}
