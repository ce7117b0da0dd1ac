public import SecurityModel

extension RuntimeEvent {
    /// The event as one recording line's JSON object (see docs/event-recording.md). Empty and default
    /// members are left out.
    public var jsonValue: JSONValue {
        var argumentPairs: [(String, JSONValue)] = []
        argumentPairs.reserveCapacity(arguments.count)
        for argument in arguments { argumentPairs.append((argument.name, argument.value.jsonValue)) }
        return .compactObject([
            ("num", .int(Int(clamping: number))),
            ("ts", .int(Int(clamping: timestamp))),
            ("type", .string(type.rawValue)),
            ("dir", direction == .exit ? nil : .string(direction.rawValue)),
            ("res", result.map { .int(Int($0)) }),
            ("args", arguments.isEmpty ? nil : .object(argumentPairs)),
            ("thread", thread.jsonValue),
            ("fd", fd?.jsonValue),
            ("container", container.isHost && container == .host ? nil : container.jsonValue),
        ])
    }

    /// Decodes one recording line's JSON object; the error names the offending member.
    init(json: JSONValue) throws(RecordingFieldError) {
        let fields = try JSONFields(json, path: "")
        let typeName = try fields.requiredString("type")
        guard let type = EventType(name: typeName) else {
            throw RecordingFieldError(path: "type", message: "unknown event type '\(typeName.prefix(64))'")
        }
        guard let threadFields = try fields.object("thread") else {
            throw RecordingFieldError(path: "thread", message: "missing")
        }
        var arguments: [EventArgument] = []
        if let args = json["args"], args != .null {
            guard let pairs = args.objectMembers else {
                throw RecordingFieldError(path: "args", message: "expected an object")
            }
            arguments.reserveCapacity(pairs.count)
            for (name, value) in pairs {
                arguments.append(EventArgument(name, try ArgumentValue(json: value, path: "args." + name)))
            }
        }
        self.init(
            number: try fields.unsigned("num") ?? 0,
            timestamp: try fields.unsigned("ts") ?? 0,
            type: type,
            direction: try fields.enumeration("dir", EventDirection.self) ?? .exit,
            result: try fields.integer("res"),
            arguments: arguments,
            thread: try ThreadInfo(fields: threadFields),
            fd: try fields.object("fd").map { f throws(RecordingFieldError) in try FileDescriptorInfo(fields: f) },
            container: try fields.object("container").map { c throws(RecordingFieldError) in
                try ContainerInfo(fields: c)
            }
                ?? .host
        )
    }
}

extension ArgumentValue {
    /// String → JSON string, integer → JSON number, path → `{"path":…}`, flags → `{"flags":[…],"raw":n}`,
    /// socket tuple → `{"tuple":{…}}`, bytes → `{"bytes":"hex"}`.
    var jsonValue: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .integer(let i): return .int(Int(i))
        case .path(let p): return .object([("path", .string(p))])
        case .flags(let f):
            return .object([
                ("flags", .array(f.names.map(JSONValue.string))), ("raw", .int(Int(Int64(bitPattern: f.raw)))),
            ])
        case .socketTuple(let t): return .object([("tuple", t.jsonValue)])
        case .bytes(let b): return .object([("bytes", .string(ArgumentValue.hex(b)))])
        }
    }

    init(json: JSONValue, path: String) throws(RecordingFieldError) {
        switch json {
        case .string(let s): self = .string(s)
        case .int(let i): self = .integer(Int64(i))
        case .object:
            let fields = try JSONFields(json, path: path)
            if let p = try fields.string("path") {
                self = .path(p)
            } else if let names = try fields.strings("flags") {
                self = .flags(FlagSet(raw: try fields.bits("raw") ?? 0, names: names))
            } else if let tuple = try fields.object("tuple") {
                self = .socketTuple(try SocketTuple(fields: tuple))
            } else if let hex = try fields.string("bytes") {
                guard let bytes = ArgumentValue.bytes(hex: hex) else {
                    throw RecordingFieldError(path: path + ".bytes", message: "expected an even-length hex string")
                }
                self = .bytes(bytes)
            } else {
                throw RecordingFieldError(
                    path: path,
                    message: "expected a string, an integer, or an object with path, flags, tuple or bytes"
                )
            }
        default:
            throw RecordingFieldError(
                path: path,
                message: "expected a string, an integer, or an object with path, flags, tuple or bytes"
            )
        }
    }
}

extension SocketTuple {
    var jsonValue: JSONValue {
        .compactObject([
            ("family", .string(family.rawValue)),
            ("proto", l4Protocol == .unknown ? nil : .string(l4Protocol.rawValue)),
            ("cip", clientIP.map { .string($0.description) }),
            ("cport", clientPort.map { .int(Int($0)) }),
            ("sip", serverIP.map { .string($0.description) }),
            ("sport", serverPort.map { .int(Int($0)) }),
            ("path", unixPath.map(JSONValue.string)),
            ("cname", clientName.map(JSONValue.string)),
            ("sname", serverName.map(JSONValue.string)),
        ])
    }

    init(fields: JSONFields) throws(RecordingFieldError) {
        guard let family = try fields.enumeration("family", Family.self) else {
            throw RecordingFieldError(path: fields.path + ".family", message: "missing")
        }
        self.init(
            family: family,
            l4Protocol: try fields.enumeration("proto", L4Protocol.self) ?? .unknown,
            clientIP: try fields.ip("cip"),
            clientPort: try fields.port("cport"),
            serverIP: try fields.ip("sip"),
            serverPort: try fields.port("sport"),
            unixPath: try fields.string("path"),
            clientName: try fields.string("cname"),
            serverName: try fields.string("sname")
        )
    }
}

extension FileDescriptorInfo {
    var jsonValue: JSONValue {
        .compactObject([
            ("num", .int(Int(number))),
            ("type", .string(kind.rawValue)),
            ("name", .string(name)),
            ("tuple", tuple?.jsonValue),
            ("server", isServer.map(JSONValue.bool)),
        ])
    }

    init(fields: JSONFields) throws(RecordingFieldError) {
        self.init(
            number: try fields.requiredInteger("num"),
            kind: try fields.enumeration("type", Kind.self) ?? .unknown,
            name: try fields.string("name") ?? "",
            tuple: try fields.object("tuple").map { t throws(RecordingFieldError) in try SocketTuple(fields: t) },
            isServer: try fields.bool("server")
        )
    }
}

extension ThreadInfo {
    var jsonValue: JSONValue {
        let caps = capabilities
        let noCaps = caps == Capabilities()
        return .compactObject([
            ("pid", .int(Int(pid))),
            ("tid", .int(Int(tid))),
            ("ppid", .int(Int(ppid))),
            ("vpid", vpid.map { .int(Int($0)) }),
            ("comm", .string(comm)),
            ("exe", .string(exe)),
            ("exepath", .string(exePath)),
            ("args", .array(args.map(JSONValue.string))),
            ("env", env.isEmpty ? nil : .array(env.map(JSONValue.string))),
            ("cwd", .string(cwd)),
            ("tty", .int(Int(tty))),
            ("sid", .int(Int(sid))),
            ("uid", .int(Int(uid))),
            ("gid", .int(Int(gid))),
            ("euid", .int(Int(euid))),
            ("loginuid", .int(Int(loginUID))),
            ("user", userName.map(JSONValue.string)),
            ("group", groupName.map(JSONValue.string)),
            ("loginname", loginName.map(JSONValue.string)),
            (
                "cap",
                noCaps
                    ? nil
                    : .object([
                        ("effective", .int(Int(Int64(bitPattern: caps.effective)))),
                        ("permitted", .int(Int(Int64(bitPattern: caps.permitted)))),
                        ("inheritable", .int(Int(Int64(bitPattern: caps.inheritable)))),
                    ])
            ),
            ("vpgid", vpgid.map { .int(Int($0)) }),
            ("start_ts", startTime.map { .int(Int(clamping: $0)) }),
            ("exe_from_memfd", isExeFromMemfd ? .bool(true) : nil),
            ("exe_upper_layer", isExeUpperLayer ? .bool(true) : nil),
            ("exe_ino", exeInode.map { .int(Int(clamping: $0)) }),
            ("exe_ino_ctime", exeInodeChangeTime.map { .int(Int(clamping: $0)) }),
            ("exe_ino_mtime", exeInodeModificationTime.map { .int(Int(clamping: $0)) }),
        ])
    }

    init(fields: JSONFields) throws(RecordingFieldError) {
        let pid = try fields.requiredInteger("pid")
        var capabilities = Capabilities()
        if let cap = try fields.object("cap") {
            capabilities = Capabilities(
                effective: try cap.bits("effective") ?? 0,
                permitted: try cap.bits("permitted") ?? 0,
                inheritable: try cap.bits("inheritable") ?? 0
            )
        }
        let uid = try fields.integer("uid") ?? 0
        self.init(
            pid: pid,
            tid: try fields.integer("tid"),
            ppid: try fields.integer("ppid") ?? 0,
            vpid: try fields.integer("vpid"),
            comm: try fields.string("comm") ?? "",
            exe: try fields.string("exe") ?? "",
            exePath: try fields.string("exepath") ?? "",
            args: try fields.strings("args") ?? [],
            env: try fields.strings("env") ?? [],
            cwd: try fields.string("cwd") ?? "",
            tty: try fields.integer("tty") ?? 0,
            sid: try fields.integer("sid") ?? 0,
            uid: uid,
            gid: try fields.integer("gid") ?? 0,
            euid: try fields.integer("euid") ?? uid,
            loginUID: try fields.integer("loginuid") ?? -1,
            userName: try fields.string("user"),
            groupName: try fields.string("group"),
            loginName: try fields.string("loginname"),
            capabilities: capabilities,
            vpgid: try fields.integer("vpgid"),
            startTime: try fields.unsigned("start_ts"),
            isExeFromMemfd: try fields.bool("exe_from_memfd") ?? false,
            isExeUpperLayer: try fields.bool("exe_upper_layer") ?? false,
            exeInodeChangeTime: try fields.unsigned("exe_ino_ctime"),
            exeInodeModificationTime: try fields.unsigned("exe_ino_mtime"),
            exeInode: try fields.unsigned("exe_ino")
        )
    }
}

extension ContainerInfo {
    private static func labelsJSON(_ labels: [String: String]) -> JSONValue? {
        labels.isEmpty ? nil : .object(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    private static func commandJSON(_ command: [String]?) -> JSONValue? {
        command.map { .array($0.map(JSONValue.string)) }
    }

    var jsonValue: JSONValue {
        .compactObject([
            ("id", .string(id)),
            ("full_id", fullID.map(JSONValue.string)),
            ("name", name.map(JSONValue.string)),
            ("image", image.map(JSONValue.string)),
            ("repository", imageRepository.map(JSONValue.string)),
            ("tag", imageTag.map(JSONValue.string)),
            ("digest", imageDigest.map(JSONValue.string)),
            ("runtime", runtime.map(JSONValue.string)),
            ("privileged", privileged ? .bool(true) : nil),
            (
                "mounts",
                mounts.isEmpty
                    ? nil
                    : .array(
                        mounts.map {
                            .object([
                                ("source", .string($0.source)), ("dest", .string($0.destination)),
                                ("mode", .string($0.mode)), ("rw", .bool($0.readWrite)),
                                ("propagation", .string($0.propagation)),
                            ])
                        }
                    )
            ),
            ("labels", ContainerInfo.labelsJSON(labels)),
            ("healthcheck", ContainerInfo.commandJSON(healthcheck)),
            ("liveness_probe", ContainerInfo.commandJSON(livenessProbe)),
            ("readiness_probe", ContainerInfo.commandJSON(readinessProbe)),
            (
                "pod",
                pod.map {
                    .compactObject([
                        ("name", .string($0.name)), ("uid", .string($0.uid)), ("namespace", .string($0.namespace)),
                        ("labels", ContainerInfo.labelsJSON($0.labels)),
                    ])
                }
            ),
            ("start_ts", startTime.map { .int(Int(clamping: $0)) }),
        ])
    }

    init(fields: JSONFields) throws(RecordingFieldError) {
        var mounts: [Mount] = []
        if let list = fields.value["mounts"], list != .null {
            guard let items = list.arrayValue else {
                throw RecordingFieldError(path: fields.path + ".mounts", message: "expected an array")
            }
            for (i, item) in items.enumerated() {
                let m = try JSONFields(item, path: "\(fields.path).mounts[\(i)]")
                mounts.append(
                    Mount(
                        source: try m.string("source") ?? "",
                        destination: try m.string("dest") ?? "",
                        mode: try m.string("mode") ?? "",
                        readWrite: try m.bool("rw") ?? true,
                        propagation: try m.string("propagation") ?? ""
                    )
                )
            }
        }
        var pod: Pod?
        if let p = try fields.object("pod") {
            pod = Pod(
                name: try p.string("name") ?? "",
                uid: try p.string("uid") ?? "",
                namespace: try p.string("namespace") ?? "",
                labels: try p.stringMap("labels") ?? [:]
            )
        }
        self.init(
            id: try fields.requiredString("id"),
            fullID: try fields.string("full_id"),
            name: try fields.string("name"),
            image: try fields.string("image"),
            imageRepository: try fields.string("repository"),
            imageTag: try fields.string("tag"),
            imageDigest: try fields.string("digest"),
            runtime: try fields.string("runtime"),
            privileged: try fields.bool("privileged") ?? false,
            mounts: mounts,
            labels: try fields.stringMap("labels") ?? [:],
            healthcheck: try fields.strings("healthcheck"),
            livenessProbe: try fields.strings("liveness_probe"),
            readinessProbe: try fields.strings("readiness_probe"),
            pod: pod,
            startTime: try fields.unsigned("start_ts")
        )
    }
}

extension ArgumentValue {
    /// Lower-case hex, two digits a byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of an even-length hex string (either case), or nil.
    static func bytes(hex: String) -> [UInt8]? {
        let text = Array(hex.utf8)
        guard text.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var i = 0
        while i < text.count {
            guard let high = nibble(text[i]), let low = nibble(text[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }
}
