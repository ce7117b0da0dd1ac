import Foundation
import KernelSensor
import SecurityModel
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Live tests run with `BULKHEAD_INTEGRATION=1` (CI) or as root on a kernel with BTF and a running dockerd.
let liveWatchTestsEnabled =
    Corpus.integrationRequired
    || (SensorSupport.canLoadPrograms && FileManager.default.fileExists(atPath: "/var/run/docker.sock"))

/// Issue 7's attack scenario, live: `bulkhead watch` (the real executable) with the built-in ruleset and with
/// Falco's falco_rules.yaml, a busybox container that runs a benign loop, then one attack step after another
/// in it (`docker exec`), each of which must raise its rule within one second with the container's id, name
/// and image; the benign loop raises nothing. The same steps on the host raise only the rules meant for it.
///
/// Runs when `BULKHEAD_INTEGRATION=1` (a missing prerequisite then fails) or as root with BTF and Docker.
@Suite(
    .serialized,
    .enabled(
        if: liveWatchTestsEnabled,
        "needs BULKHEAD_INTEGRATION=1, or root with /sys/kernel/btf/vmlinux and a running dockerd"
    )
)
struct LiveWatchScenarioTests {
    /// An attack step: the command run in the container (`docker exec`) or on the host, and the rules that
    /// must alert for it.
    struct Step: CustomStringConvertible {
        var name: String
        var command: [String]
        var execOptions: [String] = []
        /// Started first in the background (`docker exec -d`), e.g. a listener.
        var background: [String]? = nil
        var rules: [String]
        var description: String { name }
    }

    static let image = "bulkhead-test-live:scenario"
    static let toolPath = "/usr/local/bin/scenario-tool"

    /// The container steps and the built-in rules each must raise.
    static let containerSteps: [Step] = [
        Step(name: "shell", command: ["sh", "-c", "true"], rules: [BuiltInRule.shellInContainer]),
        Step(name: "read /etc/shadow", command: ["cat", "/etc/shadow"], rules: [BuiltInRule.sensitiveFileRead]),
        Step(name: "write below /bin", command: ["touch", "/bin/implant"], rules: [BuiltInRule.writeBelowBinaryDir]),
        Step(
            name: "relative write below /etc after cd",
            command: ["sh", "-c", "cd /etc && touch bulkhead-relative"],
            rules: [BuiltInRule.writeBelowBinaryDir]
        ),
        Step(
            name: "outbound to 127.0.0.1:4444",
            command: ["nc", "-w", "1", "127.0.0.1", "4444"],
            rules: [BuiltInRule.unexpectedOutbound]
        ),
        Step(name: "package manager", command: ["dpkg", "-l"], rules: [BuiltInRule.packageManager]),
        Step(
            name: "reverse shell",
            command: ["sh", "-c", "(echo exit | nc -l -p 4445 &); sleep 0.3; nc 127.0.0.1 4445 -e /bin/sh"],
            rules: [BuiltInRule.reverseShell, BuiltInRule.streamRedirected]
        ),
        Step(name: "mount", command: ["mount", "-t", "tmpfs", "none", "/mnt"], rules: [BuiltInRule.mountInContainer]),
        Step(name: "ptrace attach", command: [toolPath, "ptrace"], rules: [BuiltInRule.ptraceAttach]),
        Step(name: "memfd exec", command: [toolPath, "memfd", "/bin/busybox"], rules: [BuiltInRule.memfdExecution]),
        Step(name: "kernel module", command: [toolPath, "module"], rules: [BuiltInRule.kernelModule]),
        Step(name: "bpf load", command: [toolPath, "bpf"], rules: [BuiltInRule.bpfInContainer]),
        Step(name: "unshare", command: [toolPath, "unshare"], rules: [BuiltInRule.mountInContainer]),
        Step(name: "setuid bit", command: ["chmod", "4755", "/tmp/suid"], rules: [BuiltInRule.setuidBit]),
    ]

    /// True when this kernel has no trace event for the module syscalls (built without module support).
    static let kernelLacksModuleEvents = !FileManager.default.fileExists(
        atPath: "/sys/kernel/tracing/events/syscalls/sys_exit_finit_module"
    )

    /// Without the raw fallback, syscalls the kernel has no trace event for are named at start as not traced,
    /// never silently dropped; with it (the default, so the scenario's module steps are seen on such a kernel) they
    /// are named as traced through the raw tracepoint.
    @Test func syscallsWithoutATraceEventAreNamedAtStart() throws {
        let plain = try LiveWatchHarness(arguments: ["--no-raw-syscall-fallback"])
        defer { plain.stop() }
        let untraced = plain.errors.contains("not traced") && plain.errors.contains("finit_module")
        #expect(untraced == Self.kernelLacksModuleEvents, "\(plain.errors)")
        #expect(plain.stop() == 0, "\(plain.errors)")
        let watch = try LiveWatchHarness(arguments: [])
        defer { watch.stop() }
        let fallback = watch.errors.contains("raw sys_exit tracepoint") && watch.errors.contains("finit_module")
        #expect(fallback == Self.kernelLacksModuleEvents, "\(watch.errors)")
        #expect(!watch.errors.contains("not traced"), "\(watch.errors)")
        #expect(watch.stop() == 0, "\(watch.errors)")
    }

    /// The `--stats` line's sensor member counts the records and the opens the kernel's path filter dropped.
    @Test func theStatsLineCountsRecordsAndFilteredOpens() throws {
        let fixture = try ScenarioFixture()
        defer { fixture.remove() }
        let watch = try LiveWatchHarness(arguments: [])
        defer { watch.stop() }
        let outside = fixture.directory + "/outside-every-prefix"
        FileManager.default.createFile(atPath: outside, contents: Data("x".utf8))
        for _ in 0..<20 { _ = try runProcessBlocking(["/bin/busybox", "cat", outside]) }
        #expect(watch.stop() == 0, "\(watch.errors)")
        let line = try #require(watch.errors.split(separator: "\n").last { $0.hasPrefix("{\"stats\":") })
        let stats = try #require(
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["stats"] as? [String: Any]
        )
        let sensor = try #require(stats["sensor"] as? [String: Any], "\(stats)")
        #expect((sensor["records"] as? Int ?? 0) > 0, "\(sensor)")
        #expect((sensor["filteredOpens"] as? Int ?? 0) >= 20, "the 20 opens outside every prefix: \(sensor)")
        #expect(watch.errors.contains("opens filtered in the kernel"), "\(watch.errors)")
    }

    @Test func theAttackScenarioInAContainerRaisesEachRuleWithinOneSecond() throws {
        let fixture = try ScenarioFixture()
        defer { fixture.remove() }
        let watch = try LiveWatchHarness(arguments: [])
        defer { watch.stop() }
        let container = try fixture.startContainer()

        // The benign loop alone raises nothing for two seconds.
        let quiet = ContinuousClock.now
        usleep(2_000_000)
        let benign = watch.alerts(since: quiet).filter { $0.containerID == container.shortID }
        #expect(benign.isEmpty, "the benign loop raised: \(benign)")

        try Self.run(Self.containerSteps, in: container, fixture: fixture, watch: watch, label: "built-in rules")
        let status = watch.stop()
        #expect(status == 0, "\(watch.errors)")
        #expect(watch.errors.contains("0 lost"), "\(watch.errors)")
    }

    /// In a default container (no added capabilities) Docker's seccomp profile refuses mount, unshare, module
    /// and BPF loads before they start: the attempts are still reported (captured when the call returns).
    @Test func attemptsRefusedBySeccompAreStillReported() throws {
        let fixture = try ScenarioFixture()
        defer { fixture.remove() }
        let watch = try LiveWatchHarness(arguments: [])
        defer { watch.stop() }
        let container = try fixture.startContainer(capabilities: [])
        let steps: [Step] = [
            Step(
                name: "refused mount",
                command: ["mount", "-t", "tmpfs", "none", "/mnt"],
                rules: [BuiltInRule.mountInContainer]
            ),
            Step(name: "refused module load", command: [Self.toolPath, "module"], rules: [BuiltInRule.kernelModule]),
            Step(name: "refused unshare", command: [Self.toolPath, "unshare"], rules: [BuiltInRule.mountInContainer]),
        ]
        try Self.run(steps, in: container, fixture: fixture, watch: watch, label: "seccomp-refused")
        let refused = watch.alerts.filter { $0.containerID == container.shortID && $0.rule == BuiltInRule.kernelModule }
        #expect(refused.contains { $0.output.contains("EPERM") || $0.output.contains("-1") }, "\(refused)")
        #expect(watch.stop() == 0, "\(watch.errors)")
    }

    /// Falco's stable rules, unchanged, against the same kind of steps (with a terminal for the shell).
    @Test func falcoStableRulesAlertOnTheScenario() throws {
        let rules = try #require(Corpus.path("falco/rules-current/falco_rules.yaml"), "corpus Falco rules missing")
        let fixture = try ScenarioFixture()
        defer { fixture.remove() }
        let watch = try LiveWatchHarness(arguments: ["--rules", rules])
        defer { watch.stop() }
        let container = try fixture.startContainer()
        let steps: [Step] = [
            Step(
                name: "terminal shell",
                command: ["sh", "-c", "true"],
                execOptions: ["-t"],
                rules: [FalcoRule.terminalShell]
            ),
            Step(name: "read /etc/shadow", command: ["cat", "/etc/shadow"], rules: [FalcoRule.sensitiveRead]),
            // Run by docker exec itself: busybox's shell would re-exec the applet as /proc/self/exe (comm "exe").
            Step(
                name: "netcat reverse shell",
                command: ["nc", "127.0.0.1", "4446", "-e", "/bin/sh"],
                background: ["sh", "-c", "echo exit | nc -l -p 4446"],
                rules: [FalcoRule.netcat, FalcoRule.redirect]
            ),
            Step(name: "ptrace attach", command: [Self.toolPath, "ptrace"], rules: [FalcoRule.ptrace]),
            Step(name: "memfd exec", command: [Self.toolPath, "memfd", "/bin/busybox"], rules: [FalcoRule.memfd]),
            Step(name: "kernel module", command: [Self.toolPath, "module"], rules: [FalcoRule.kernelModule]),
        ]
        try Self.run(steps, in: container, fixture: fixture, watch: watch, label: "Falco rules")
        #expect(watch.stop() == 0, "\(watch.errors)")
    }

    /// Runs each step in the container; each of its rules must alert within one second, naming the container
    /// (id, name, image).
    static func run(
        _ steps: [Step],
        in container: ScenarioFixture.Container,
        fixture: ScenarioFixture,
        watch: LiveWatchHarness,
        label: String
    ) throws {
        for step in steps {
            let started = ContinuousClock.now
            _ = try fixture.exec(container, step)
            for rule in step.rules {
                let found = watch.waitForAlert(rule, since: started) { $0.containerID == container.shortID }
                guard let (alert, latency) = found else {
                    Issue.record("\(step): no '\(rule)' alert; got \(watch.alerts(since: started)); \(watch.errors)")
                    continue
                }
                #expect(latency < .seconds(1), "\(step): '\(rule)' took \(latency)")
                #expect(alert.fields["container.name"] == container.name, "\(step): \(alert.fields)")
                #expect(alert.fields["container.image.repository"] == "bulkhead-test-live", "\(alert.fields)")
                print("live scenario (\(label)): \(step) -> \(rule) in \(latency)")
            }
        }
    }

    @Test func theSameStepsOnTheHostRaiseOnlyHostRules() throws {
        let fixture = try ScenarioFixture()
        defer { fixture.remove() }
        let watch = try LiveWatchHarness(arguments: [])
        defer { watch.stop() }
        let started = ContinuousClock.now
        let scratch = fixture.directory + "/host"
        try FileManager.default.createDirectory(atPath: scratch + "/mnt", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: scratch + "/suid", contents: Data("x".utf8))
        let busybox = "/bin/busybox"
        let commands: [[String]] = [
            [busybox, "sh", "-c", "true"], [busybox, "cat", "/etc/shadow"],
            [busybox, "nc", "-w", "1", "127.0.0.1", "4444"],
            [busybox, "mount", "-t", "tmpfs", "none", scratch + "/mnt"], [busybox, "umount", scratch + "/mnt"],
            [fixture.tool, "ptrace"], [fixture.tool, "memfd", busybox], [fixture.tool, "module"],
            [fixture.tool, "bpf"], [busybox, "chmod", "4755", scratch + "/suid"],
        ]
        // Extracting an archive that holds etc/ and bin/ into scratch from the root directory writes nothing below
        // /etc or /bin: busybox tar (chdir, then paths relative to it) and GNU tar (paths relative to a dirfd).
        let source = scratch + "/source"
        for directory in ["etc", "bin"] {
            try FileManager.default.createDirectory(atPath: source + "/" + directory, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: source + "/\(directory)/bulkhead-x", contents: Data("x".utf8))
        }
        let archive = scratch + "/archive.tar"
        _ = try runProcessBlocking(["/bin/tar", "-C", source, "-cf", archive, "etc", "bin"])
        for (tar, target) in [(busybox + " tar", scratch + "/busybox-x"), ("/bin/tar", scratch + "/gnu-x")] {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            _ = try runProcessBlocking([busybox, "sh", "-c", "cd / && \(tar) -C \(target) -xf \(archive)"])
            #expect(FileManager.default.fileExists(atPath: target + "/etc/bulkhead-x"), "\(tar) extracted nothing")
        }
        for command in commands { _ = try runProcessBlocking(command) }
        for rule in [BuiltInRule.ptraceAttach, BuiltInRule.memfdExecution, BuiltInRule.kernelModule] {
            #expect(
                watch.waitForAlert(rule, since: started) { $0.containerID == "host" } != nil,
                "no host alert '\(rule)': \(watch.alerts(since: started))"
            )
        }
        watch.stop()
        // The built-in rules meant for the host carry the tag `host`; no other may fire for a host process.
        let wrong = watch.alerts(since: started).filter { $0.containerID == "host" && !$0.tags.contains("host") }
        #expect(wrong.isEmpty, "rules not meant for the host fired on it: \(wrong)")
        let extraction = watch.alerts(since: started).filter { $0.rule == BuiltInRule.writeBelowBinaryDir }
        #expect(extraction.isEmpty, "extracting into scratch is not a write below /etc or /bin: \(extraction)")
    }
}

/// The built-in rules the scenario expects (Sources/DefaultRules, docs/default-rules.md).
enum BuiltInRule {
    static let shellInContainer = "Shell started in container"
    static let sensitiveFileRead = "Sensitive file read by untrusted program"
    static let writeBelowBinaryDir = "Write below binary directory or /etc"
    static let unexpectedOutbound = "Outbound connection to unexpected port from container"
    static let packageManager = "Package manager run in container"
    static let reverseShell = "Reverse shell started"
    static let streamRedirected = "Standard stream redirected to network socket"
    static let mountInContainer = "Mount or namespace change in container"
    static let ptraceAttach = "Ptrace attach or memory poke"
    static let memfdExecution = "Program executed from memfd"
    static let kernelModule = "Kernel module load attempt"
    static let bpfInContainer = "BPF program loaded from container"
    static let setuidBit = "Setuid or setgid bit set on file"
}

/// Falco's stable rules the scenario expects (falco_rules.yaml in the corpus).
enum FalcoRule {
    static let terminalShell = "Terminal shell in container"
    static let sensitiveRead = "Read sensitive file untrusted"
    static let netcat = "Netcat Remote Code Execution in Container"
    static let redirect = "Redirect STDOUT/STDIN to Network Connection in Container"
    static let ptrace = "PTRACE attached to process"
    static let memfd = "Fileless execution via memfd_create"
    static let kernelModule = "Linux Kernel Module Injection Detected"
}

/// The scenario's image (busybox + the static scenario tool) and containers, all named `bulkhead-test-live…`
/// and removed at the end.
final class ScenarioFixture {
    struct Container {
        var id: String
        var name: String
        var shortID: String { String(id.prefix(12)) }
    }

    let directory: String
    /// The scenario tool built for the host.
    let tool: String
    private var containers: [String] = []

    init() throws {
        directory = NSTemporaryDirectory() + "bulkhead-scenario-\(UInt32.random(in: 0...UInt32.max))"
        let rootfs = directory + "/rootfs"
        let fm = FileManager.default
        for sub in ["bin", "usr/bin", "usr/local/bin", "etc", "tmp", "mnt", "root"] {
            try fm.createDirectory(atPath: rootfs + "/" + sub, withIntermediateDirectories: true)
        }
        tool = directory + "/scenario-tool"
        let source = Corpus.repositoryPath("Tests/ToolCommandsTests/Fixtures/live-scenario/scenario-tool.c")
        let clang = Toolchain.clang
        let built = try runProcessBlocking([clang, "-static", "-O2", "-o", tool, source])
        guard built.status == 0 else { throw ProcessLaunchError(message: "clang: \(built.stderr)") }
        try fm.copyItem(atPath: tool, toPath: rootfs + LiveWatchScenarioTests.toolPath)
        try fm.copyItem(atPath: "/bin/busybox", toPath: rootfs + "/bin/busybox")
        for applet in ["sh", "cat", "touch", "nc", "mount", "umount", "chmod", "sleep", "true", "echo"] {
            try fm.createSymbolicLink(atPath: rootfs + "/bin/" + applet, withDestinationPath: "busybox")
        }
        try fm.createSymbolicLink(atPath: rootfs + "/usr/bin/dpkg", withDestinationPath: "/bin/busybox")
        try "root:x:0:0:root:/root:/bin/sh\n".write(toFile: rootfs + "/etc/passwd", atomically: true, encoding: .utf8)
        try "root:!:19000:0:99999:7:::\n".write(toFile: rootfs + "/etc/shadow", atomically: true, encoding: .utf8)
        try "x\n".write(toFile: rootfs + "/tmp/suid", atomically: true, encoding: .utf8)
        let imported = try runProcessBlocking([
            "/bin/sh", "-c", "tar -C \(rootfs) -c . | docker import - \(LiveWatchScenarioTests.image)",
        ])
        guard imported.status == 0 else { throw ProcessLaunchError(message: "docker import: \(imported.stderr)") }
    }

    /// Starts a container running the benign loop (it reads its own files), with the capabilities the attack
    /// steps need (this VM cannot start privileged containers).
    func startContainer(capabilities: [String] = ["SYS_PTRACE", "SYS_ADMIN", "SYS_MODULE"]) throws -> Container {
        let name = "bulkhead-test-live-\(UInt32.random(in: 0...UInt32.max))"
        let result = try runProcessBlocking(
            ["docker", "run", "-d", "--name", name, "--network", "none"]
                + capabilities.flatMap { ["--cap-add", $0] } + [
                    LiveWatchScenarioTests.image, "/bin/sh", "-c",
                    "while true; do cat /etc/passwd >/dev/null; sleep 0.1; done",
                ]
        )
        guard result.status == 0 else { throw ProcessLaunchError(message: "docker run: \(result.stderr)") }
        containers.append(name)
        return Container(id: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), name: name)
    }

    /// Runs a step in the container; returns its output.
    @discardableResult
    func exec(_ container: Container, _ step: LiveWatchScenarioTests.Step) throws -> ProcessOutput {
        if let background = step.background {
            _ = try runProcessBlocking(["docker", "exec", "-d", container.name] + background)
            // Give the background command its moment (a listener must listen before the step connects).
            usleep(300_000)
        }
        return try runProcessBlocking(["docker", "exec"] + step.execOptions + [container.name] + step.command)
    }

    /// Removes the containers, the image and the scratch directory.
    func remove() {
        if !containers.isEmpty { _ = try? runProcessBlocking(["docker", "rm", "-f"] + containers) }
        _ = try? runProcessBlocking(["docker", "rmi", "-f", LiveWatchScenarioTests.image])
        try? FileManager.default.removeItem(atPath: directory)
    }
}
