import FalcoRules
import RuntimeEvents

/// Hand-made events for the engine tests.
enum TestEvents {
    static func thread(
        pid: Int64 = 200,
        ppid: Int64 = 100,
        comm: String = "cat",
        args: [String] = [],
        tty: Int64 = 0,
        uid: Int64 = 0
    ) -> ThreadInfo {
        ThreadInfo(
            pid: pid,
            ppid: ppid,
            comm: comm,
            exe: comm,
            exePath: "/usr/bin/\(comm)",
            args: args,
            tty: tty,
            uid: uid,
            userName: uid == 0 ? "root" : "user"
        )
    }

    static func open(
        _ path: String,
        comm: String = "cat",
        flags: [String] = ["O_RDONLY"],
        container: ContainerInfo = .host
    ) -> RuntimeEvent {
        RuntimeEvent(
            number: 1,
            timestamp: 1,
            type: .openat,
            result: 3,
            arguments: [
                EventArgument("fd", .integer(3)), EventArgument("name", .path(path)),
                EventArgument("flags", .flags(FlagSet(raw: 0, names: flags))),
            ],
            thread: thread(comm: comm),
            fd: FileDescriptorInfo(number: 3, kind: .file, name: path),
            container: container
        )
    }

    static func connect(to address: String, port: Int64) -> RuntimeEvent {
        let tuple = SocketTuple(
            family: .ipv4,
            l4Protocol: .tcp,
            clientIP: IPAddress("10.0.0.5"),
            clientPort: 40000,
            serverIP: IPAddress(address),
            serverPort: UInt16(port)
        )
        return RuntimeEvent(
            number: 1,
            timestamp: 1,
            type: .connect,
            result: 0,
            arguments: [EventArgument("fd", .integer(4))],
            thread: thread(comm: "curl"),
            fd: FileDescriptorInfo(
                number: 4,
                kind: .ipv4,
                name: "10.0.0.5:40000->\(address):\(port)",
                tuple: tuple,
                isServer: false
            )
        )
    }

    static let container = ContainerInfo(id: "0123456789ab", name: "web", image: "nginx:1")
}

/// A rules file of one rule, `Probe`, with the given condition.
enum ProbeRule {
    static func ruleSet(_ condition: String) -> RuleSet {
        let text = """
            - rule: Probe
              desc: test
              condition: \(condition)
              output: probe
              priority: WARNING
            """
        return RulesLoader().load(path: "probe.yaml", text: text)
    }
}
