import FalcoRules
import Foundation
import RuntimeEvents
import TestSupport
import Testing

@testable import RuleEngine

/// The byte-level fast paths (text fields, ancestors, hashed sets, the jump program) give the same verdicts as
/// the generic `FieldValue` form, on the Falco corpus rules and on random event streams.
@Suite struct FastPathTests {
    private static func corpusRuleSet() throws -> RuleSet? {
        var files: [(path: String, text: String)] = []
        for name in ["falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"] {
            guard let path = Corpus.path("falco/rules-current/\(name)") else { return nil }
            files.append((name, try String(contentsOfFile: path, encoding: .utf8)))
        }
        var ruleSet = RulesLoader().load(files)
        ruleSet.rules.removeAll(where: \.skipped)
        return ruleSet
    }

    private static let names = [
        "sh", "bash", "cat", "sshd", "nginx", "node", "runc", "containerd-shim", "python3", "sudo", "vi", "nc",
        "curl", "kubelet", "systemd", "docker", "apt", "dpkg", "find", "grep", "passwd", "chmod", "crontab",
        "K", "\u{212A}", "caf\u{E9}", "cafe\u{301}", "", "xmrig",
    ]
    private static let paths = [
        "/etc/shadow", "/etc/passwd", "/etc/sudoers", "/root/.ssh/id_rsa", "/bin/ls", "/usr/bin/curl", "/tmp/x",
        "/dev/shm/a", "/proc/self/mem", "/var/run/docker.sock", "/etc/ld.so.preload", "/etc/./shadow",
        "/tmp/../etc/shadow", "//etc//pam.d/", "relative/file", "../up", "/", "/etc/K", "/etc/\u{212A}",
        "/home/u/.bash_history", "/sys/kernel/debug/x", "/usr/lib/x.so", "/etc/kubernetes/admin.conf",
    ]
    private static let arguments = ["-c", "ls", "-la", "id", "/etc/shadow", "--version", "-i", "SHELL", "x y", ""]

    private static func thread(_ random: inout SplitMix64, pid: Int64, ppid: Int64) -> ThreadInfo {
        let comm = random.pick(names)
        var args: [String] = []
        for _ in 0..<Int(random.next() % 4) { args.append(random.pick(arguments)) }
        return ThreadInfo(
            pid: pid,
            ppid: ppid,
            comm: comm,
            exe: random.oneIn(3) ? "/bin/" + comm : comm,
            exePath: random.pick(paths),
            args: args,
            cwd: random.pick(["/", "/tmp", "/root", "/etc"]),
            tty: random.oneIn(3) ? 34816 : 0,
            uid: random.oneIn(2) ? 0 : 1000,
            userName: random.oneIn(2) ? "root" : nil,
            isExeUpperLayer: random.oneIn(5)
        )
    }

    private static let containers: [ContainerInfo] = [
        .host,
        ContainerInfo(
            id: "3ad7b26ded6d",
            name: "web",
            image: "docker.io/library/nginx:1.27",
            imageRepository: "docker.io/library/nginx",
            imageTag: "1.27",
            runtime: "containerd",
            privileged: false,
            pod: .init(name: "web-1", namespace: "kube-system")
        ),
        ContainerInfo(id: "b0e4d2c1a987", name: "db", imageRepository: "falcosecurity/falco", privileged: true),
    ]

    private static func event(_ random: inout SplitMix64, number: UInt64, pids: [Int64]) -> RuntimeEvent {
        let pid = random.pick(pids)
        let ppid = random.oneIn(4) ? 1 : random.pick(pids)
        let thread = thread(&random, pid: pid, ppid: ppid)
        let container = random.pick(containers)
        let type = random.pick([
            EventType.openat, .open, .execve, .clone, .connect, .write, .read, .sendto, .unlinkat, .chmod, .ptrace,
        ])
        var arguments: [EventArgument] = []
        var fd: FileDescriptorInfo?
        var result: Int64 = 0
        switch type {
        case .openat, .open:
            let path = random.pick(paths)
            let flags = random.pick([["O_RDONLY"], ["O_WRONLY", "O_CREAT"], ["O_RDWR"], ["O_RDONLY", "O_CLOEXEC"]])
            result = random.oneIn(6) ? -2 : 3 + Int64(random.next() % 5)
            arguments = [
                EventArgument("fd", .integer(result)), EventArgument("name", .path(path)),
                EventArgument("flags", .flags(FlagSet(raw: 0, names: flags))),
            ]
            if result >= 0 {
                fd = FileDescriptorInfo(number: result, kind: random.oneIn(8) ? .directory : .file, name: path)
            }
        case .execve:
            arguments = [EventArgument("filename", .path(random.pick(paths)))]
        case .clone:
            result = random.pick(pids)
        case .connect:
            let tuple = SocketTuple(
                family: .ipv4,
                l4Protocol: .tcp,
                clientIP: IPAddress("10.0.0.5"),
                clientPort: 40000,
                serverIP: IPAddress(random.pick(["10.0.0.1", "8.8.8.8", "169.254.169.254", "192.168.1.1"])),
                serverPort: random.pick([53, 443, 4444, 6443, 3333])
            )
            arguments = [EventArgument("fd", .integer(5)), EventArgument("tuple", .socketTuple(tuple))]
            fd = FileDescriptorInfo(number: 5, kind: .ipv4, name: tuple.description, tuple: tuple, isServer: false)
        case .write, .read, .sendto:
            // Valid UTF-8 only: the generic form reads the buffer as text.
            let data = random.pick(["hello", "\u{CA}\u{FE}", "GET / HTTP/1.1", "", "stratum+tcp://pool"])
            arguments = [
                EventArgument("fd", .integer(3)),
                EventArgument("data", random.oneIn(2) ? .bytes(Array(data.utf8)) : .string(data)),
            ]
            result = Int64(data.utf8.count)
        default:
            arguments = [EventArgument("path", .path(random.pick(paths)))]
        }
        return RuntimeEvent(
            number: number,
            timestamp: 1_764_403_200_000_000_000 + number,
            type: type,
            result: result,
            arguments: arguments,
            thread: thread,
            fd: random.oneIn(5) ? nil : fd,
            container: container
        )
    }

    @Test func fastPathsAgreeWithTheGenericFormOnRandomStreams() throws {
        guard let ruleSet = try Self.corpusRuleSet() else { return }
        let fast = RuleEngine(ruleSet: ruleSet)
        var reference = ConditionCompiler()
        reference.usesFastPaths = false
        let slow = RuleEngine(ruleSet: ruleSet, options: RuleEngineOptions(), compiler: reference)
        #expect(fast.rules.count == slow.rules.count)
        #expect(fast.rules.count > 60)
        var random = SplitMix64(seed: 0x6B_0175)
        let pids: [Int64] = Array(2...40)
        var table = ProcessTable()
        var matched = 0
        for number in 1...6_000 {
            let event = Self.event(&random, number: UInt64(number), pids: pids)
            table.apply(event)
            let a = fast.evaluate(event, table: table).map(\.ruleName)
            let b = slow.evaluate(event, table: table).map(\.ruleName)
            #expect(a == b, "event \(number): \(EventRecording.line(for: event))")
            if a != b { return }
            matched += a.count
        }
        // The stream is hostile enough to fire rules, so the comparison covers matches as well as misses.
        #expect(matched > 0)
    }

    /// The engine runs all rules over one table of shared checks, each computed at most once per event; the
    /// verdicts must be those of each rule's own program (no sharing), rule by rule, in both matching modes.
    @Test func sharedChecksGiveEachRulesOwnVerdict() throws {
        guard let ruleSet = try Self.corpusRuleSet() else { return }
        let engine = RuleEngine(ruleSet: ruleSet)
        let firstOnly = RuleEngine(ruleSet: ruleSet, options: RuleEngineOptions(matching: .first))
        // Equal leaves across rules (`spawned_process`, `container`…) are shared.
        #expect(engine.distinctCheckCount < engine.checkCount)
        #expect(engine.distinctCheckCount > 0)
        #expect(engine.checkCount == engine.rules.reduce(0) { $0 + $1.condition.checkCount })
        var random = SplitMix64(seed: 0x5_4A2E)
        var table = ProcessTable()
        var statistics = RuleEngine.Statistics()
        var matched = 0
        for number in 1...3_000 {
            let event = Self.event(&random, number: UInt64(number), pids: [2, 3, 4, 5, 6, 7])
            table.apply(event)
            let shared = engine.evaluate(event, table: table, statistics: &statistics).map(\.ruleName)
            let own = engine.candidates(for: event.type.name)
                .filter { $0.condition.evaluate(event, table: table) }
                .map(\.rule.name)
            #expect(shared == own, "event \(number): \(EventRecording.line(for: event))")
            if shared != own { return }
            #expect(firstOnly.evaluate(event, table: table).map(\.ruleName) == Array(own.prefix(1)))
            matched += shared.count
        }
        #expect(matched > 0)
        #expect(statistics.checksComputed > 0)
        #expect(statistics.checksComputed < statistics.checksEvaluated)
    }

    @Test func everyCorpusConditionAgreesPerRule() throws {
        guard let ruleSet = try Self.corpusRuleSet() else { return }
        let fast = RuleEngine(ruleSet: ruleSet)
        var reference = ConditionCompiler()
        reference.usesFastPaths = false
        let slow = RuleEngine(ruleSet: ruleSet, options: RuleEngineOptions(), compiler: reference)
        var random = SplitMix64(seed: 42)
        var table = ProcessTable()
        for number in 1...1_500 {
            let event = Self.event(&random, number: UInt64(number), pids: [2, 3, 4, 5, 6])
            table.apply(event)
            for (index, rule) in fast.rules.enumerated() {
                let a = rule.condition.evaluate(event, table: table)
                let b = slow.rules[index].condition.evaluate(event, table: table)
                #expect(a == b, "\(rule.rule.name) on \(EventRecording.line(for: event))")
                if a != b { return }
            }
        }
    }

    private static func engine(_ condition: String) -> RuleEngine { RuleEngine(ruleSet: ProbeRule.ruleSet(condition)) }

    private static func write(_ data: ArgumentValue, type: EventType = .write) -> RuntimeEvent {
        RuntimeEvent(
            timestamp: 1,
            type: type,
            result: 4,
            arguments: [EventArgument("fd", .integer(3)), EventArgument("data", data)],
            thread: ThreadInfo(pid: 10, comm: "java")
        )
    }

    @Test func bcontainsComparesTheRawBytesOfTheBuffer() {
        let engine = Self.engine("evt.type in (write, sendto) and evt.buffer bcontains cafebabe")
        #expect(engine.report.compiled == ["Probe"])
        let table = ProcessTable()
        // 0xCA 0xFE 0xBA 0xBE is not UTF-8: read as text it would become U+FFFD and never match.
        #expect(engine.evaluate(Self.write(.bytes([0x00, 0xCA, 0xFE, 0xBA, 0xBE, 0x01])), table: table).count == 1)
        #expect(engine.evaluate(Self.write(.bytes([0xCA, 0xFE, 0xBA]), type: .sendto), table: table).isEmpty)
        #expect(engine.evaluate(Self.write(.bytes([0xCA, 0xFE, 0xBA, 0xBE]), type: .read), table: table).isEmpty)
        let prefix = Self.engine("evt.type = write and evt.arg.data bstartswith 7f454c46")
        #expect(prefix.evaluate(Self.write(.bytes([0x7F, 0x45, 0x4C, 0x46, 0x02])), table: table).count == 1)
        #expect(prefix.evaluate(Self.write(.bytes([0x00, 0x7F, 0x45, 0x4C, 0x46])), table: table).isEmpty)
        #expect(prefix.evaluate(Self.write(.string("\u{7F}ELF")), table: table).count == 1)
    }

    @Test func readWriteEventTypesAndExeInodeRoundTripThroughRecordings() throws {
        for type in [
            EventType.read, .write, .pread64, .pwrite64, .readv, .writev, .recvfrom, .sendto, .recvmsg, .sendmsg,
        ] {
            #expect(type.carriesBuffer)
            var event = Self.write(.bytes([0xCA, 0xFE, 0x00, 0xFF]), type: type)
            event.thread.exeInode = 1_234_567
            let text = EventRecording.encode([event])
            let decoded = try EventRecording.decode(text)
            #expect(decoded.events == [event], "\(type)")
        }
        let engine = Self.engine("evt.type = pwrite64 and proc.exe_ino = 99")
        var event = Self.write(.string("x"), type: .pwrite64)
        event.thread.exeInode = 99
        #expect(engine.evaluate(event, table: ProcessTable()).count == 1)
        event.thread.exeInode = nil
        #expect(engine.evaluate(event, table: ProcessTable()).isEmpty)
    }

    @Test func byteSetFindsExactlyItsMembers() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            var members: Set<[UInt8]> = []
            for _ in 0..<Int(random.next() % 40) {
                members.insert(
                    (0..<Int(random.next() % 6)).map { _ in UInt8(truncatingIfNeeded: random.next() % 4 + 97) }
                )
            }
            let set = ByteSet(members)
            #expect(set.count == members.count)
            for _ in 0..<50 {
                let probe = (0..<Int(random.next() % 6)).map { _ in UInt8(truncatingIfNeeded: random.next() % 4 + 97) }
                #expect(probe.withUnsafeBufferPointer { set.contains($0) } == members.contains(probe))
            }
        }
    }

    @Test func byteSetFindsExactlyItsMembersOfAnyLength() {
        // Word-at-a-time hashing and the length filter: members and probes from empty to past 64 bytes, many of
        // them sharing lengths and prefixes.
        var random = SplitMix64(seed: 0xB17E)
        func text() -> [UInt8] {
            let length = random.pick([0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 100])
            return (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next() % 3 + 97) }
        }
        for _ in 0..<200 {
            var members: Set<[UInt8]> = []
            for _ in 0..<Int(random.next() % 12) { members.insert(text()) }
            let set = ByteSet(members)
            #expect(set.count == members.count)
            for member in members { #expect(member.withUnsafeBufferPointer { set.contains($0) }) }
            for _ in 0..<60 {
                let probe = text()
                #expect(probe.withUnsafeBufferPointer { set.contains($0) } == members.contains(probe))
            }
        }
    }

    @Test func asciiGlobAgreesWithTheScalarGlob() {
        var random = SplitMix64(seed: 11)
        let alphabet: [Character] = ["a", "b", "/", ".", "*", "?", "[", "]", "!", "-", "A", "\\"]
        for _ in 0..<2_000 {
            let pattern = String((0..<Int(random.next() % 8)).map { _ in random.pick(alphabet) })
            let text = String((0..<Int(random.next() % 10)).map { _ in random.pick(["a", "b", "/", ".", "A", "["]) })
            for ignoring in [false, true] {
                let glob = GlobPattern(pattern, ignoringCase: ignoring)
                let bytes = Array(text.utf8)
                #expect(
                    bytes.withUnsafeBufferPointer { glob.matches(ascii: $0) } == glob.matches(text),
                    "\(pattern) \(text) \(ignoring)"
                )
            }
        }
    }
}
