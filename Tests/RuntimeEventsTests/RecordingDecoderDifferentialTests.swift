import SecurityModel
import TestSupport
import Testing

@testable import RuntimeEvents

/// The byte-level decoder (`RecordingLineDecoder`) against the reference (`JSONParser` + `RuntimeEvent(json:)`):
/// for every line, the same event or the same diagnostic (line and message), the same thrown errors, and the
/// same container references resolved.
@Suite struct RecordingDecoderDifferentialTests {
    /// Feeds `lines` (the first should be the header) to a fast and a reference reader and returns the
    /// disagreements, described.
    static func differences(
        _ lines: [[UInt8]],
        limits: EventRecordingReader.Limits = .init(maximumDiagnostics: 100_000)
    ) -> [String] {
        var fast = EventRecordingReader(source: "t.jsonl", limits: limits)
        var reference = EventRecordingReader(source: "t.jsonl", limits: limits)
        reference.usesReferenceDecoder = true
        var found: [String] = []
        for line in lines {
            let a: Result<RuntimeEvent?, EventRecordingError> = Result { () throws(EventRecordingError) in
                try fast.read(line: line)
            }
            let b: Result<RuntimeEvent?, EventRecordingError> = Result { () throws(EventRecordingError) in
                try reference.read(line: line)
            }
            let shown = String(decoding: line.prefix(300), as: UTF8.self)
            switch (a, b) {
            case (.success(let x), .success(let y)):
                if x != y { found.append("line \(fast.lineNumber): events differ: \(shown)") }
            case (.failure(let x), .failure(let y)):
                if x.description != y.description { found.append("errors differ: \(x) vs \(y)") }
            default:
                found.append("line \(fast.lineNumber): one threw, one did not: \(shown)")
            }
            if fast.diagnostics.last != reference.diagnostics.last {
                found.append(
                    "line \(fast.lineNumber): \(fast.diagnostics.last.map(\.description) ?? "-") vs "
                        + "\(reference.diagnostics.last.map(\.description) ?? "-"): \(shown)"
                )
            }
            if found.count > 20 { break }
        }
        if fast.diagnostics != reference.diagnostics { found.append("diagnostics differ") }
        if fast.skippedLines != reference.skippedLines { found.append("skipped line counts differ") }
        return found
    }

    static let header = Array(EventRecording.header.utf8)

    static func lines(_ text: String) -> [[UInt8]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
    }

    // MARK: Realistic and fixture lines

    /// Events shaped like bench/make-recording.py's: services in containers and on the host opening files,
    /// connecting, forking, executing and exiting, written with container references.
    static func realisticRecording(count: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        let web = ContainerInfo(
            id: "3ad7b26ded6d",
            name: "web",
            image: "docker.io/library/nginx:1.27",
            imageRepository: "docker.io/library/nginx",
            imageTag: "1.27",
            runtime: "containerd",
            pod: ContainerInfo.Pod(name: "web-6d5f8c7b9-x2x7k", uid: "9c1e5d2a-1f0b", namespace: "shop")
        )
        let db = ContainerInfo(
            id: "b0e4d2c1a987",
            name: "db",
            image: "docker.io/library/postgres:16",
            runtime: "docker",
            mounts: [
                ContainerInfo.Mount(
                    source: "/var/lib/pg",
                    destination: "/var/lib/postgresql/data",
                    mode: "rw",
                    readWrite: true,
                    propagation: "rprivate"
                )
            ],
            labels: ["app": "db", "tier": "data"]
        )
        let containers: [ContainerInfo] = [web, db, .host]
        let caps = Capabilities(effective: 2_818_844_155, permitted: 2_818_844_155, inheritable: 0)
        let programs: [(String, String, [String], Int64, String)] = [
            ("nginx", "/usr/sbin/nginx", ["-g", "daemon off;"], 101, "nginx"),
            ("postgres", "/usr/lib/postgresql/16/bin/postgres", ["-D", "/var/lib/postgresql/data"], 999, "postgres"),
            ("kubelet", "/usr/bin/kubelet", ["--config=/var/lib/kubelet/config.yaml"], 0, "root"),
            ("python3", "/usr/local/bin/python3.12", ["-m", "worker"], 1000, "app"),
        ]
        let files = ["/etc/nginx/nginx.conf", "/sys/fs/cgroup/cpu.stat", "/var/lib/postgresql/data/base/1", "/tmp/é"]
        var events: [RuntimeEvent] = []
        var ts: UInt64 = 1_764_403_200_000_000_000
        for n in 0..<count {
            let (comm, exe, args, uid, user) = random.pick(programs)
            let pid = Int64(3000 + random.next() % 50_000)
            ts += random.next() % 100_000
            let thread = ThreadInfo(
                pid: pid,
                ppid: 1,
                vpid: random.oneIn(2) ? 1 : nil,
                comm: comm,
                exe: exe,
                exePath: exe,
                args: args,
                cwd: "/",
                uid: uid,
                gid: uid,
                userName: user,
                groupName: user,
                capabilities: caps
            )
            let container = random.pick(containers)
            var event = RuntimeEvent(number: UInt64(n + 1), timestamp: ts, type: .openat, thread: thread)
            event.container = container
            switch random.next() % 5 {
            case 0:
                let path = random.pick(files)
                let fd = Int64(3 + random.next() % 60)
                event.result = fd
                event.arguments = [
                    EventArgument("dirfd", .integer(-100)), EventArgument("name", .path(path)),
                    EventArgument("flags", .flags(FlagSet(raw: 524_288, names: ["O_RDONLY", "O_CLOEXEC"]))),
                    EventArgument("mode", .integer(0)),
                ]
                event.fd = FileDescriptorInfo(number: fd, kind: .file, name: path)
            case 1:
                let tuple = SocketTuple(
                    family: .ipv4,
                    l4Protocol: .tcp,
                    clientIP: IPAddress("10.244.1.17"),
                    clientPort: UInt16(30_000 + random.next() % 30_000),
                    serverIP: IPAddress(random.oneIn(2) ? "10.96.0.10" : "2001:db8::1"),
                    serverPort: 443
                )
                event.type = .connect
                event.result = 0
                event.arguments = [EventArgument("fd", .integer(39)), EventArgument("tuple", .socketTuple(tuple))]
                event.fd = FileDescriptorInfo(number: 39, kind: .ipv4, name: "conn", tuple: tuple, isServer: false)
            case 2:
                event.type = .execve
                event.result = 0
                event.arguments = [EventArgument("filename", .path(exe))]
            case 3:
                event.type = .write
                event.result = 5
                event.arguments = [
                    EventArgument("fd", .integer(1)), EventArgument("data", .bytes([0xCA, 0xFE, 0, 0xFF])),
                ]
            default:
                event.type = .procexit
                event.direction = random.oneIn(3) ? .enter : .exit
                event.arguments = [EventArgument("status", .integer(0)), EventArgument("sig", .string("SIGTERM"))]
            }
            events.append(event)
        }
        return EventRecording.encode(events)
    }

    @Test func realisticLinesDecodeTheSame() {
        let text = Self.realisticRecording(count: 3_000, seed: 61)
        let lines = Self.lines(text)
        #expect(Self.differences(lines).isEmpty, "\(Self.differences(lines).prefix(5))")
        // And the fast path really decodes them all.
        let decoded = try? EventRecording.decode(text)
        #expect(decoded?.events.count == 3_000)
        #expect(decoded?.skippedLines == 0)
    }

    @Test func generatedEventsDecodeTheSame() {
        var generator = EventGenerator(seed: 62)
        let events = (0..<1_500).map { _ in generator.event() }
        var lines = Self.lines(EventRecording.encode(events))
        lines += events.prefix(300).map { Array(EventRecording.line(for: $0).utf8) }
        #expect(Self.differences(lines).isEmpty, "\(Self.differences(lines).prefix(5))")
    }

    @Test func documentationExampleDecodesTheSame() throws {
        let doc = try #require(TestFile.read(TestFile.repositoryPath("docs/event-recording.md")))
        let lines = doc.split(separator: "\n").map { $0.trimmingPrefix(" ") }.filter { $0.hasPrefix("{\"") }
        #expect(lines.count >= 8)
        let all = [Self.header] + lines.map { Array($0.utf8) }
        #expect(Self.differences(all).isEmpty, "\(Self.differences(all).prefix(5))")
    }

    @Test func handWrittenEdgeCasesDecodeTheSame() {
        let cases: [String] = [
            #"{"num":1,"ts":1,"type":"write","args":{"data":{"bytes":"00ff"}},"thread":{"pid":1}}"#,
            #"{"num":"x","ts":1,"type":"write","thread":{"pid":1}}"#,
            #"{"type":"nosuchcall","thread":{"pid":1}}"#,
            #"{"type":"openat"}"#,
            #"{"type":"openat","thread":{"pid":"one"}}"#,
            #"{"type":"connect","thread":{"pid":1},"fd":{"num":3,"tuple":{"family":"ipv4","sip":"300.1.1.1"}}}"#,
            #"{"type":"openat","thread":{"pid":1},"args":{"flags":[1]}}"#,
            #"{"format":"bulkhead-events","version":1}"#,
            #"{"format":null,"type":null}"#,
            #"{"format":1,"type":"open","thread":{"pid":1}}"#,
            #"{"type":"open","type":"bogus","thread":{"pid":1}}"#,
            #"{"type":"bogus","type":"open","thread":{"pid":1}}"#,
            #"{"type":"open","thread":{"pid":1},"thread":5}"#,
            #"{"type":"open","thread":{"pid":1,"pid":"x"}}"#,
            #"{"type":"open","thread":{"pid":null}}"#,
            #"{"type":"open","thread":{"pid":1,"tid":null,"euid":null,"uid":7,"loginuid":null}}"#,
            #"{"type":"open","thread":[],"num":-1}"#,
            #"{"type":"open","thread":{"pid":1.0}}"#,
            #"{"type":"open","thread":{"pid":1e2}}"#,
            #"{"type":"open","thread":{"pid":-0}}"#,
            #"{"type":"open","thread":{"pid":9223372036854775807}}"#,
            #"{"type":"open","thread":{"pid":-9223372036854775808}}"#,
            #"{"type":"open","thread":{"pid":9223372036854775808}}"#,
            #"{"type":"open","thread":{"pid":-9223372036854775809}}"#,
            #"{"type":"open","thread":{"pid":99999999999999999999}}"#,
            #"{"type":"open","thread":{"pid":1e400}}"#,
            #"{"type":"open","thread":{"pid":1},"num":-5,"ts":"x","dir":"?","res":true}"#,
            #"{"type":"open","thread":{"pid":1},"ts":-5,"dir":"?","res":true}"#,
            #"{"type":"open","thread":{"pid":1,"comm":5},"dir":"?","res":true}"#,
            #"{"type":"open","thread":{"pid":1,"comm":5,"cap":{"effective":"x"}}}"#,
            #"{"type":"open","thread":{"pid":1,"args":["a",1,null],"env":3}}"#,
            #"{"type":"open","thread":{"pid":1,"exe_ino":-1,"start_ts":-2}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":null}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":1.5,"b":true}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":{}}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":{"path":1,"flags":["x"]}}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":{"path":null,"flags":["x"],"raw":"y"}}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":{"path":null,"flags":null,"tuple":[],"bytes":"00"}}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":{"tuple":null,"bytes":"0"}}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":{"tuple":{"family":"ipv4","cport":70000}}}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":{"tuple":{"proto":"tcp"},"path":"/x"}}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":"x","a":2}}"#,
            #"{"type":"open","thread":{"pid":1},"args":[]}"#,
            #"{"type":"open","thread":{"pid":1},"fd":{"type":"file"}}"#,
            #"{"type":"open","thread":{"pid":1},"fd":{"num":1,"type":"nosuch","tuple":{"family":"ipv9"}}}"#,
            #"{"type":"open","thread":{"pid":1},"fd":{"num":1,"tuple":{"family":"ipv6","sip":"::ffff:1.2.3.4"}}}"#,
            #"{"type":"open","thread":{"pid":1},"fd":{"num":1,"tuple":{"family":"ipv4","sip":"01.2.3.4"}}}"#,
            #"{"type":"open","thread":{"pid":1},"fd":{"num":1,"tuple":{"family":"ipv4","sip":"1.2.3.4.5"}}}"#,
            #"{"type":"open","thread":{"pid":1},"fd":{"num":1,"tuple":{"family":"ipv4","sip":"1.2.3.256"}}}"#,
            #"{"type":"open","thread":{"pid":1},"fd":{"num":1,"tuple":{"family":"ipv4","sip":"1..3.4"}}}"#,
            #"{"type":"open","thread":{"pid":1},"fd":{"num":1,"tuple":{"family":"ipv4","sip":"١.2.3.4"}}}"#,
            #"{"type":"open","thread":{"pid":1},"fd":{"num":1,"server":"yes"},"container":{"id":5}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"name":"x","mounts":[1],"pod":3}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"id":"a","mounts":[{"rw":1},{"rw":"x"}]}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"id":"a","mounts":{}}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"id":"a","labels":{"k":"v","k":"w","j":1}}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"id":"a","pod":{"labels":{"x":null}}}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"id":"a","healthcheck":[1],"liveness_probe":2}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"id":"a","name":"full"}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"id":"a"}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"id":"a","id":"b"}}"#,
            #"{"type":"open","thread":{"pid":1},"container":{"id":"b"}}"#,
            #"{"type":"open","thread":{"pid":1},"container":null}"#,
            #"{"type":"open","thread":{"pid":1},"container":{}}"#,
            #"{"ty\u0070e":"open","thread":{"p\u0069d":1,"comm":"\ud83d\ude00\n\u00e9"}}"#,
            #"{"type":"open","thread":{"pid":1,"comm":"\ud800"}}"#,
            #"{"type":"open","thread":{"pid":1,"comm":"\udc00x"}}"#,
            #"{"type":"open","thread":{"pid":1,"comm":"\ud800\u0041"}}"#,
            #"{"type":"open","thread":{"pid":1,"comm":"\ud800\u00"}}"#,
            #"{"type":"open","thread":{"pid":1,"comm":"\uZZZZ"}}"#,
            #"{"type":"open","thread":{"pid":1,"comm":"\x"}}"#,
            #"{"type":"open","thread":{"pid":1,"a_very_long_unknown_key_longer_than_sixteen":[{"x":[1,2,{}]}]}}"#,
            #"{"type":"open","thread":{"pid":1}} "#,
            #" {"type":"open","thread":{"pid":1}}x"#,
            #"{"type":"open","thread":{"pid":1},}"#,
            #"{"type":"open","thread":{"pid":1,}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"a":[1,]}}"#,
            #"{"type":"open","thread":{"pid":1},"x":tru}"#,
            #"{"type":"open","thread":{"pid":1},"x":nul}"#,
            #"{"type":"open","thread":{"pid":01}}"#,
            #"{"type":"open","thread":{"pid":-}}"#,
            #"{"type":"open","thread":{"pid":1.}}"#,
            #"{"type":"open","thread":{"pid":1e}}"#,
            #"{"type":"open","thread":{"pid":+1}}"#,
            #"{"type":"open","thread":{"pid" 1}}"#,
            #"{"type":"open","thread":{pid:1}}"#,
            #"[1,2,3]"#, #""just a string""#, "42", "null", "true", "{}", "[", "{", "{\"", "\"",
            "\t{\"type\":\"open\",\"thread\":{\"pid\":1}}\t", "{\"type\":\"open\",\"thread\":{\"pid\":1}}\r",
        ]
        let lines = [Self.header] + cases.map { Array($0.utf8) }
        let found = Self.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    // MARK: Hostile lines

    @Test func invalidUTF8AndControlBytesDecodeTheSame() {
        let good = Array(#"{"type":"open","thread":{"pid":1,"comm":"ab"}}"#.utf8)
        let at = good.firstIndex(of: UInt8(ascii: "b")) ?? 0
        let inserts: [[UInt8]] = [
            [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0x00], [0x1F], [0x7F], [0xC3], [0x80], [0xC3, 0xA9], [0x5C, 0x75, 0x30, 0x30, 0x30, 0x30],
        ]
        var lines = [Self.header]
        for insert in inserts {
            var line = good
            line.insert(contentsOf: insert, at: at)
            lines.append(line)
            // The same bytes in a key and next to an escape.
            var key = good
            key.insert(contentsOf: insert, at: 3)
            lines.append(key)
            var escaped = good
            escaped.insert(contentsOf: insert + Array(#"\u00e9"#.utf8), at: at)
            lines.append(escaped)
        }
        let found = Self.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    @Test func deepNestingDecodesTheSameWithoutRecursion() {
        let deepArrays = String(repeating: "[", count: 100_000)
        let deepObjects = String(repeating: #"{"a":"#, count: 100_000)
        let texts = [
            #"{"type":"open","thread":{"pid":1},"args":{"a":"# + deepArrays + "}}",
            #"{"type":"open","thread":{"pid":1},"unknown":"# + deepObjects,
            #"{"type":"open","thread":{"pid":1,"args":"# + deepArrays,
            deepArrays,
            deepObjects,
            #"{"type":"open","thread":{"pid":1},"x":"# + String(repeating: "[", count: 510)
                + String(repeating: "]", count: 510) + "}",
            #"{"type":"open","thread":{"pid":1},"x":"# + String(repeating: "[", count: 511)
                + String(repeating: "]", count: 511) + "}",
            #"{"type":"open","thread":{"pid":1},"x":"# + String(repeating: "[", count: 511) + "1"
                + String(repeating: "]", count: 511) + "}",
            #"{"type":"open","thread":{"pid":1},"x":"# + String(repeating: "[", count: 509) + "{\"k\":1}"
                + String(repeating: "]", count: 509) + "}",
            #"{"type":"open","thread":{"pid":1},"x":"# + String(repeating: "[", count: 510) + "{}"
                + String(repeating: "]", count: 510) + "}",
        ]
        let lines = [Self.header] + texts.map { Array($0.utf8) }
        let found = Self.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    @Test func hugeNumbersAndLinesDecodeTheSame() {
        let digits = String(repeating: "9", count: 400)
        let texts = [
            #"{"type":"open","thread":{"pid":"# + digits + "}}",
            #"{"type":"open","thread":{"pid":1},"x":"# + digits + "}",
            #"{"type":"open","thread":{"pid":1},"x":1"# + String(repeating: "0", count: 308) + "}",
            #"{"type":"open","thread":{"pid":1},"x":1"# + String(repeating: "0", count: 309) + "}",
            #"{"type":"open","thread":{"pid":1},"x":0."# + digits + "e-99999}",
            #"{"type":"open","thread":{"pid":1},"x":1e-400}"#,
            #"{"type":"open","thread":{"pid":1},"num":1e308,"ts":-1e309}"#,
            #"{"type":"open","thread":{"pid":1,"comm":""# + String(repeating: "é", count: 400_000) + #""}}"#,
            #"{"type":"open","thread":{"pid":1,"comm":""# + String(repeating: "x", count: 1 << 20) + #""}}"#,
            #"{"type":"open","thread":{"pid":1},"args":{"# + (0..<65).map { "\"a\($0)\":\($0)" }.joined(separator: ",")
                + "}}",
            #"{"type":"open","thread":{"pid":1},"args":{"# + (0..<64).map { "\"a\($0)\":\($0)" }.joined(separator: ",")
                + "}}",
        ]
        let lines = [Self.header] + texts.map { Array($0.utf8) }
        let found = Self.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    // MARK: Mutations

    static let tokens: [[UInt8]] =
        [
            "\"", "{", "}", "[", "]", ",", ":", "null", "true", "false", "-1", "-0", "0", "1.5", "1e400", "-", ".", "e",
            "\\u", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u00e9", "\\n", "\\", " ", "\t", "\r",
            "99999999999999999999", "9223372036854775808", "-9223372036854775808", "\"type\":\"x\"", "\"pid\":",
            "\"args\":{\"a\":1}", "\"format\":1", "\"container\":{\"id\":\"3ad7b26ded6d\"}", "{\"path\":1}",
        ].map { Array($0.utf8) } + [[0xFF], [0x00], [0xC3], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80]]

    /// A few random byte-level edits of `line`.
    static func mutate(_ line: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var line = line
        for _ in 0..<Int(random.next() % 3 + 1) {
            guard !line.isEmpty else { break }
            let at = Int(random.next() % UInt64(line.count))
            switch random.next() % 6 {
            case 0: line.remove(at: at)
            case 1: line.insert(contentsOf: random.pick(tokens), at: at)
            case 2: line[at] = UInt8(truncatingIfNeeded: random.next())
            case 3: line.removeLast(line.count - at)
            case 4: line.replaceSubrange(at..<min(line.count, at + Int(random.next() % 8)), with: random.pick(tokens))
            default: line[at] ^= 1 << UInt8(random.next() % 8)
            }
        }
        return line
    }

    @Test func byteMutatedLinesDecodeTheSame() {
        var random = SplitMix64(seed: 0x5EED)
        var generator = EventGenerator(seed: 64)
        var sources = Self.lines(Self.realisticRecording(count: 200, seed: 63)).dropFirst().filter { !$0.isEmpty }
        sources += (0..<200).map { _ in Array(EventRecording.line(for: generator.event()).utf8) }
        var lines = [Self.header]
        for _ in 0..<6_000 { lines.append(Self.mutate(random.pick(sources), &random)) }
        let found = Self.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    /// A random JSON value, small.
    static func randomValue(_ random: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch random.next() % (depth > 2 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(random.oneIn(2))
        case 2: return .int(random.pick([0, -1, 1, 65_535, 65_536, Int.max, Int.min, 4243, -100]))
        case 3: return .double(random.pick([1.5, -0.25, 1e300, 2.0]))
        case 4:
            return .string(
                random.pick(["", "x", "ipv4", "tcp", "open", ">", "<", "file", "10.0.0.1", "::1", "cafe", "abc", "é"])
            )
        case 5: return .string(random.pick(["3ad7b26ded6d", "/etc/shadow", "O_RDONLY", "unix", "io_uring"]))
        case 6: return .array((0..<Int(random.next() % 3)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            let keys = ["path", "flags", "raw", "tuple", "bytes", "family", "id", "pid", "num", "x", "sip", "cport"]
            return .object(
                (0..<Int(random.next() % 3)).map { _ in (random.pick(keys), randomValue(&random, depth: depth + 1)) }
            )
        }
    }

    /// A structural edit somewhere in `value`: replace, remove, duplicate or add a member, or wrap a value.
    static func mutate(_ value: JSONValue, _ random: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch value {
        case .object(var pairs) where !pairs.isEmpty && (depth == 0 || !random.oneIn(3)):
            let i = Int(random.next() % UInt64(pairs.count))
            switch random.next() % 6 {
            case 0: pairs[i].1 = randomValue(&random)
            case 1: pairs.remove(at: i)
            case 2: pairs.insert((pairs[i].0, randomValue(&random)), at: Int(random.next() % UInt64(pairs.count + 1)))
            case 3: pairs.insert((random.pick(["zz", "extra", "format", "type"]), randomValue(&random)), at: i)
            default: pairs[i].1 = mutate(pairs[i].1, &random, depth: depth + 1)
            }
            return .object(pairs)
        case .array(var items) where !items.isEmpty && !random.oneIn(3):
            let i = Int(random.next() % UInt64(items.count))
            items[i] = random.oneIn(2) ? randomValue(&random) : mutate(items[i], &random, depth: depth + 1)
            return .array(items)
        case .int(let n) where random.oneIn(2):
            return .int(random.pick([-n, n &* 1_000_000_007, -1, 70_000]))
        default:
            return randomValue(&random)
        }
    }

    @Test func structurallyMutatedLinesDecodeTheSame() throws {
        var random = SplitMix64(seed: 0xD1FF)
        var generator = EventGenerator(seed: 65)
        var sources = Self.lines(Self.realisticRecording(count: 200, seed: 66)).dropFirst().filter { !$0.isEmpty }
        sources += (0..<200).map { _ in Array(EventRecording.line(for: generator.event()).utf8) }
        let values = try sources.map { try JSONParser.parse(bytes: $0) }
        var lines = [Self.header]
        for _ in 0..<6_000 {
            var value = random.pick(values)
            for _ in 0..<Int(random.next() % 3 + 1) { value = Self.mutate(value, &random) }
            lines.append(Array(value.serialized(pretty: random.oneIn(10)).utf8))
        }
        let found = Self.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
        // Most of these are valid JSON with wrong members: the test exercises the member checks, not only syntax.
        let decoded = try EventRecording.decode(
            Array(lines.map { $0 + [0x0A] }.joined()),
            limits: .init(maximumDiagnostics: 100_000)
        )
        #expect(decoded.diagnostics.filter { !$0.message.hasPrefix("invalid JSON") }.count > 500)
    }

    @Test func randomBytesDecodeTheSame() {
        var random = SplitMix64(seed: 0xB17E)
        var lines = [Self.header]
        for _ in 0..<2_000 {
            let count = Int(random.next() % 200)
            lines.append((0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
        let found = Self.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    @Test func differingLimitsDecodeTheSame() {
        let text = Self.realisticRecording(count: 300, seed: 67)
        let lines = Self.lines(text)
        for limits in [
            EventRecordingReader.Limits(maximumLineBytes: 300, maximumDiagnostics: 10_000, maximumArguments: 2),
            EventRecordingReader.Limits(maximumDiagnostics: 3, maximumArguments: 0, maximumContainers: 1),
        ] {
            let found = Self.differences(lines, limits: limits)
            #expect(found.isEmpty, "\(found.prefix(5))")
        }
    }

    @Test func theDifferentialCheckNoticesADifference() {
        // Guard against a comparison that can never fail: a line whose decoding depends on the reader state
        // (a container reference) compared against a reader that has not seen the full description.
        let full = #"{"type":"open","thread":{"pid":1},"container":{"id":"a","name":"web"}}"#
        let short = #"{"type":"open","thread":{"pid":1},"container":{"id":"a"}}"#
        var fast = EventRecordingReader()
        var reference = EventRecordingReader()
        reference.usesReferenceDecoder = true
        _ = try? fast.read(line: Self.header)
        _ = try? reference.read(line: Self.header)
        _ = try? fast.read(line: Array(full.utf8))
        let a = try? fast.read(line: Array(short.utf8))
        let b = try? reference.read(line: Array(short.utf8))
        #expect(a != b)
        #expect(a?.container.name == "web")
    }
}

@Suite struct RecordingStringCacheTests {
    @Test func cachedStringsAreAlwaysTheStringsOfTheirBytes() {
        var random = SplitMix64(seed: 0xCAC4E)
        var cache = RecordingStringCache()
        let pieces = ["a", "/usr/bin/", "é", "😀", "x", "-", "0", "\u{7F}", "config.yaml"]
        // Few distinct strings (hits) and many (collisions and replacements), of every cached length and beyond.
        var pool = (0..<3_000).map { _ in (0..<Int(random.next() % 12)).map { _ in random.pick(pieces) }.joined() }
        pool += pool.prefix(50)
        for round in 0..<20_000 {
            let text = round % 3 == 0 ? random.pick(Array(pool.prefix(20))) : random.pick(pool)
            let bytes = Array(text.utf8)
            let made = bytes.withUnsafeBufferPointer { cache.string($0) }
            #expect(made == text)
            if made != text { break }
        }
    }
}

@Suite struct RecordingNumberDifferentialTests {
    @Test func numbersOfEveryLengthDecodeTheSame() {
        var random = SplitMix64(seed: 0x0123)
        var lines = [RecordingDecoderDifferentialTests.header]
        for _ in 0..<6_000 {
            let length = Int(random.next() % 26) + 1
            var digits = (0..<length).map { _ in String(random.next() % 10) }.joined()
            switch random.next() % 8 {
            case 0: digits = "-" + digits
            case 1: digits += "." + String(random.next() % 100)
            case 2: digits += "e" + String(random.next() % 30)
            case 3: digits = "0" + digits
            case 4:
                digits.insert(
                    random.pick(["x", "/", ":", "a", " "]),
                    at: digits.index(digits.startIndex, offsetBy: length / 2)
                )
            default: break
            }
            let member = random.pick(["pid", "ppid", "uid", "tty"])
            let text = #"{"type":"open","ts":"# + digits + #","thread":{"pid":1,""# + member + #"":"# + digits + "}}"
            lines.append(Array(text.utf8))
        }
        for edge in [
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "18446744073709551615", "18446744073709551616", "99999999", "100000000", "1234567812345678",
            "12345678123456789", "00000000", "-00000000", "-0", "0",
        ] {
            lines.append(Array((#"{"type":"open","thread":{"pid":"# + edge + "}}").utf8))
        }
        let found = RecordingDecoderDifferentialTests.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
    }
}

@Suite struct RecordingThreadCacheTests {
    /// Lines whose thread objects repeat exactly, differ late (past the hashed prefix), differ in nesting or
    /// were bad: a kept thread is reused only for the very same bytes.
    @Test func repeatedAndNearlyRepeatedThreadsDecodeTheSame() {
        let base = #"{"pid":4242,"ppid":1,"comm":"bash","exe":"/bin/bash","exepath":"/bin/bash","args":["-c","x"]"#
        let threads = [
            base + "}", base + "}", base + #","uid":1}"#, base + #","uid":2}"#, base + #","uid":2}"#,
            base + #","uid":"2"}"#, base + #","uid":"2"}"#, base + #","x":[[{}]]}"#, base + #","x":[[{}]]}"#,
            base + "}", base + #" }"#, base + "}", #"{"pid":"x"}"#, #"{"pid":"x"}"#, base + #","cap":{"effective":1}}"#,
            base + #","cap":{"effective":2}}"#, base + #","cap":{"effective":1}}"#, base + "}",
        ]
        var lines = [RecordingDecoderDifferentialTests.header]
        for (i, thread) in threads.enumerated() {
            lines.append(Array((#"{"num":\#(i),"type":"open","thread":"# + thread + "}").utf8))
            // The same object followed by a truncated line: the object may match, the line must still fail.
            lines.append(Array((#"{"num":\#(i),"type":"open","thread":"# + thread + ",").utf8))
            lines.append(Array((#"{"num":\#(i),"type":"open","thread":"# + thread).utf8))
        }
        let found = RecordingDecoderDifferentialTests.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
        // And the decoded threads really differ where their bytes do.
        let text = lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        let uids = (try? EventRecording.decode(text))?.events.map(\.thread.uid) ?? []
        #expect(uids.contains(1) && uids.contains(2))
    }
}

@Suite struct RecordingArgumentCacheTests {
    /// Argument objects that repeat exactly, differ late, or were bad: a kept value is reused only for the
    /// very same bytes, whatever the argument's name.
    @Test func repeatedAndNearlyRepeatedArgumentObjectsDecodeTheSame() {
        let flags = #"{"flags":["O_RDONLY","O_CLOEXEC","O_NONBLOCK","O_DIRECTORY"],"raw":"#
        let objects = [
            flags + "524288}", flags + "524288}", flags + "524289}", flags + "524289}", flags + #""x"}"#,
            flags + #""x"}"#, #"{"path":"/etc/shadow"}"#, #"{"path":"/etc/shadow"}"#, #"{"path":1}"#, #"{"path":1}"#,
            #"{"bytes":"0"}"#, #"{"bytes":"00"}"#, #"{"tuple":{"family":"ipv4","sip":"10.0.0.1"}}"#,
            #"{"tuple":{"family":"ipv4","sip":"10.0.0.1"}}"#, #"{"tuple":{"family":"ipv4","sip":"10.0.0.300"}}"#,
            flags + "524288}",
        ]
        var lines = [RecordingDecoderDifferentialTests.header]
        for (i, object) in objects.enumerated() {
            for name in ["flags", "name", "a\(i)"] {
                lines.append(
                    Array((#"{"type":"open","thread":{"pid":1},"args":{""# + name + #"":"# + object + "}}").utf8)
                )
            }
            lines.append(Array((#"{"type":"open","thread":{"pid":1},"args":{"x":"# + object).utf8))
        }
        let found = RecordingDecoderDifferentialTests.differences(lines)
        #expect(found.isEmpty, "\(found.prefix(5))")
    }
}
