import RuntimeEvents
import Testing

@Suite struct EventFieldsTests {
    /// A container shell reading a file, three generations below a containerd shim.
    static func scene() -> (RuntimeEvent, ProcessTable) {
        var table = ProcessTable()
        let shim = ThreadInfo(
            pid: 900,
            ppid: 1,
            comm: "containerd-shim",
            exe: "containerd-shim",
            exePath: "/usr/bin/containerd-shim"
        )
        let runc = ThreadInfo(pid: 950, ppid: 900, comm: "runc", exe: "runc", exePath: "/usr/bin/runc", args: ["init"])
        let bash = ThreadInfo(
            pid: 1000,
            ppid: 950,
            comm: "bash",
            exe: "bash",
            exePath: "/bin/bash",
            args: ["-i"],
            sid: 1000
        )
        table.seed([
            ProcessRecord(thread: ThreadInfo(pid: 1, comm: "systemd")), ProcessRecord(thread: shim),
            ProcessRecord(thread: runc), ProcessRecord(thread: bash),
        ])
        let container = ContainerInfo(
            id: "0123456789ab",
            name: "web",
            image: "nginx:1.27",
            imageRepository: "nginx",
            imageTag: "1.27",
            imageDigest: "sha256:abc",
            runtime: "containerd",
            privileged: true,
            mounts: [
                .init(source: "/proc", destination: "/host/proc", mode: "ro", readWrite: false),
                .init(source: "/var/run/docker.sock", destination: "/var/run/docker.sock"),
            ],
            labels: ["app": "web", "tier": "front", "io.kubernetes.pod.namespace": "prod"],
            healthcheck: ["curl", "-f", "http://localhost/"],
            pod: .init(name: "web-7d9", uid: "u-1", namespace: "prod", labels: ["team": "a"])
        )
        let cat = ThreadInfo(
            pid: 1001,
            tid: 1001,
            ppid: 1000,
            vpid: 7,
            comm: "cat",
            exe: "cat",
            exePath: "/usr/bin/cat",
            args: ["/etc/shadow"],
            env: ["HOME=/root", "HTTP_PROXY=http://p"],
            cwd: "/root",
            tty: 34_816,
            sid: 1000,
            uid: 0,
            gid: 0,
            loginUID: -1,
            userName: "root",
            groupName: "root",
            capabilities: Capabilities(effective: 1 << 21, permitted: (1 << 21) | (1 << 16)),
            vpgid: 7,
            startTime: 1_700_000_000_000_000_000,
            isExeFromMemfd: true
        )
        let event = RuntimeEvent(
            number: 42,
            timestamp: 1_700_000_000_123_456_789,
            type: .openat,
            result: 3,
            arguments: [
                EventArgument("fd", .integer(-100)), EventArgument("name", .path("/etc/shadow")),
                EventArgument("flags", .flags(FlagSet(raw: 0x8000, names: ["O_RDONLY", "O_CLOEXEC"]))),
                EventArgument("mode", .integer(0)),
            ],
            thread: cat,
            fd: FileDescriptorInfo(number: 3, kind: .file, name: "/etc/shadow"),
            container: container
        )
        table.apply(event)
        return (event, table)
    }

    static let expectations: [(String, FieldValue?)] = [
        ("evt.type", .string("openat")),
        ("evt.num", .number(42)),
        ("evt.rawtime", .number(1_700_000_000_123_456_789)),
        ("evt.time", .string("22:13:20.123456789")),
        ("evt.datetime", .string("2023-11-14 22:13:20.123456789")),
        ("evt.time.iso8601", .string("2023-11-14T22:13:20.123456789Z")),
        ("evt.dir", .string("<")),
        ("evt.res", .string("SUCCESS")),
        ("evt.rawres", .number(3)),
        ("evt.failed", .boolean(false)),
        ("evt.arg.name", .string("/etc/shadow")),
        ("evt.arg[1]", .string("/etc/shadow")),
        ("evt.arg.flags", .string("O_RDONLY|O_CLOEXEC")),
        ("evt.rawarg.flags", .number(0x8000)),
        ("evt.arg.missing", nil),
        ("evt.args", .string("fd=-100 name=/etc/shadow flags=O_RDONLY|O_CLOEXEC mode=0")),
        ("evt.is_open_read", .boolean(true)),
        ("evt.is_open_write", .boolean(false)),
        ("evt.is_open_create", .boolean(false)),
        ("fs.path.name", .string("/etc/shadow")),
        ("proc.pid", .number(1001)),
        ("proc.vpid", .number(7)),
        ("proc.ppid", .number(1000)),
        ("proc.name", .string("cat")),
        ("proc.exe", .string("cat")),
        ("proc.exepath", .string("/usr/bin/cat")),
        ("proc.args", .string("/etc/shadow")),
        ("proc.cmdline", .string("cat /etc/shadow")),
        ("proc.cwd", .string("/root")),
        ("proc.tty", .number(34_816)),
        ("proc.sid", .number(1000)),
        ("proc.sname", .string("bash")),
        ("proc.env[HTTP_PROXY]", .string("http://p")),
        ("proc.env", .string("HOME=/root HTTP_PROXY=http://p")),
        ("proc.pname", .string("bash")),
        ("proc.pcmdline", .string("bash -i")),
        ("proc.pexepath", .string("/bin/bash")),
        ("proc.aname[0]", .string("cat")),
        ("proc.aname[1]", .string("bash")),
        ("proc.aname[2]", .string("runc")),
        ("proc.aname[3]", .string("containerd-shim")),
        ("proc.aname[4]", .string("systemd")),
        ("proc.aname[5]", nil),
        ("proc.aname", .list([.string("bash"), .string("runc"), .string("containerd-shim"), .string("systemd")])),
        ("proc.apid[2]", .number(950)),
        ("proc.acmdline[2]", .string("runc init")),
        ("proc.is_container_healthcheck", .boolean(false)),
        ("proc.vpgid", .number(7)),
        ("proc.is_vpgid_leader", .boolean(true)),
        ("proc.duration", .number(123_456_789)),
        ("proc.is_exe_from_memfd", .boolean(true)),
        ("proc.is_exe_upper_layer", .boolean(false)),
        ("thread.tid", .number(1001)),
        ("thread.ismain", .boolean(true)),
        ("thread.cap_effective", .flags(FlagSet(raw: 1 << 21, names: ["CAP_SYS_ADMIN"]))),
        (
            "thread.cap_permitted",
            .flags(FlagSet(raw: (1 << 21) | (1 << 16), names: ["CAP_SYS_MODULE", "CAP_SYS_ADMIN"]))
        ),
        ("user.uid", .number(0)),
        ("user.name", .string("root")),
        ("user.loginuid", .number(-1)),
        ("user.loginname", nil),
        ("group.gid", .number(0)),
        ("group.name", .string("root")),
        ("fd.num", .number(3)),
        ("fd.name", .string("/etc/shadow")),
        ("fd.type", .string("file")),
        ("fd.typechar", .string("f")),
        ("fd.directory", .string("/etc")),
        ("fd.filename", .string("shadow")),
        ("fd.sip", nil),
        ("fd.l4proto", nil),
        ("fd.types", .list([.string("file")])),
        ("container.id", .string("0123456789ab")),
        ("container.name", .string("web")),
        ("container.image", .string("nginx:1.27")),
        ("container.image.repository", .string("nginx")),
        ("container.image.tag", .string("1.27")),
        ("container.image.digest", .string("sha256:abc")),
        ("container.type", .string("containerd")),
        ("container.privileged", .boolean(true)),
        ("container.label.app", .string("web")),
        ("container.label[tier]", .string("front")),
        ("container.label.none", nil),
        ("container.labels", .string("app:web, io.kubernetes.pod.namespace:prod, tier:front")),
        ("container.label.io.kubernetes.pod.namespace", .string("prod")),
        ("container.mount.dest[/proc*]", .string("/host/proc")),
        ("container.mount.dest[/root*]", nil),
        ("container.mount.dest[1]", .string("/var/run/docker.sock")),
        ("container.mount.source[/var/run/*.sock]", .string("/var/run/docker.sock")),
        ("k8s.pod.name", .string("web-7d9")),
        ("k8s.ns.name", .string("prod")),
        ("k8s.pod.uid", .string("u-1")),
        ("k8s.pod.label.team", .string("a")),
    ]

    @Test(arguments: expectations.indices)
    func fieldExtraction(_ index: Int) throws {
        let (reference, expected) = Self.expectations[index]
        let (event, table) = Self.scene()
        let field = try #require(EventFields.resolve(reference), "\(reference) should resolve")
        #expect(field.extract(event, table) == expected, "\(reference)")
    }

    @Test func socketFieldsFollowTheTupleAndTheRole() throws {
        let tuple = SocketTuple(
            family: .ipv4,
            l4Protocol: .tcp,
            clientIP: IPAddress("172.17.0.2"),
            clientPort: 51_000,
            serverIP: IPAddress("10.1.2.3"),
            serverPort: 6443
        )
        var event = RuntimeEvent(
            timestamp: 0,
            type: .connect,
            result: 0,
            arguments: [EventArgument("fd", .integer(5))],
            thread: ThreadInfo(pid: 5),
            fd: FileDescriptorInfo(number: 5, kind: .ipv4, name: tuple.description, tuple: tuple, isServer: false)
        )
        let table = ProcessTable()
        func value(_ name: String) -> FieldValue? { EventFields.resolve(name)?.extract(event, table) }
        #expect(value("fd.name") == .string("172.17.0.2:51000->10.1.2.3:6443"))
        #expect(value("fd.typechar") == .string("4"))
        #expect(value("fd.sip") == ipValue("10.1.2.3"))
        #expect(value("fd.cport") == .number(51_000))
        #expect(value("fd.sport") == .number(6443))
        #expect(value("fd.lport") == .number(51_000))
        #expect(value("fd.rport") == .number(6443))
        #expect(value("fd.rip") == ipValue("10.1.2.3"))
        #expect(value("fd.l4proto") == .string("tcp"))
        #expect(value("fd.sockfamily") == .string("ip"))
        #expect(value("fd.connected") == .boolean(true))
        #expect(value("fd.is_server") == .boolean(false))
        #expect(value("fd.ip") == .list([ipValue("172.17.0.2"), ipValue("10.1.2.3")].compactMap { $0 }))
        #expect(EventFields.definition(named: "fd.snet")?.type == .ipnet)
        #expect(value("container.id") == .string("host"))
        #expect(value("container.name") == .string("host"))
        #expect(value("container.privileged") == nil)
        event.fd?.isServer = true
        #expect(value("fd.lport") == .number(6443))
        event.result = -111
        #expect(value("evt.res") == .string("ECONNREFUSED"))
        #expect(value("evt.failed") == .boolean(true))
    }

    /// `fd.name` is the absolute path with `.`, `..` and repeated slashes resolved (against the thread's cwd for
    /// relative paths), as Falco gives it; `fd.nameraw` keeps the path as recorded.
    @Test(arguments: [
        ("/var/www/html/../../../etc/shadow", "/", "/etc/shadow"),
        ("conf/./app.yaml", "/srv", "/srv/conf/app.yaml"),
        ("../etc//passwd", "/srv/app", "/srv/etc/passwd"),
        ("/../../", "/", "/"),
        ("relative.txt", "", "relative.txt"),
    ])
    func fdNameIsResolvedAndNamerawIsNot(raw: String, cwd: String, resolved: String) {
        var table = ProcessTable()
        var app = ThreadInfo(pid: 8, ppid: 1, comm: "app")
        app.cwd = cwd
        table.apply(Scenario.open(app, raw, fd: 6))
        // A later event on the descriptor reads its name from the table.
        let event = RuntimeEvent(
            timestamp: 2,
            type: .sendto,
            result: 1,
            arguments: [EventArgument("fd", .integer(6))],
            thread: app
        )
        #expect(EventFields.resolve("fd.name")?.extract(event, table) == .string(resolved))
        #expect(EventFields.resolve("fd.nameraw")?.extract(event, table) == .string(raw))
    }

    @Test func fdFieldsFallBackToTheProcessTable() {
        var table = ProcessTable()
        let app = ThreadInfo(pid: 8, ppid: 1, comm: "app")
        table.apply(Scenario.open(app, "/var/lib/data.db", fd: 6))
        let write = RuntimeEvent(
            timestamp: 1,
            type: .sendto,
            result: 10,
            arguments: [EventArgument("fd", .integer(6))],
            thread: app
        )
        #expect(EventFields.resolve("fd.name")?.extract(write, table) == .string("/var/lib/data.db"))
        #expect(EventFields.resolve("fd.filename")?.extract(write, table) == .string("data.db"))
        #expect(EventFields.resolve("proc.pname")?.extract(write, table) == nil)
    }

    @Test func healthcheckIsRecognisedOnTheProcessOrAnAncestor() {
        let (scene, table) = Self.scene()
        var event = scene
        event.thread.comm = "curl"
        event.thread.exe = "curl"
        event.thread.args = ["-f", "http://localhost/"]
        let field = EventFields.resolve("proc.is_container_healthcheck")
        #expect(field?.extract(event, table) == .boolean(true))
        event.container.healthcheck = nil
        #expect(field?.extract(event, table) == .boolean(false))
    }

    @Test func referencesThatDoNotFitAreRejected() {
        for reference in [
            "proc.nosuch", "evt.arg", "container.label", "proc.name[1]", "proc.aname[x]", "fd.sip.fqdn", "evt.arg.",
            "proc.aname[]", "container.mount.dest", "k8s.pod.label", "", ".", "[", "proc.aname[99999999999]",
        ] {
            #expect(!EventFields.serves(reference), "\(reference)")
        }
        #expect(EventFields.serves("proc.aname"))
        #expect(EventFields.serves("evt.arg.flags"))
    }

    @Test func catalogueNamesAreUniqueAndTyped() {
        let names = EventFields.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(EventFields.all.allSatisfy { !$0.summary.isEmpty })
        #expect(EventFields.definition(named: "thread.cap_permitted")?.type == .flags)
        #expect(EventFields.definition(named: "proc.aname")?.argument == .optionalIndex)
    }

    @Test func timeFormattingHandlesTheEpochAndLeapDays() {
        let table = ProcessTable()
        var event = RuntimeEvent(timestamp: 0, type: .open, thread: ThreadInfo(pid: 1))
        let field = EventFields.resolve("evt.datetime")
        #expect(field?.extract(event, table) == .string("1970-01-01 00:00:00.000000000"))
        event.timestamp = 951_782_400_000_000_001  // 2000-02-29
        #expect(field?.extract(event, table) == .string("2000-02-29 00:00:00.000000001"))
    }
}

/// An IP field value, nil when the text is not an address.
func ipValue(_ text: String) -> FieldValue? { IPAddress(text).map { .ip($0) } }

@Suite struct DocumentedExampleReplayTests {
    @Test func replayingTheDocumentedExampleGivesTheDocumentedFields() throws {
        let doc = try #require(TestFile.read(TestFile.repositoryPath("docs/event-recording.md")))
        let lines = doc.split(separator: "\n").filter { $0.hasPrefix("{\"") }.joined(separator: "\n")
        let events = try EventRecording.decode(lines).events
        try #require(events.count == 7)
        var table = ProcessTable()
        var values: [Int: [String: FieldValue?]] = [:]
        let wanted: [Int: [String]] = [
            2: [
                "proc.name", "proc.pname", "proc.cmdline", "fd.name", "fd.directory", "fd.typechar",
                "container.image.repository", "k8s.ns.name",
            ],
            4: ["fd.sip", "fd.sport", "fd.l4proto", "fd.lport"],
            6: ["evt.res", "container.id"],
        ]
        for (index, event) in events.enumerated() {
            for name in wanted[index] ?? [] {
                values[index, default: [:]][name] = EventFields.resolve(name)?.extract(event, table)
            }
            table.apply(event)
        }
        #expect(values[2]?["proc.name"] == .string("cat"))
        #expect(values[2]?["proc.pname"] == .string("bash"))
        #expect(values[2]?["proc.cmdline"] == .string("cat /etc/shadow"))
        #expect(values[2]?["fd.name"] == .string("/etc/shadow"))
        #expect(values[2]?["fd.directory"] == .string("/etc"))
        #expect(values[2]?["fd.typechar"] == .string("f"))
        #expect(values[2]?["container.image.repository"] == .string("docker.io/library/nginx"))
        #expect(values[2]?["k8s.ns.name"] == .string("shop"))
        #expect(values[4]?["fd.sip"] == IPAddress("10.96.0.1").map { .ip($0) })
        #expect(values[4]?["fd.sport"] == .number(443))
        #expect(values[4]?["fd.l4proto"] == .string("tcp"))
        #expect(values[4]?["fd.lport"] == .number(51_234))
        #expect(values[6]?["evt.res"] == .string("ENOENT"))
        #expect(values[6]?["container.id"] == .string("host"))
        // After the replay, cat has exited and its close removed fd 3 before that.
        #expect(table.process(4243) == nil)
        #expect(table.process(4242) != nil)
    }
}
