import FalcoCondition
import FalcoRules
import RuntimeEvents
import TestSupport
import Testing

@testable import RuleEngine

/// The text fields read without the generic extractor — substring tests on flag arguments answered name by name,
/// `proc.env`, and the socket tuple's protocol, family and names — give the generic form's verdicts.
@Suite struct ArgumentPieceTests {
    /// The same one-rule condition compiled with and without the fast paths.
    private static func engines(_ condition: String) -> (fast: RuleEngine, slow: RuleEngine) {
        let ruleSet = ProbeRule.ruleSet(condition)
        var reference = ConditionCompiler()
        reference.usesFastPaths = false
        return (
            RuleEngine(ruleSet: ruleSet),
            RuleEngine(ruleSet: ruleSet, options: RuleEngineOptions(), compiler: reference)
        )
    }

    /// Checks that every condition, compiled with and without the fast paths, gives the same verdict on 300 events
    /// from `makeEvent`, and fires at least once.
    private static func expectSameVerdicts(
        _ conditions: [String],
        seed: UInt64,
        _ makeEvent: (inout SplitMix64) -> RuntimeEvent
    ) {
        var random = SplitMix64(seed: seed)
        for condition in conditions {
            let (fast, slow) = engines(condition)
            #expect(fast.report.compiled == ["Probe"], "\(condition)")
            var fired = 0
            for _ in 0..<300 {
                let event = makeEvent(&random)
                let a = fast.evaluate(event, table: ProcessTable()).count
                let b = slow.evaluate(event, table: ProcessTable()).count
                #expect(a == b, "\(condition) on \(EventRecording.line(for: event))")
                if a != b { return }
                fired += a
            }
            #expect(fired > 0, "\(condition) never fired")
        }
    }

    private static let flagNames = [
        "O_RDONLY", "O_WRONLY", "O_RDWR", "O_CREAT", "O_CLOEXEC", "O_TRUNC", "O_APPEND", "O_DIRECTORY", "O_EXCL",
        "CREAT", "O_", "", "O_CREAT|O_EXCL", "o_creat", "\u{212A}",
    ]

    private static func open(flags: ArgumentValue) -> RuntimeEvent {
        RuntimeEvent(
            timestamp: 1,
            type: .openat,
            result: 3,
            arguments: [
                EventArgument("fd", .integer(3)), EventArgument("name", .path("/etc/shadow")),
                EventArgument("flags", flags),
            ],
            thread: ThreadInfo(pid: 10, comm: "cat"),
            fd: FileDescriptorInfo(number: 3, kind: .file, name: "/etc/shadow")
        )
    }

    @Test func flagSubstringTestsAgreeWithTheJoinedText() {
        let conditions = [
            "evt.type = openat and evt.arg.flags contains O_CREAT",
            "evt.type = openat and evt.arg.flags contains CREAT",
            "evt.type = openat and (evt.arg.flags contains O_TRUNC or evt.arg.flags contains O_APPEND)",
            "evt.type = openat and evt.arg.flags icontains o_creat",
            "evt.type = openat and not evt.arg.flags contains O_CREAT",
            // A needle holding the separator spans two names: answered on the joined text.
            "evt.type = openat and evt.arg.flags contains \"O_CREAT|O_EXCL\"",
            "evt.type = openat and evt.arg.flags contains \"T|O\"",
            "evt.type = openat and evt.arg[flags] contains O_CREAT",
        ]
        Self.expectSameVerdicts(conditions, seed: 0xF1A6) { random in
            var names: [String] = []
            for _ in 0..<Int(random.next() % 4) { names.append(random.pick(Self.flagNames)) }
            // Sometimes the argument is not a flag set at all: the check then reads it as text.
            let value: ArgumentValue =
                random.oneIn(6) ? .string(names.joined(separator: "|")) : .flags(FlagSet(raw: 0, names: names))
            return Self.open(flags: value)
        }
    }

    @Test func pieceTestsAreOnlyUsedWhenNoNeedleCanStraddleASeparator() throws {
        let plain = try #require(TextMatcher(.contains, literals: ["O_CREAT", "TRUNC"]))
        #expect(plain.isPiecewise(separator: UInt8(ascii: "|")))
        let straddling = try #require(TextMatcher(.contains, literals: ["O_CREAT", "T|O"]))
        #expect(!straddling.isPiecewise(separator: UInt8(ascii: "|")))
        let prefix = try #require(TextMatcher(.startswith, literals: ["O_"]))
        #expect(!prefix.isPiecewise(separator: UInt8(ascii: "|")))
    }

    private static func connect(_ tuple: SocketTuple, kind: FileDescriptorInfo.Kind, env: [String]) -> RuntimeEvent {
        RuntimeEvent(
            timestamp: 1,
            type: .connect,
            result: 0,
            arguments: [EventArgument("fd", .integer(5)), EventArgument("tuple", .socketTuple(tuple))],
            thread: ThreadInfo(pid: 10, comm: "curl", env: env),
            fd: FileDescriptorInfo(number: 5, kind: kind, name: tuple.description, tuple: tuple, isServer: false)
        )
    }

    @Test func socketAndEnvironmentFieldsAgreeWithTheGenericForm() {
        let conditions = [
            "evt.type = connect and fd.l4proto = udp",
            "evt.type = connect and fd.l4proto in (tcp, raw)",
            "evt.type = connect and fd.sockfamily = ip",
            "evt.type = connect and fd.sockfamily = unix",
            "evt.type = connect and fd.sip.name = \"kubernetes.default.svc.cluster.local\"",
            "evt.type = connect and fd.cip.name startswith worker",
            "evt.type = connect and fd.sip.name exists",
            "evt.type = connect and proc.env icontains GLIBC_TUNABLES",
            "evt.type = connect and proc.env contains \"A=1 B\"",
            "evt.type = connect and proc.env = \"\"",
        ]
        Self.expectSameVerdicts(conditions, seed: 0x50C4) { random in
            let family = random.pick([SocketTuple.Family.ipv4, .ipv6, .unix])
            let tuple = SocketTuple(
                family: family,
                l4Protocol: random.pick([.tcp, .udp, .raw, .unknown]),
                clientIP: family == .unix ? nil : IPAddress("10.0.0.5"),
                clientPort: 40000,
                serverIP: family == .unix ? nil : IPAddress("10.96.0.1"),
                serverPort: 443,
                unixPath: family == .unix ? "/run/x.sock" : nil,
                clientName: random.oneIn(2) ? "worker-1" : nil,
                serverName: random.oneIn(2) ? random.pick(["kubernetes.default.svc.cluster.local", "db"]) : nil
            )
            // A Unix tuple on an IP descriptor (and the reverse) is no tuple at all for the fields.
            let kind: FileDescriptorInfo.Kind =
                random.oneIn(5) ? .ipv4 : (family == .unix ? .unix : family == .ipv6 ? .ipv6 : .ipv4)
            var env: [String] = []
            for _ in 0..<Int(random.next() % 3) {
                env.append(random.pick(["A=1", "B=2", "GLIBC_TUNABLES=glibc.x=1", "glibc_tunables=", "PATH=/bin"]))
            }
            return Self.connect(tuple, kind: kind, env: env)
        }
    }
}
