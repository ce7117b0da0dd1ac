import Foundation
import TestSupport
import Testing
import ToolCommands

/// `bulkhead watch --replay` end to end, in process: streaming replay, de-duplication, rate limiting,
/// several outputs at once, a receiver that goes away, the configuration file, `--stats`, bad options.
struct WatchPipelineTests {
    static let rules = """
        - rule: Exec
          desc: any program started
          condition: evt.type = execve
          output: "exec %proc.name pid=%proc.pid"
          priority: WARNING
          tags: [test]

        - rule: Shadow read
          desc: /etc/shadow opened
          condition: evt.type in (open, openat) and fd.name = /etc/shadow
          output: "shadow read by %proc.name"
          priority: CRITICAL
          tags: [files]

        """

    /// A recording of `count` execve events, one a millisecond; `samePID` makes them all one process.
    static func execs(_ count: Int, samePID: Bool = false, start: UInt64 = 1_764_403_200_000_000_000) -> String {
        var text = "{\"format\":\"bulkhead-events\",\"version\":1}\n"
        for n in 0..<count {
            let pid = samePID ? 4_000 : 4_000 + n
            text += #"{"num":\#(n + 1),"ts":\#(start + UInt64(n) * 1_000_000),"type":"execve","res":0,"#
            text += #""thread":{"pid":\#(pid),"ppid":1,"comm":"sh","exe":"sh","exepath":"/bin/sh"}}"#
            text += "\n"
        }
        return text
    }

    func run(
        _ arguments: [String],
        in directory: String,
        stdin: String = "",
        environment: [String: String] = [:]
    ) -> (Int32, CapturedOutput) {
        let (io, output) = CommandIO.capturing(
            stdin: Array(stdin.utf8),
            environment: ["HOSTNAME": "test-host"].merging(environment) { $1 },
            currentDirectory: directory
        )
        return (Bulkhead.run(arguments: ["watch", "--no-config"] + arguments, io: io), output)
    }

    func scratch(events: String) throws -> ScratchDirectory {
        let dir = try ScratchDirectory()
        try dir.write("rules.yaml", Self.rules)
        try dir.write("events.jsonl", events)
        return dir
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test func deduplicatesRepeatedAlertsIntoOneAlertAndASummary() throws {
        let dir = try scratch(events: Self.execs(5, samePID: true))
        let (code, output) = run(["--replay", "events.jsonl", "--rules", "rules.yaml"], in: dir.path)
        #expect(code == 0, "\(output.stderr)")
        let lines = Self.lines(output.stdout)
        #expect(lines.count == 2, "\(output.stdout)")
        #expect(lines.first?.contains("Warning exec sh pid=4000") == true)
        #expect(
            lines.last?.hasSuffix("(repeated 5 times from 08:00:00.000000000 to 08:00:00.004000000: 4 not sent)")
                == true
        )
        #expect(output.stderr.contains("5 events, 5 alerts"))
        #expect(output.stderr.contains("5\tExec\t(4 deduplicated)"))
        #expect(
            output.stderr.contains(
                "sent 2 alerts (1 de-duplication summaries); suppressed 4 duplicates, 0 rate limited"
            )
        )

        // JSON: the summary carries the count.
        let (_, json) = run(["--replay", "events.jsonl", "--rules", "rules.yaml", "--json-output"], in: dir.path)
        let jsonLines = Self.lines(json.stdout)
        #expect(jsonLines.count == 2)
        let summary = try JSONSerialization.jsonObject(with: Data((jsonLines.last ?? "").utf8)) as? [String: Any]
        let repeated = summary?["repeated"] as? [String: Any]
        #expect(repeated?["count"] as? Int == 5)
        #expect(repeated?["suppressed"] as? Int == 4)

        // --dedup-window 0 sends all five.
        let (_, off) = run(
            ["--replay", "events.jsonl", "--rules", "rules.yaml", "--dedup-window", "0"],
            in: dir.path
        )
        #expect(Self.lines(off.stdout).count == 5)
        // A window shorter than the spacing of the events (1 ms) folds nothing either.
        let (_, short) = run(
            ["--replay", "events.jsonl", "--rules", "rules.yaml", "--dedup-window", "500us"],
            in: dir.path
        )
        #expect(Self.lines(short.stdout).count == 5)
    }

    @Test func rateLimitsEachRule() throws {
        let dir = try scratch(events: Self.execs(10))
        let (code, output) = run(
            ["--replay", "events.jsonl", "--rules", "rules.yaml", "--rate-limit", "1/s:3"],
            in: dir.path
        )
        #expect(code == 0, "\(output.stderr)")
        #expect(Self.lines(output.stdout).count == 3)
        #expect(output.stderr.contains("10\tExec\t(7 rate limited)"))
        #expect(output.stderr.contains("suppressed 0 duplicates, 7 rate limited"))
    }

    @Test func sendsToAFileASyslogReceiverAndStdoutAtOnce() throws {
        let dir = try scratch(events: Self.execs(20))
        let syslog = try WatchTestReceiver.stream()
        defer { syslog.stop() }
        let (code, output) = run(
            [
                "--replay", "events.jsonl", "--rules", "rules.yaml",
                "--output", "stdout",
                "--output", "file=alerts.json;format=json;max-size=1MiB;keep=2",
                "--output", "syslog+tcp://127.0.0.1:\(syslog.port);facility=local3;app-name=bh-test",
                "--stats",
            ],
            in: dir.path
        )
        #expect(code == 0, "\(output.stderr)")
        #expect(Self.lines(output.stdout).count == 20)
        let file = try String(contentsOfFile: dir.path + "/alerts.json", encoding: .utf8)
        let fileLines = Self.lines(file)
        #expect(fileLines.count == 20)
        let first = try JSONSerialization.jsonObject(with: Data((fileLines.first ?? "").utf8)) as? [String: Any]
        #expect(first?["rule"] as? String == "Exec")
        #expect(first?["hostname"] as? String == "test-host")

        let frames = Self.octetCountedFrames(syslog.wait().bytes)
        #expect(frames.count == 20)
        // local3 (19) × 8 + warning (4) = 156.
        #expect(
            frames.first?.hasPrefix("<156>1 2025-11-29T08:00:00.000000Z test-host bh-test - alert - ") == true,
            "\(frames.first ?? "")"
        )
        #expect(frames.first?.contains("Warning exec sh pid=4000") == true)

        #expect(output.stderr.contains("output stdout: delivered 20, dropped 0, failed 0"))
        #expect(output.stderr.contains("output file=alerts.json: delivered 20, dropped 0, failed 0"))
        #expect(
            output.stderr.contains("output syslog+tcp://127.0.0.1:\(syslog.port): delivered 20, dropped 0, failed 0")
        )
        let stats = try Self.statsLine(output.stderr)
        #expect(stats["events"] as? Int == 20)
        #expect(stats["alerts"] as? Int == 20)
        #expect(stats["dropped"] as? Int == 0)
    }

    @Test func aWebhookThatGoesAwayMidStreamIsCountedAndDetectionGoesOn() throws {
        let dir = try scratch(events: Self.execs(12))
        let hook = try WatchTestReceiver.http(answering: 5)
        defer { hook.stop() }
        let (code, output) = run(
            [
                "--replay", "events.jsonl", "--rules", "rules.yaml", "--fail-on", "warning",
                "--output", "stdout",
                "--output", "webhook=http://127.0.0.1:\(hook.port)/alerts?token=abc;secret-env=HOOK_SECRET;retries=0",
                "--stats",
            ],
            in: dir.path,
            environment: ["HOOK_SECRET": "s3cret"]
        )
        #expect(code == 1, "\(output.stderr)")
        // Every alert reached stdout: the dead receiver never blocked evaluation.
        #expect(Self.lines(output.stdout).count == 12)
        let requests = hook.wait().requests
        #expect(requests.count == 5)
        #expect(requests.first?.hasPrefix("POST /alerts?token=abc HTTP/1.1") == true)
        #expect(requests.first?.contains("X-Bulkhead-Signature: sha256=") == true)
        #expect(requests.first?.contains(#""rule":"Exec""#) == true, "\(requests.first ?? "")")
        #expect(!output.stderr.contains("token=abc"), "the URL's query is not printed")
        #expect(
            output.stderr.contains(
                "output webhook=http://127.0.0.1:\(hook.port)/alerts: delivered 5, dropped 0, failed 7"
            )
        )
        let stats = try Self.statsLine(output.stderr)
        #expect(stats["dropped"] as? Int == 7)
        let channels = stats["channels"] as? [[String: Any]] ?? []
        #expect(channels.map { $0["failed"] as? Int } == [0, 7])
        #expect(channels.map { $0["delivered"] as? Int } == [12, 5])
    }

    @Test func aFullQueueDropsAndCounts() throws {
        let dir = try scratch(events: Self.execs(50))
        // A program that never reads its input until it is closed: with a queue of 1 the rest is dropped
        // or delivered, never blocking; delivered + dropped + failed adds up to the alerts sent.
        let (code, output) = run(
            [
                "--replay", "events.jsonl", "--rules", "rules.yaml", "--queue-size", "1",
                "--output", "program=cat > \(dir.path)/program.out", "--stats",
            ],
            in: dir.path
        )
        #expect(code == 0, "\(output.stderr)")
        let stats = try Self.statsLine(output.stderr)
        let channel = (stats["channels"] as? [[String: Any]])?.first ?? [:]
        let delivered = channel["delivered"] as? Int ?? -1
        let dropped = channel["dropped"] as? Int ?? -1
        #expect(delivered + dropped + (channel["failed"] as? Int ?? 0) == 50)
        #expect(stats["dropped"] as? Int == dropped)
        let written = try String(contentsOfFile: dir.path + "/program.out", encoding: .utf8)
        #expect(Self.lines(written).count == delivered)
    }

    @Test func streamsLargeRecordingsAndReportsBadLines() throws {
        // More than one 1 MiB chunk, lines split across chunk boundaries, a bad line and an oversized one.
        var text = Self.execs(3)
        text += "{\"num\":99,\"type\":\"execve\",\"thread\":{\"pid\":\"x\"}}\n"
        text += "{\"pad\":\"" + String(repeating: "a", count: 3_000) + "\"}\n"
        let filler =
            #"{"num":1000,"ts":1764403300000000000,"type":"openat","res":3,"thread":{"pid":77,"ppid":1,"comm":"cat","exe":"cat","exepath":"/bin/cat"},"fd":{"num":3,"type":"file","name":"/tmp/x"}}"#
        for _ in 0..<12_000 { text += filler + "\n" }
        text +=
            #"{"num":2000,"ts":1764403400000000000,"type":"openat","res":3,"thread":{"pid":78,"ppid":1,"comm":"cat","exe":"cat","exepath":"/bin/cat"},"fd":{"num":3,"type":"file","name":"/etc/shadow"}}"#
        let dir = try scratch(events: text)
        #expect(text.utf8.count > 2 * 1_048_576)
        let (code, output) = run(
            ["--replay", "events.jsonl", "--rules", "rules.yaml", "--max-line-size", "2KiB"],
            in: dir.path
        )
        #expect(code == 0, "\(output.stderr)")
        #expect(output.stderr.contains("events.jsonl:5: thread.pid"), "\(output.stderr)")
        #expect(output.stderr.contains("events.jsonl:6: line is 3010 bytes, longer than the limit of 2048"))
        #expect(output.stderr.contains("12004 events, 4 alerts, 2 skipped lines"))
        #expect(output.stdout.contains("Critical shadow read by cat"))

        // The same through standard input.
        let (stdinCode, stdinOutput) = run(
            ["--replay", "-", "--rules", "rules.yaml", "--max-line-size", "2KiB"],
            in: dir.path,
            stdin: Self.execs(3)
        )
        #expect(stdinCode == 0)
        #expect(stdinOutput.stderr.contains("3 events, 3 alerts, 0 skipped lines"))
    }

    /// The real executable reading a recording of several MiB from standard input, which it streams: the
    /// first chunk through CommandIO, the rest from descriptor 0.
    @Test func theExecutableStreamsALargeStandardInput() throws {
        let binary = try LiveWatchHarness.executable()
        var text = Self.execs(2)
        let filler =
            #"{"num":1000,"ts":1764403300000000000,"type":"openat","res":3,"thread":{"pid":77,"ppid":1,"comm":"cat","exe":"cat","exepath":"/bin/cat"},"fd":{"num":3,"type":"file","name":"/tmp/x"}}"#
        for _ in 0..<20_000 { text += filler + "\n" }
        text +=
            #"{"num":2000,"ts":1764403400000000000,"type":"openat","res":3,"thread":{"pid":78,"ppid":1,"comm":"cat","exe":"cat","exepath":"/bin/cat"},"fd":{"num":3,"type":"file","name":"/etc/shadow"}}"#
        #expect(text.utf8.count > 3 * 1_048_576)
        let dir = try scratch(events: "")
        let result = try runProcessBlocking(
            [binary, "watch", "--no-config", "--replay", "-", "--rules", dir.path + "/rules.yaml", "--stats"],
            stdin: text
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("20003 events, 3 alerts, 0 skipped lines"), "\(result.stderr)")
        #expect(Self.lines(result.stdout).count == 3)
        #expect(result.stdout.contains("Critical shadow read by cat"))
    }

    @Test func statsIsOneJSONLineWithTheDocumentedKeysInOrder() throws {
        let dir = try scratch(events: Self.execs(4))
        let (_, output) = run(["--replay", "events.jsonl", "--rules", "rules.yaml", "--stats"], in: dir.path)
        let line = try #require(output.stderr.split(separator: "\n").last { $0.hasPrefix("{\"stats\":") })
        let keys = [
            "events", "alerts", "dropped", "decodeSeconds", "evaluateSeconds", "outputSeconds", "wallSeconds",
            "evaluatedEventsPerSecond", "peakRSSBytes",
        ]
        var position = line.startIndex
        for key in keys {
            let found = try #require(line[position...].range(of: "\"\(key)\":"), "\(key) in \(line)")
            position = found.upperBound
        }
        let stats = try Self.statsLine(output.stderr)
        #expect(stats["events"] as? Int == 4)
        #expect((stats["peakRSSBytes"] as? Int ?? 0) > 1_000_000)
        #expect((stats["wallSeconds"] as? Double ?? -1) >= (stats["evaluateSeconds"] as? Double ?? 0))
    }

    @Test func theConfigurationFileSetsDefaultsAndOptionsOverrideThem() throws {
        let dir = try scratch(events: Self.execs(4, samePID: true))
        try dir.write(
            ".bulkhead.yaml",
            """
            watch:
              rules: [rules.yaml]
              outputs: ["file=from-config.log"]
              json-output: true
              dedup-window: 0
              min-priority: warning
              disable-tags: [files]

            """
        )
        let (io, output) = CommandIO.capturing(environment: ["HOSTNAME": "h"], currentDirectory: dir.path)
        let code = Bulkhead.run(arguments: ["watch", "--replay", "events.jsonl"], io: io)
        #expect(code == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        let logged = Self.lines(try String(contentsOfFile: dir.path + "/from-config.log", encoding: .utf8))
        #expect(logged.count == 4)
        #expect(logged.first?.hasPrefix("{") == true)

        // Options override the file: another output, and de-duplication back on.
        let (io2, output2) = CommandIO.capturing(environment: ["HOSTNAME": "h"], currentDirectory: dir.path)
        let code2 = Bulkhead.run(
            arguments: ["watch", "--replay", "events.jsonl", "--output", "stdout", "--dedup-window", "1m"],
            io: io2
        )
        #expect(code2 == 0, "\(output2.stderr)")
        let lines = Self.lines(output2.stdout)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("{") == true, "json-output still comes from the file")
        #expect(output2.stderr.contains("3 deduplicated"))

        // A bad value in the file names the file and the key.
        try dir.write(".bulkhead.yaml", "watch:\n  rules: [rules.yaml]\n  dedup-window: soon\n")
        let (io3, output3) = CommandIO.capturing(currentDirectory: dir.path)
        #expect(Bulkhead.run(arguments: ["watch", "--replay", "events.jsonl"], io: io3) == 2)
        #expect(
            output3.stderr.contains(".bulkhead.yaml: watch.dedup-window: value 'soon' is not a duration"),
            "\(output3.stderr)"
        )
        try dir.write(".bulkhead.yaml", "watch:\n  rulez: [rules.yaml]\n")
        let (io4, output4) = CommandIO.capturing(currentDirectory: dir.path)
        #expect(Bulkhead.run(arguments: ["watch", "--replay", "events.jsonl"], io: io4) == 2)
        #expect(output4.stderr.contains("unknown key 'watch.rulez'"), "\(output4.stderr)")
    }

    @Test(arguments: [
        (["--dedup-window", "5x"], "--dedup-window '5x' is not a duration"),
        (["--rate-limit", "fast"], "--rate-limit 'fast' is not a rate limit"),
        (["--queue-size", "0"], "--queue-size must be 1…10000000"),
        (["--output", "bogus://x"], "unknown output 'bogus://x'"),
        (["--output", "webhook=http://h/x;secret=abc"], "never taken from the command line"),
        (["--output", "webhook=ftp://h/x"], "needs an http:// or https:// URL"),
        (["--output", "webhook=http://h/x;secret-env=NOT_SET_ANYWHERE"], "NOT_SET_ANYWHERE is not set"),
        (["--output", "syslog+tcp://127.0.0.1:99999"], "port '99999' is not a number"),
        (["--output", "syslog+udp://127.0.0.1;facility=local9"], "unknown facility 'local9'"),
        (["--output", "file=x.log;max-size=huge"], "max-size 'huge' is not a size"),
        (["--output", "file=x.log;colour=red"], "unknown option 'colour'"),
        (["--output", "file=/nonexistent-dir/x/y.log"], "output 'file=/nonexistent-dir/x/y.log': "),
        (["--max-line-size", "1"], "--max-line-size '1' is not a size"),
        (["--fail-on", "loud"], "unknown --fail-on 'loud'"),
    ])
    func badOptionsExitTwoWithAClearMessage(_ extra: [String], _ message: String) throws {
        let dir = try scratch(events: Self.execs(1))
        let (code, output) = run(["--replay", "events.jsonl", "--rules", "rules.yaml"] + extra, in: dir.path)
        #expect(code == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test func webhookSecretFromAFile() throws {
        let dir = try scratch(events: Self.execs(1))
        try dir.write("hook.secret", "from-file\n")
        let hook = try WatchTestReceiver.http(answering: 1)
        defer { hook.stop() }
        let (code, output) = run(
            [
                "--replay", "events.jsonl", "--rules", "rules.yaml",
                "--output", "webhook=http://127.0.0.1:\(hook.port)/;secret-file=hook.secret",
            ],
            in: dir.path
        )
        #expect(code == 0, "\(output.stderr)")
        let request = hook.wait().requests.first ?? ""
        #expect(request.contains("X-Bulkhead-Signature: sha256="))
    }

    // MARK: helpers

    /// RFC 6587 octet-counted frames: `LEN SP FRAME`.
    static func octetCountedFrames(_ bytes: [UInt8]) -> [String] {
        var frames: [String] = []
        var index = 0
        while index < bytes.count {
            guard let space = bytes[index...].firstIndex(of: 0x20),
                let length = Int(String(decoding: bytes[index..<space], as: UTF8.self)),
                space + 1 + length <= bytes.count
            else { break }
            frames.append(String(decoding: bytes[(space + 1)..<(space + 1 + length)], as: UTF8.self))
            index = space + 1 + length
        }
        return frames
    }

    static func statsLine(_ stderr: String) throws -> [String: Any] {
        let line = try #require(stderr.split(separator: "\n").last { $0.hasPrefix("{\"stats\":") })
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return try #require(object?["stats"] as? [String: Any])
    }
}
