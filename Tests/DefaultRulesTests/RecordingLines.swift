import DefaultRules
import FalcoRules
import RuleEngine
import RuntimeEvents
import Testing

/// A container as the sensor and the container directory describe it, written as a recording `container` member.
struct TestContainer: Sendable {
    var id: String
    var name: String
    var repository: String
    var tag = "1"

    /// The full `container` member (docs/event-recording.md).
    var json: String {
        let fullID = id + String(repeating: "0", count: 64 - id.count)
        return #"{"id":"\#(id)","full_id":"\#(fullID)","name":"\#(name)","image":"\#(repository):\#(tag)","#
            + #""repository":"\#(repository)","tag":"\#(tag)","runtime":"docker"}"#
    }

    static let web = TestContainer(id: "c0ffee000001", name: "web", repository: "bulkhead-test-c-busybox")
}

/// A process as a recording `thread` member describes it; `container` nil is a host process.
struct TestProcess: Sendable {
    var pid: Int64
    var ppid: Int64
    var vpid: Int64?
    var comm: String
    var exePath: String
    /// argv[0] (`proc.exe`); the command name unless set.
    var exe: String?
    var args: [String] = []
    var uid: Int64 = 0
    var user = "root"
    var container: TestContainer?
    var exeFromMemfd = false

    init(
        pid: Int64,
        ppid: Int64,
        vpid: Int64? = nil,
        comm: String,
        exePath: String? = nil,
        args: [String] = [],
        uid: Int64 = 0,
        container: TestContainer? = nil,
        exeFromMemfd: Bool = false
    ) {
        self.pid = pid
        self.ppid = ppid
        self.vpid = vpid
        self.comm = comm
        self.exePath = exePath ?? "/usr/bin/" + comm
        self.args = args
        self.uid = uid
        self.user = uid == 0 ? "root" : "user\(uid)"
        self.container = container
        self.exeFromMemfd = exeFromMemfd
    }

    /// The same process on the host (no container, no namespace pid).
    var onHost: TestProcess {
        var copy = self
        copy.container = nil
        copy.vpid = nil
        return copy
    }

    /// The `thread` member.
    var threadJSON: String {
        var members = [
            #""pid":\#(pid)"#, #""tid":\#(pid)"#, #""ppid":\#(ppid)"#, #""comm":\#(Line.quoted(comm))"#,
            #""exe":\#(Line.quoted(exe ?? comm))"#, #""exepath":\#(Line.quoted(exePath))"#,
            #""args":[\#(args.map(Line.quoted).joined(separator: ","))]"#, #""cwd":"/""#,
            #""uid":\#(uid)"#, #""gid":\#(uid)"#, #""user":\#(Line.quoted(user))"#,
        ]
        if let vpid { members.append(#""vpid":\#(vpid)"#) }
        if exeFromMemfd { members.append(#""exe_from_memfd":true"#) }
        return "{" + members.joined(separator: ",") + "}"
    }
}

/// Recording lines (docs/event-recording.md) shaped as the event contract of the kernel sensor says: exit events,
/// `res` the syscall's return value, Falco's argument names, the `fd` member describing the descriptor.
enum Line {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Any event: `args` and `fd` are JSON object texts (or nil).
    static func event(_ type: String, _ process: TestProcess, res: Int64?, args: String? = nil, fd: String? = nil)
        -> String
    {
        var members = [#""type":"\#(type)""#]
        if let res { members.append(#""res":\#(res)"#) }
        if let args { members.append(#""args":\#(args)"#) }
        members.append(#""thread":\#(process.threadJSON)"#)
        if let fd { members.append(#""fd":\#(fd)"#) }
        if let container = process.container { members.append(#""container":\#(container.json)"#) }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func flags(_ names: [String], raw: Int64 = 0) -> String {
        #"{"flags":[\#(names.map(quoted).joined(separator: ","))],"raw":\#(raw)}"#
    }

    /// A successful execve: the thread is the new program.
    static func exec(_ process: TestProcess, res: Int64 = 0) -> String {
        event("execve", process, res: res, args: #"{"filename":{"path":\#(quoted(process.exePath))}}"#)
    }

    /// The parent side of a fork: `res` is the child's pid.
    static func clone(_ parent: TestProcess, child: Int64) -> String {
        event(
            "clone",
            parent,
            res: child,
            args: #"{"flags":\#(flags(["CLONE_CHILD_CLEARTID", "CLONE_CHILD_SETTID"]))}"#
        )
    }

    /// `fork` + `execve` of `child` by `parent`.
    static func spawn(_ child: TestProcess, by parent: TestProcess) -> [String] {
        [clone(parent, child: child.pid), exec(child)]
    }

    static func exit(_ process: TestProcess) -> String {
        event("procexit", process, res: nil, args: #"{"status":0}"#)
    }

    /// `openat` of `path`; a failed open (negative `res`) describes the descriptor with number -1.
    static func open(
        _ process: TestProcess,
        _ path: String,
        flags names: [String] = ["O_RDONLY"],
        res: Int64 = 3,
        type: String = "openat"
    ) -> String {
        let fd = #"{"num":\#(res >= 0 ? res : -1),"type":"file","name":\#(quoted(path))}"#
        // creat has no flags argument (it means O_CREAT|O_WRONLY|O_TRUNC).
        let flagsMember = type == "creat" ? "" : #","flags":\#(flags(names))"#
        let args = #"{"fd":\#(res),"dirfd":-100,"name":{"path":\#(quoted(path))}\#(flagsMember),"mode":0}"#
        return event(type, process, res: res, args: args, fd: fd)
    }

    static func close(_ process: TestProcess, fd: Int64) -> String {
        event("close", process, res: 0, args: #"{"fd":\#(fd)}"#)
    }

    /// `socket(AF_INET…)` returning `fd`, as the contract names its arguments.
    static func socket(_ process: TestProcess, fd: Int64, domain: String = "AF_INET") -> String {
        event("socket", process, res: fd, args: #"{"domain":"\#(domain)","type":"SOCK_STREAM","proto":0}"#)
    }

    /// `connect` of socket `fd` to `ip:port` (TCP); the `fd` member describes the socket with its tuple.
    static func connect(
        _ process: TestProcess,
        fd: Int64,
        to ip: String,
        port: Int,
        res: Int64 = 0,
        proto: String = "tcp"
    ) -> String {
        let family = ip.contains(":") ? "ipv6" : "ipv4"
        let client = family == "ipv6" ? "2001:db8::2" : (ip.hasPrefix("127.") ? "127.0.0.1" : "172.17.0.2")
        let tuple =
            #"{"family":"\#(family)","proto":"\#(proto)","cip":"\#(client)","cport":40000,"#
            + #""sip":"\#(ip)","sport":\#(port)}"#
        let name = family == "ipv6" ? "\(client):40000->\(ip):\(port)" : "\(client):40000->\(ip):\(port)"
        return event(
            "connect",
            process,
            res: res,
            args: #"{"fd":\#(fd),"tuple":{"tuple":\#(tuple)}}"#,
            fd: #"{"num":\#(fd),"type":"\#(family)","name":"\#(name)","tuple":\#(tuple),"server":false}"#
        )
    }

    /// `connect` of socket `fd` to the Unix socket `path`.
    static func connectUnix(_ process: TestProcess, fd: Int64, path: String, res: Int64 = 0) -> String {
        let tuple = #"{"family":"unix","path":\#(quoted(path))}"#
        return event(
            "connect",
            process,
            res: res,
            args: #"{"fd":\#(fd),"tuple":{"tuple":\#(tuple)}}"#,
            fd: #"{"num":\#(fd),"type":"unix","name":\#(quoted(path)),"tuple":\#(tuple)}"#
        )
    }

    /// `dup2(old, new)`; `describedFD` is the `fd` member when the sensor describes the duplicated descriptor.
    static func dup2(_ process: TestProcess, old: Int64, new: Int64, describedFD: String? = nil) -> String {
        event("dup2", process, res: new, args: #"{"oldfd":\#(old),"newfd":\#(new)}"#, fd: describedFD)
    }

    /// A socket `fd` member, as a sensor that describes the duplicated descriptor would write it.
    static func socketFD(number: Int64, to ip: String, port: Int) -> String {
        let tuple = #"{"family":"ipv4","proto":"tcp","cip":"172.17.0.2","cport":40000,"sip":"\#(ip)","sport":\#(port)}"#
        return #"{"num":\#(number),"type":"ipv4","name":"172.17.0.2:40000->\#(ip):\#(port)","tuple":\#(tuple)}"#
    }

    /// A flag set argument given either as names with their raw value or as a bare integer.
    enum Flag {
        case names([String], raw: Int64)
        case text(String)
        case number(Int64)

        var json: String {
            switch self {
            case .names(let names, let raw): return Line.flags(names, raw: raw)
            case .text(let text): return Line.quoted(text)
            case .number(let number): return String(number)
            }
        }
    }

    static func ptrace(_ process: TestProcess, request: Flag, target: Int64, res: Int64 = 0) -> String {
        event("ptrace", process, res: res, args: #"{"request":\#(request.json),"pid":\#(target)}"#)
    }

    static func bpf(_ process: TestProcess, cmd: Flag, res: Int64 = 3) -> String {
        event("bpf", process, res: res, args: #"{"cmd":\#(cmd.json)}"#)
    }

    static func chmod(_ process: TestProcess, _ path: String, mode: Flag, res: Int64 = 0) -> String {
        event("chmod", process, res: res, args: #"{"filename":{"path":\#(quoted(path))},"mode":\#(mode.json)}"#)
    }

    static func fchmodat(_ process: TestProcess, _ path: String, mode: Flag, res: Int64 = 0) -> String {
        let args = #"{"dirfd":-100,"filename":{"path":\#(quoted(path))},"mode":\#(mode.json)}"#
        return event("fchmodat", process, res: res, args: args)
    }
}

/// The default ruleset loaded and compiled once, and a runner for recording lines.
enum DefaultRulesHarness {
    static let ruleSet = RulesLoader().load(path: DefaultRuleset.fileName, text: DefaultRuleset.yaml)
    static let engine = RuleEngine(ruleSet: ruleSet)

    /// The names of the compiled rules tagged `host` (they apply on the host as well as in containers).
    static var hostRules: Set<String> { Set(ruleSet.rules.filter { $0.tags.contains("host") }.map(\.name)) }
    /// The compiled rules that apply in containers only (no `host` tag).
    static var containerOnlyRules: Set<String> {
        Set(ruleSet.rules.filter { !$0.tags.contains("host") }.map(\.name))
    }

    /// Decodes `lines` as a recording, replays them through a ``ProcessTable`` and the engine (the table updated
    /// before each evaluation, as `watch` does) and returns the alerts: rule name and the event's line index.
    static func alerts(_ lines: [String], engine: RuleEngine = engine) throws -> [(rule: String, line: Int)] {
        let text = ([EventRecording.header] + lines).joined(separator: "\n") + "\n"
        let recording = try EventRecording.decode(text, source: "scenario")
        #expect(recording.diagnostics.isEmpty, "\(recording.diagnostics)")
        #expect(recording.events.count == lines.count)
        var table = ProcessTable()
        var alerts: [(rule: String, line: Int)] = []
        for (index, event) in recording.events.enumerated() {
            table.apply(event)
            for match in engine.evaluate(event, table: table) { alerts.append((match.ruleName, index)) }
        }
        return alerts
    }

    /// The names of the rules that fired on `lines`, in order, duplicates kept.
    static func fired(_ lines: [String], engine: RuleEngine = engine) throws -> [String] {
        try alerts(lines, engine: engine).map(\.rule)
    }
}
