import Foundation
import SecurityModel
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Whether the robustness tests run: `BULKHEAD_INTEGRATION=1`, or root with BTF and a Docker socket.
private let liveWatchRobustnessEnabled =
    Corpus.integrationRequired
    || (geteuid() == 0 && FileManager.default.fileExists(atPath: "/sys/kernel/btf/vmlinux")
        && FileManager.default.fileExists(atPath: "/var/run/docker.sock"))

/// Issue 7's robustness requirements for the live `bulkhead watch` (the real executable): many short-lived
/// containers, a Docker daemon restart, an output receiver going away, monitored workloads that must behave
/// exactly as without the sensor, SIGHUP reloads, `--record`/`--replay`, and running without root.
///
/// Runs when `BULKHEAD_INTEGRATION=1` (a missing prerequisite then fails) or as root with BTF and Docker.
/// Images, containers and the private Docker daemon's files are named `bulkhead-test-d-…` and removed.
@Suite(
    .serialized,
    .enabled(
        if: liveWatchRobustnessEnabled,
        "needs BULKHEAD_INTEGRATION=1, or root with /sys/kernel/btf/vmlinux and a running dockerd"
    )
)
struct LiveWatchRobustnessTests {

    static let sensitiveFileRead = "Sensitive file read by untrusted program"
    static let containerShadowRead = "D shadow read in container"

    // MARK: a. many short-lived containers

    @Test func aHundredShortLivedContainersAreEachAttributedToTheirContainer() throws {
        let scratch = try RobustnessScratch()
        defer { scratch.remove() }
        let image = try scratch.importBusyboxImage(docker: ["docker"])
        let watch = try LiveWatchHarness(arguments: ["--rules", try scratch.writeContainerShadowRules()])
        defer { watch.stop() }

        let started = ContinuousClock.now
        var runs: [(name: String, shortID: String)] = []
        for index in 0..<100 {
            let name = "bulkhead-test-d-loop-\(scratch.suffix)-\(index)"
            let cidFile = scratch.directory + "/cid-\(index)"
            let run = try runProcessBlocking([
                "docker", "run", "--rm", "--network", "none", "--name", name, "--cidfile", cidFile, image, "cat",
                "/etc/shadow",
            ])
            try #require(run.status == 0, "docker run \(index): \(run.stderr)")
            let id = try String(contentsOfFile: cidFile, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines
            )
            try #require(id.utf8.count == 64, "cidfile \(index): '\(id)'")
            runs.append((name, String(id.prefix(12))))
            try #require(watch.process.isRunning, "watch exited during the loop: \(watch.errors)")
        }
        let loop = ContinuousClock.now - started
        var named = 0
        var missing: [String] = []
        for run in runs {
            let found = watch.waitForAlert(Self.containerShadowRead, since: started, timeout: loop + .seconds(30)) {
                $0.containerID == run.shortID
            }
            guard let found else {
                missing.append(run.name)
                continue
            }
            if watch.alerts(since: started).contains(where: {
                $0.containerID == run.shortID && $0.fields["container.name"] == run.name
            }) {
                named += 1
            }
            _ = found
        }
        let status = watch.stop()
        #expect(status == 0, "\(watch.errors)")
        let lost = try #require(RobustnessScratch.lostCount(watch.errors), "no sensor summary: \(watch.errors)")
        print(
            "live robustness: 100 containers in \(loop): \(100 - missing.count) alerted with their id, \(named) "
                + "with their name; the kernel lost \(lost) events"
        )
        // Events the kernel could not queue (reported, never hidden) are the only excuse for a missing alert.
        if lost == 0 {
            #expect(missing.isEmpty, "no alert with the container id for \(missing.count) of 100: \(missing)")
            // Most should; a lookup made while dockerd is still starting the container times out (see the
            // report on ContainerDirectory), so only some carry it today.
            #expect(named > 0, "none of the 100 containers' alerts carries the container name")
        } else {
            #expect(missing.count < 100, "no container alerted at all")
        }
    }

    // MARK: b. Docker daemon restart

    /// Runs against a private Docker daemon (its own socket, data and exec roots) that the test starts,
    /// stops with SIGTERM and starts again, so that the shared daemon other tests use is never touched.
    @Test func aDockerDaemonRestartIsSurvivedAndLaterContainersAreEnriched() throws {
        let scratch = try RobustnessScratch()
        defer { scratch.remove() }
        let daemon = try PrivateDockerDaemon(scratch: scratch)
        defer { daemon.kill() }
        try daemon.start()
        let image = try scratch.importBusyboxImage(docker: daemon.client)
        let watch = try EnvironmentWatch(
            environment: ["DOCKER_HOST": "unix://" + daemon.socket],
            arguments: ["--rules", try scratch.writeContainerShadowRules()],
            scratch: scratch
        )
        defer { watch.stop() }

        let before = try daemon.runLoopingContainer(image, name: "bulkhead-test-d-before-\(scratch.suffix)")
        // The container reads /etc/shadow every 0.2 s: its first alerts may come before dockerd answers
        // for it (see the report on ContainerDirectory), the later ones carry its name.
        let beforeFields = watch.waitForAlert(Self.containerShadowRead, container: before.shortID) {
            $0["container.name"] == before.name
        }
        #expect(beforeFields != nil, "no alert named \(before.name): \(watch.alerts()) \(watch.errors)")

        try daemon.stop()
        #expect(watch.process.isRunning, "watch exited when dockerd stopped: \(watch.errors)")
        try daemon.start()
        #expect(watch.process.isRunning, "watch exited when dockerd restarted: \(watch.errors)")

        let after = try daemon.runLoopingContainer(image, name: "bulkhead-test-d-after-\(scratch.suffix)")
        let afterFields = watch.waitForAlert(Self.containerShadowRead, container: after.shortID) {
            $0["container.name"] == after.name
        }
        #expect(afterFields != nil, "no alert named \(after.name) after the restart: \(watch.alerts()) \(watch.errors)")
        let unnamed = watch.alerts().filter {
            $0.fields["container.id"] == after.shortID && $0.fields["container.name"] != after.name
        }
        print("live robustness: dockerd restart: \(unnamed.count) alerts of the new container without its name")
        _ = try? runProcessBlocking(daemon.client + ["rm", "-f", before.name, after.name])
        #expect(watch.stop() == 0, "\(watch.errors)")
        print(
            "live robustness: dockerd restart: \(watch.errors.split(separator: "\n").last { $0.contains("sensor:") } ?? "")"
        )
    }

    // MARK: c. an output receiver going away

    @Test func aWebhookReceiverKilledMidRunDoesNotStopEvaluationOrTheFileOutput() throws {
        let scratch = try RobustnessScratch()
        defer { scratch.remove() }
        let receiver = try WebhookReceiver(scratch: scratch)
        defer { receiver.kill() }
        let rules = try scratch.writeMarkerRules(name: "rules.yaml", rule: "D marker")
        let hook = "http://127.0.0.1:\(receiver.port)/hook"
        let watch = try LiveWatchHarness(arguments: [
            "--rules", rules, "--output", "webhook=\(hook);retries=1;backoff=50ms;timeout=2s", "--flush-timeout", "5s",
        ])
        defer { watch.stop() }

        var early = 0
        while receiver.posts < 5, early < 200 {
            try scratch.touchMarker("early-\(early)")
            early += 1
            _ = receiver.waitForPosts(receiver.posts + 1, timeout: .milliseconds(500))
        }
        try #require(receiver.waitForPosts(5, timeout: .seconds(30)) >= 5, "the receiver got too few alerts")
        receiver.kill()

        let started = ContinuousClock.now
        for index in 0..<20 { try scratch.touchMarker("late-\(index)") }
        let expected = Set((0..<20).map { "late-\($0)" })
        let seen = scratch.waitForMarkers(expected, in: watch, rule: "D marker", since: started)
        #expect(watch.process.isRunning, "\(watch.errors)")
        #expect(watch.stop() == 0, "\(watch.errors)")
        let lost = try #require(RobustnessScratch.lostCount(watch.errors), "no sensor summary: \(watch.errors)")
        if lost == 0 { #expect(seen == expected, "the file output lacks \(expected.subtracting(seen).sorted())") }
        #expect(!seen.isEmpty, "no alert after the receiver went away: \(watch.errors)")

        // Every alert sent reached the file; the webhook delivered the early ones and failed afterwards.
        let lines = watch.errors.split(separator: "\n")
        let sentLine = try #require(lines.first { $0.contains(" sent ") && $0.contains(" alerts") }, "\(watch.errors)")
        let sent = try #require(Int(sentLine.split(separator: " ").drop { $0 != "sent" }.dropFirst().first ?? ""))
        let line = lines.first { $0.contains("output webhook=\(hook)") }
        let counts = try #require(line.flatMap(RobustnessScratch.deliveryCounts), "\(watch.errors)")
        print("live robustness: webhook killed: sent \(sent); \(line ?? ""); lost \(lost)")
        #expect(counts.delivered >= 5, "\(line ?? "")")
        #expect(counts.failed > 0, "\(line ?? "")")
        #expect(counts.delivered + counts.dropped + counts.failed == sent, "\(line ?? "")")
        let fileLine = lines.first { $0.contains("output file=") }
        #expect(fileLine.flatMap(RobustnessScratch.deliveryCounts)?.delivered == sent, "\(watch.errors)")
        #expect(watch.alerts.count == sent, "the file holds \(watch.alerts.count) of \(sent) alerts")
    }

    // MARK: d. monitored processes behave as without the sensor

    @Test func workloadsUnderWatchBehaveExactlyAsWithoutTheSensor() throws {
        let archive = try #require(
            Corpus.path("images/alpine-minirootfs/alpine-minirootfs-3.11.13-x86_64.tar.gz"),
            "corpus archive missing"
        )
        let scratch = try RobustnessScratch()
        defer { scratch.remove() }
        let files = scratch.directory + "/files"
        let made = try runProcessBlocking([
            "/bin/sh", "-c",
            "mkdir -p '\(files)' && cd '\(files)' && i=0; while [ $i -lt 10000 ]; do echo \"file $i\" > f$i; "
                + "i=$((i+1)); done",
        ])
        try #require(made.status == 0, "\(made.stderr)")
        // 1 000 fork+exec of /bin/true, a tar extraction, and 10 000 open/read/close (cat of every file).
        func workload(_ extractTo: String) throws -> [ProcessOutput] {
            try [
                runProcessBlocking([
                    "/bin/sh", "-c",
                    "i=0; while [ $i -lt 1000 ]; do /bin/true || exit 9; i=$((i+1)); done; echo \"ran $i\"",
                ]),
                runProcessBlocking([
                    "/bin/sh", "-c", "mkdir -p '\(extractTo)' && tar -xzf '\(archive)' -C '\(extractTo)'",
                ]),
                runProcessBlocking([
                    "/bin/sh", "-c", "cd '\(files)' && ls | sort -V | xargs cat | sha256sum && ls | wc -l",
                ]),
                runProcessBlocking(["/bin/sh", "-c", "cat /etc/shadow > /dev/null; echo $?"]),
            ]
        }
        let baseline = try workload(scratch.directory + "/before")
        for result in baseline { try #require(result.status == 0, "baseline: \(result)") }

        let watch = try LiveWatchHarness(arguments: [])
        defer { watch.stop() }
        let watched = try workload(scratch.directory + "/after")
        #expect(watch.process.isRunning, "\(watch.errors)")
        for (index, (expected, actual)) in zip(baseline, watched).enumerated() {
            #expect(actual.status == expected.status, "step \(index): \(actual)")
            #expect(actual.stdout == expected.stdout, "step \(index)")
            #expect(actual.stderr == expected.stderr, "step \(index)")
        }
        let compared = try runProcessBlocking([
            "diff", "-r", "--no-dereference", scratch.directory + "/before", scratch.directory + "/after",
        ])
        #expect(compared.status == 0, "the extractions differ: \(compared.stdout.prefix(2_000)) \(compared.stderr)")
        let listing = try runProcessBlocking([
            "/bin/sh", "-c",
            "cd '\(scratch.directory)/before' && find . -printf '%p %y %m %s %l\\n' | sort > ../before.list && "
                + "cd '\(scratch.directory)/after' && find . -printf '%p %y %m %s %l\\n' | sort > ../after.list && "
                + "cmp ../before.list ../after.list && wc -l < ../after.list",
        ])
        #expect(listing.status == 0, "the trees differ: \(listing)")
        #expect((Int(listing.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 400, "\(listing)")
        #expect(watch.stop() == 0, "\(watch.errors)")
        let lost = try #require(RobustnessScratch.lostCount(watch.errors), "no sensor summary: \(watch.errors)")
        if lost != 0 { print("live robustness: workload: the kernel lost \(lost) events") }
    }

    // MARK: e. SIGHUP

    @Test func sighupSwapsTheRulesAndKeepsThePreviousOnesWhenTheNewAreBroken() throws {
        let scratch = try RobustnessScratch()
        defer { scratch.remove() }
        let rules = try scratch.writeMarkerRules(name: "rules.yaml", rule: "D rule A")
        let watch = try LiveWatchHarness(arguments: ["--rules", rules])
        defer { watch.stop() }

        #expect(try scratch.touchUntilAlert("a", rule: "D rule A", in: watch) != nil, "\(watch.errors)")

        _ = try scratch.writeMarkerRules(name: "rules.yaml", rule: "D rule B")
        try watch.hangUp(waitingFor: "SIGHUP: rules reloaded", occurrence: 1)
        let reloaded = ContinuousClock.now
        #expect(try scratch.touchUntilAlert("b", rule: "D rule B", in: watch) != nil, "no rule B: \(watch.errors)")
        #expect(!watch.alerts(since: reloaded).contains { $0.rule == "D rule A" }, "rule A still fires")

        try "- rule: D broken\n  condition: evt.type = = (\n  output: x\n".write(
            toFile: rules,
            atomically: true,
            encoding: .utf8
        )
        try watch.hangUp(waitingFor: "SIGHUP: rules not reloaded", occurrence: 1)
        #expect(watch.errors.contains(rules), "the error does not name the file: \(watch.errors)")
        let kept = try scratch.touchUntilAlert("c", rule: "D rule B", in: watch)
        #expect(kept != nil, "the previous rules stopped firing: \(watch.errors)")
        #expect(!watch.alerts(since: reloaded).contains { $0.rule != "D rule B" }, "\(watch.alerts(since: reloaded))")
        #expect(watch.stop() == 0, "\(watch.errors)")
        #expect(watch.errors.contains("rules reloaded 1 times (1 failed)"), "\(watch.errors)")
    }

    // MARK: f. --record then --replay

    @Test func aRecordingReplaysToTheSameAlerts() throws {
        let scratch = try RobustnessScratch()
        defer { scratch.remove() }
        let rules = try scratch.writeMarkerRules(name: "rules.yaml", rule: "D marker")
        let recording = scratch.directory + "/live.jsonl"
        let watch = try LiveWatchHarness(arguments: ["--rules", "@default", "--rules", rules, "--record", recording])
        defer { watch.stop() }
        for index in 0..<10 { try scratch.touchMarker("r\(index)") }
        #expect(try scratch.touchUntilAlert("s", rule: "D marker", in: watch) != nil, "\(watch.errors)")
        let shadow = try scratch.repeatUntilAlert(Self.sensitiveFileRead, in: watch) { _ in
            _ = try runProcessBlocking(["/bin/sh", "-c", "cat /etc/shadow >/dev/null"])
        }
        #expect(shadow != nil, "\(watch.errors)")
        #expect(watch.stop() == 0, "\(watch.errors)")
        #expect(watch.errors.contains("recorded "), "\(watch.errors)")
        let live = watch.alerts.map { "\($0.rule) pid=\($0.fields["proc.pid"] ?? "?")" }.sorted()

        let replayed = scratch.directory + "/replayed.jsonl"
        let replay = try runProcessBlocking([
            try LiveWatchHarness.executable(), "watch", "--no-config", "--replay", recording, "--rules", "@default",
            "--rules", rules, "--json-output", "--output", "file=\(replayed)", "--dedup-window", "0",
            "--rate-limit", "off",
        ])
        #expect(replay.status == 0, "\(replay.stderr)")
        let lines = try String(contentsOfFile: replayed, encoding: .utf8).split(separator: "\n")
        let again = lines.compactMap { line -> String? in
            guard let value = try? JSONParser.parse(String(line)), let rule = value["rule"]?.stringValue else {
                return nil
            }
            let pid = value["output_fields"]?["proc.pid"].map { $0.stringValue ?? $0.serialized(pretty: false) }
            return "\(rule) pid=\(pid ?? "?")"
        }.sorted()
        print("live robustness: record/replay: \(live.count) live alerts, \(again.count) replayed")
        #expect(live.count >= 2)
        #expect(live == again, "live: \(live.count) alerts, replay: \(again.count)")
        if live != again {
            let liveSet = Set(live)
            let replaySet = Set(again)
            print("only live: \(liveSet.subtracting(replaySet).sorted().prefix(20))")
            print("only replay: \(replaySet.subtracting(liveSet).sorted().prefix(20))")
        }
    }

    // MARK: g. not root, --duration

    @Test func withoutRootItExitsFourNamingRootAndDurationStopsOnItsOwn() throws {
        let executable = try LiveWatchHarness.executable()
        let unprivileged = try runProcessBlocking([
            "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", executable, "watch", "--no-config",
            "--duration", "2s",
        ])
        #expect(unprivileged.status == 4, "\(unprivileged)")
        #expect(unprivileged.stderr.contains("root"), "\(unprivileged.stderr)")

        let scratch = try RobustnessScratch()
        defer { scratch.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["watch", "--no-config", "--duration", "2s", "--output", "file=\(scratch.directory)/a"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }
        let started = ContinuousClock.now
        while process.isRunning, ContinuousClock.now - started < .seconds(120) { usleep(50_000) }
        try #require(!process.isRunning, "--duration 2s still running after 120 s")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}

extension LiveWatchHarness {
    /// Sends SIGHUP and waits (up to 60 s) until standard error holds `message` `occurrence` times.
    fileprivate func hangUp(waitingFor message: String, occurrence: Int) throws {
        let before = errors.components(separatedBy: message).count - 1
        kill(process.processIdentifier, SIGHUP)
        let started = ContinuousClock.now
        while errors.components(separatedBy: message).count - 1 < before + occurrence {
            guard process.isRunning, ContinuousClock.now - started < .seconds(60) else {
                throw ProcessLaunchError(message: "no '\(message)' after SIGHUP: \(errors)")
            }
            usleep(20_000)
        }
    }
}

/// A private scratch directory (`/tmp/bulkhead-test-d-…`), the marker files whose opening the test rules
/// report, a busybox image, and the parsing of watch's summary; ``remove()`` deletes what it made.
final class RobustnessScratch {
    let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let directory: String
    var markers: String { directory + "/markers" }
    private var images: [(docker: [String], name: String)] = []

    init() throws {
        directory = "/tmp/bulkhead-test-d-\(suffix)"
        try FileManager.default.createDirectory(atPath: directory + "/markers", withIntermediateDirectories: true)
    }

    /// Writes (over any previous one) a rules file whose one rule, `rule`, fires when a marker is opened.
    func writeMarkerRules(name: String, rule: String) throws -> String {
        let path = directory + "/" + name
        let text = """
            - rule: \(rule)
              desc: a marker file of the robustness tests was opened
              condition: evt.type in (open, openat, openat2, creat) and fd.name startswith "\(markers)/"
              output: "marker %fd.name pid=%proc.pid"
              priority: WARNING
              tags: [test]

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes a rules file whose one rule, ``LiveWatchRobustnessTests/containerShadowRead``, fires when a
    /// container process opens /etc/shadow (few event types, so that the kernel's pre-filter keeps the volume
    /// low on a busy machine).
    func writeContainerShadowRules() throws -> String {
        let path = directory + "/container-shadow.yaml"
        let text = """
            - rule: \(LiveWatchRobustnessTests.containerShadowRead)
              desc: a container process opened /etc/shadow
              condition: evt.type in (open, openat, openat2) and fd.name = /etc/shadow and container.id != host
              output: "shadow read in %container.id name=%container.name image=%container.image.repository"
              priority: WARNING
              tags: [test]

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Creates (opens for writing) marker `name` from a child process.
    func touchMarker(_ name: String) throws {
        let result = try runProcessBlocking(["/bin/sh", "-c", "echo x > '\(markers)/\(name)'"])
        guard result.status == 0 else { throw ProcessLaunchError(message: "marker \(name): \(result.stderr)") }
    }

    /// Repeats `action` (every half second, up to 120 times: the kernel may drop events on a busy machine)
    /// until an alert of `rule` satisfying `matching` arrives; returns it, or nil.
    func repeatUntilAlert(
        _ rule: String,
        in watch: LiveWatchHarness,
        matching: (LiveWatchHarness.Alert) -> Bool = { _ in true },
        action: (Int) throws -> Void
    ) rethrows -> LiveWatchHarness.Alert? {
        for attempt in 0..<120 {
            let started = ContinuousClock.now
            try action(attempt)
            if let (alert, _) = watch.waitForAlert(
                rule,
                since: started,
                timeout: .milliseconds(500),
                matching: matching
            ) {
                return alert
            }
        }
        return nil
    }

    /// Like ``repeatUntilAlert(_:in:matching:action:)``, touching markers `<prefix>-<attempt>`; the alert must
    /// name one of them.
    func touchUntilAlert(_ prefix: String, rule: String, in watch: LiveWatchHarness) throws -> LiveWatchHarness.Alert? {
        try repeatUntilAlert(
            rule,
            in: watch,
            matching: { $0.fields["fd.name"]?.hasPrefix("\(markers)/\(prefix)-") == true }
        ) {
            try touchMarker("\(prefix)-\($0)")
        }
    }

    /// The markers of `expected` that alerts of `rule` named, after waiting (up to 60 s) for all of them.
    func waitForMarkers(
        _ expected: Set<String>,
        in watch: LiveWatchHarness,
        rule: String,
        since: ContinuousClock.Instant
    ) -> Set<String> {
        let started = ContinuousClock.now
        var seen: Set<String> = []
        while true {
            for alert in watch.alerts(since: since) where alert.rule == rule {
                if let path = alert.fields["fd.name"], path.hasPrefix(markers + "/") {
                    seen.insert(String(path.dropFirst(markers.count + 1)))
                }
            }
            if expected.isSubset(of: seen) || ContinuousClock.now - started > .seconds(60) {
                return seen.intersection(expected)
            }
            usleep(20_000)
        }
    }

    /// Imports /bin/busybox (with `cat`, `sh`, `sleep` and an /etc/shadow) as `bulkhead-test-d-robust-…:v1`
    /// through the Docker client `docker` (never pulls); returns the image's name.
    func importBusyboxImage(docker: [String]) throws -> String {
        let name = "bulkhead-test-d-robust-\(suffix):v1"
        let rootfs = directory + "/rootfs-\(images.count)"
        let fm = FileManager.default
        for sub in ["bin", "etc", "tmp"] {
            try fm.createDirectory(atPath: rootfs + "/" + sub, withIntermediateDirectories: true)
        }
        try fm.copyItem(atPath: "/bin/busybox", toPath: rootfs + "/bin/busybox")
        for applet in ["sh", "cat", "sleep", "true"] {
            try fm.createSymbolicLink(atPath: rootfs + "/bin/" + applet, withDestinationPath: "busybox")
        }
        try "root:x:0:0:root:/root:/bin/sh\n".write(toFile: rootfs + "/etc/passwd", atomically: true, encoding: .utf8)
        try "root:!:19000:0:99999:7:::\n".write(toFile: rootfs + "/etc/shadow", atomically: true, encoding: .utf8)
        let client = docker.map { "'\($0)'" }.joined(separator: " ")
        let imported = try runProcessBlocking(["/bin/sh", "-c", "tar -C '\(rootfs)' -c . | \(client) import - \(name)"])
        guard imported.status == 0 else { throw ProcessLaunchError(message: "docker import: \(imported.stderr)") }
        images.append((docker, name))
        return name
    }

    /// Removes the images (and every container of them) and the directory.
    func remove() {
        for (docker, name) in images {
            if let listed = try? runProcessBlocking(docker + ["ps", "-aq", "--filter", "ancestor=\(name)"]),
                listed.status == 0
            {
                let ids = listed.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
                if !ids.isEmpty { _ = try? runProcessBlocking(docker + ["rm", "-f"] + ids) }
            }
            _ = try? runProcessBlocking(docker + ["rmi", "-f", name])
        }
        _ = try? runProcessBlocking(["rm", "-rf", directory])
    }

    /// The total of lost events in watch's sensor summary (`…, N lost (per CPU: …)`), or nil.
    static func lostCount(_ errors: String) -> Int? {
        guard let line = errors.split(separator: "\n").last(where: { $0.contains("bulkhead watch: sensor:") }),
            let range = line.range(of: " lost (")
        else { return nil }
        return Int(line[..<range.lowerBound].split(separator: " ").last ?? "")
    }

    /// `delivered N, dropped N, failed N` of an output's summary line.
    static func deliveryCounts(_ line: Substring) -> (delivered: Int, dropped: Int, failed: Int)? {
        func number(after label: String) -> Int? {
            guard let range = line.range(of: label + " ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        guard let delivered = number(after: "delivered"), let dropped = number(after: "dropped"),
            let failed = number(after: "failed")
        else { return nil }
        return (delivered, dropped, failed)
    }
}

/// A local HTTP receiver (python3 `http.server` on 127.0.0.1, a free port) answering every POST with 200
/// and counting them in a file; killed with SIGKILL.
final class WebhookReceiver {
    let process = Process()
    let port: Int
    let countPath: String

    init(scratch: RobustnessScratch) throws {
        let script = scratch.directory + "/receiver.py"
        let portPath = scratch.directory + "/receiver.port"
        countPath = scratch.directory + "/receiver.count"
        try """
        import http.server, os, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with open(sys.argv[2], "a") as count:
                    count.write("x\\n")
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
            def log_message(self, *arguments):
                pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        with open(sys.argv[1] + ".tmp", "w") as port:
            port.write(str(server.server_address[1]))
        os.rename(sys.argv[1] + ".tmp", sys.argv[1])
        server.serve_forever()

        """.write(toFile: script, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: countPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, portPath, countPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let started = ContinuousClock.now
        var port: Int?
        while port == nil {
            port = (try? String(contentsOfFile: portPath, encoding: .utf8)).flatMap { Int($0) }
            guard port != nil || (process.isRunning && ContinuousClock.now - started < .seconds(30)) else {
                if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
                throw ProcessLaunchError(message: "the python3 webhook receiver did not start")
            }
            usleep(20_000)
        }
        self.port = port ?? 0
    }

    deinit { kill() }

    /// The POSTs received so far.
    var posts: Int { ((try? String(contentsOfFile: countPath, encoding: .utf8)) ?? "").split(separator: "\n").count }

    /// Waits (up to `timeout`) until `count` POSTs arrived; returns how many did.
    func waitForPosts(_ count: Int, timeout: Duration) -> Int {
        let started = ContinuousClock.now
        while posts < count, ContinuousClock.now - started < timeout { usleep(20_000) }
        return posts
    }

    /// SIGKILL, and waits for the process to be gone.
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A Docker daemon of the test's own (socket, data root, exec root and pid file in a short `/tmp` path, its
/// own bridge interface, no iptables or forwarding changes), so that stopping and restarting it never
/// disturbs the shared daemon. Never `--bridge none`: dockerd then deletes the host's `docker0` interface,
/// which belongs to the shared daemon.
final class PrivateDockerDaemon {
    let root: String
    var socket: String { root + "/docker.sock" }
    var client: [String] { ["docker", "-H", "unix://" + socket] }
    /// The daemon's bridge interface (at most 15 characters), created here and deleted by ``kill()``.
    let bridge: String
    private var process: Process?

    init(scratch: RobustnessScratch) throws {
        let random = UInt32.random(in: 0...UInt32.max)
        root = "/tmp/bulkhead-test-d-dockerd-\(random)"
        bridge = "bhtestd" + String(random % 0x100_0000, radix: 16)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let subnet = "10.254.\(random % 250 + 1).1/24"
        let made = try runProcessBlocking([
            "/bin/sh", "-c",
            "ip link add name \(bridge) type bridge && ip addr add \(subnet) dev \(bridge) && ip link set \(bridge) up",
        ])
        guard made.status == 0 else {
            _ = try? runProcessBlocking(["ip", "link", "delete", bridge])
            throw ProcessLaunchError(message: "cannot create bridge \(bridge): \(made.stderr)")
        }
    }

    /// Starts dockerd and waits (up to 120 s) until it answers.
    func start() throws {
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        daemon.arguments = [
            "dockerd", "--host", "unix://" + socket, "--data-root", root + "/data", "--exec-root", root + "/x",
            "--pidfile", root + "/docker.pid", "--bridge", bridge, "--iptables=false", "--ip6tables=false",
            "--ip-masq=false", "--ip-forward=false",
        ]
        FileManager.default.createFile(atPath: root + "/dockerd.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/dockerd.log"))
        try log.seekToEnd()
        daemon.standardOutput = log
        daemon.standardError = log
        daemon.standardInput = FileHandle.nullDevice
        try daemon.run()
        process = daemon
        let started = ContinuousClock.now
        while true {
            let ping = try runProcessBlocking(client + ["version", "--format", "{{.Server.Version}}"])
            if ping.status == 0 { return }
            guard daemon.isRunning, ContinuousClock.now - started < .seconds(120) else {
                kill()
                let text = (try? String(contentsOfFile: root + "/dockerd.log", encoding: .utf8)) ?? ""
                throw ProcessLaunchError(message: "private dockerd did not start: \(text.suffix(3_000))")
            }
            usleep(200_000)
        }
    }

    /// SIGTERM (a clean shutdown, as `pkill -x dockerd` would do), waiting up to 60 s for the exit.
    func stop() throws {
        guard let daemon = process, daemon.isRunning else { return }
        Glibc.kill(daemon.processIdentifier, SIGTERM)
        let started = ContinuousClock.now
        while daemon.isRunning, ContinuousClock.now - started < .seconds(60) { usleep(50_000) }
        guard !daemon.isRunning else {
            kill()
            throw ProcessLaunchError(message: "private dockerd did not stop within 60 s")
        }
    }

    /// Starts a container of `image` named `name` that reads /etc/shadow every 0.2 s; its name and short id.
    func runLoopingContainer(_ image: String, name: String) throws -> (name: String, shortID: String) {
        let run = try runProcessBlocking(
            client + [
                "run", "-d", "--network", "none", "--name", name, image, "/bin/sh", "-c",
                "while true; do cat /etc/shadow >/dev/null; sleep 0.2; done",
            ]
        )
        guard run.status == 0 else { throw ProcessLaunchError(message: "docker run \(name): \(run.stderr)") }
        let id = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return (name, String(id.prefix(12)))
    }

    /// Stops the daemon (SIGTERM, then SIGKILL of it and of the containerd it started) and removes its files.
    func kill() {
        if let daemon = process, daemon.isRunning {
            Glibc.kill(daemon.processIdentifier, SIGTERM)
            let started = ContinuousClock.now
            while daemon.isRunning, ContinuousClock.now - started < .seconds(30) { usleep(50_000) }
            if daemon.isRunning {
                Glibc.kill(daemon.processIdentifier, SIGKILL)
                daemon.waitUntilExit()
            }
        }
        // The containerd this daemon started, if it outlived it.
        if let text = try? String(contentsOfFile: root + "/x/containerd/containerd.pid", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
            command.contains(root)
        {
            Glibc.kill(pid, SIGKILL)
        }
        _ = try? runProcessBlocking(["/bin/sh", "-c", "umount -R '\(root)/data' 2>/dev/null; rm -rf '\(root)'"])
        _ = try? runProcessBlocking(["ip", "link", "delete", bridge])
    }
}

/// `bulkhead watch` with extra environment variables (``LiveWatchHarness`` inherits the test's, and the test
/// process's environment must not change while other suites run): alerts to a JSON lines file, stopped with
/// SIGTERM, SIGKILL when it hangs or the object goes away.
final class EnvironmentWatch {
    let directory: String
    let process = Process()
    var errors: String { (try? String(contentsOfFile: directory + "/watch.err", encoding: .utf8)) ?? "" }

    init(environment extra: [String: String], arguments: [String], scratch: RobustnessScratch) throws {
        directory = scratch.directory + "/watch-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/alerts.jsonl", contents: nil)
        FileManager.default.createFile(atPath: directory + "/watch.err", contents: nil)
        process.executableURL = URL(fileURLWithPath: try LiveWatchHarness.executable())
        process.arguments =
            [
                "watch", "--no-config", "--json-output", "--output", "file=\(directory)/alerts.jsonl",
                "--dedup-window", "0", "--rate-limit", "off",
            ] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/watch.err"))
        try process.run()
        let started = ContinuousClock.now
        while !errors.contains("bulkhead watch: watching") {
            guard process.isRunning, ContinuousClock.now - started < .seconds(60) else {
                if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
                throw ProcessLaunchError(message: "bulkhead watch did not start: \(errors)")
            }
            usleep(20_000)
        }
    }

    deinit { if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }

    /// Every alert so far: rule and output fields.
    func alerts() -> [(rule: String, fields: [String: String])] {
        let text = (try? String(contentsOfFile: directory + "/alerts.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let value = try? JSONParser.parse(String(line)), let rule = value["rule"]?.stringValue else {
                return nil
            }
            var fields: [String: String] = [:]
            if case .object(let members) = value["output_fields"] {
                for (key, member) in members { fields[key] = member.stringValue ?? member.serialized(pretty: false) }
            }
            return (rule, fields)
        }
    }

    /// Waits (up to 60 s) for an alert of `rule` from container `shortID`; its fields, or nil.
    func waitForAlert(_ rule: String, container shortID: String) -> [String: String]? {
        waitForAlert(rule, container: shortID) { _ in true }
    }

    /// Waits (up to 60 s) for an alert of `rule` from container `shortID` whose fields satisfy `matching`.
    func waitForAlert(
        _ rule: String,
        container shortID: String,
        matching: ([String: String]) -> Bool
    ) -> [String: String]? {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(60) {
            if let found = alerts().first(where: {
                $0.rule == rule && $0.fields["container.id"] == shortID && matching($0.fields)
            }) {
                return found.fields
            }
            usleep(20_000)
        }
        return nil
    }

    /// SIGTERM, then waits up to 30 s (SIGKILL after that); the exit status, -1 when killed.
    @discardableResult
    func stop() -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        Glibc.kill(process.processIdentifier, SIGTERM)
        let started = ContinuousClock.now
        while process.isRunning, ContinuousClock.now - started < .seconds(30) { usleep(20_000) }
        guard !process.isRunning else {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }
}
