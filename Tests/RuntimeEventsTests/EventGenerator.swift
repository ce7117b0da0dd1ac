import RuntimeEvents
import TestSupport

/// Random but valid events for property and fuzz tests.
struct EventGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &random) }

    mutating func text() -> String {
        let pieces = [
            "a", "bash", "/etc/shadow", " ", "é", "\"", "\\", "\n", "\t", "\u{1}", "😀", "x=y", "-c", "", "\u{7f}",
        ]
        return (0..<Int(int(0...5))).map { _ in random.pick(pieces) }.joined()
    }

    mutating func strings() -> [String] { (0..<Int(int(0...4))).map { _ in text() } }

    mutating func ip(v6: Bool) -> IPAddress {
        let count = v6 ? 16 : 4
        var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
        if v6, random.oneIn(2) { for i in 4..<12 { bytes[i] = 0 } }
        guard let ip = IPAddress(bytes: bytes) else { preconditionFailure("4 or 16 bytes") }
        return ip
    }

    mutating func tuple() -> SocketTuple {
        let family = random.pick(SocketTuple.Family.allCases)
        if family == .unix { return SocketTuple(family: .unix, unixPath: "/run/" + text()) }
        let v6 = family == .ipv6
        return SocketTuple(
            family: family,
            l4Protocol: random.pick(SocketTuple.L4Protocol.allCases),
            clientIP: random.oneIn(5) ? nil : ip(v6: v6),
            clientPort: random.oneIn(5) ? nil : UInt16.random(in: 0...65535, using: &random),
            serverIP: ip(v6: v6),
            serverPort: UInt16.random(in: 0...65535, using: &random),
            clientName: random.oneIn(3) ? text() : nil,
            serverName: random.oneIn(3) ? text() : nil
        )
    }

    mutating func argumentValue() -> ArgumentValue {
        switch int(0...5) {
        case 0: return .string(text())
        case 1: return .integer(int(Int64.min...Int64.max))
        case 2: return .flags(FlagSet(raw: random.next(), names: strings()))
        case 3: return .socketTuple(tuple())
        case 4: return .bytes((0..<Int(int(0...12))).map { _ in UInt8.random(in: 0...255, using: &random) })
        default: return .path("/" + text())
        }
    }

    mutating func thread() -> ThreadInfo {
        ThreadInfo(
            pid: int(1...4_000_000),
            tid: int(1...4_000_000),
            ppid: int(0...4_000_000),
            vpid: random.oneIn(2) ? int(1...100) : nil,
            comm: text(),
            exe: text(),
            exePath: "/usr/bin/" + text(),
            args: strings(),
            env: random.oneIn(3) ? strings() : [],
            cwd: "/" + text(),
            tty: random.oneIn(2) ? 0 : int(1...34_816),
            sid: int(0...4_000_000),
            uid: int(0...65_535),
            gid: int(0...65_535),
            euid: int(0...65_535),
            loginUID: random.oneIn(2) ? -1 : int(0...65_535),
            userName: random.oneIn(4) ? nil : text(),
            groupName: random.oneIn(4) ? nil : text(),
            loginName: random.oneIn(2) ? nil : text(),
            capabilities: random.oneIn(2)
                ? Capabilities()
                : Capabilities(effective: random.next(), permitted: random.next(), inheritable: random.next()),
            vpgid: random.oneIn(2) ? int(1...100) : nil,
            startTime: random.oneIn(2) ? UInt64(int(0...Int64.max)) : nil,
            isExeFromMemfd: random.oneIn(4),
            isExeUpperLayer: random.oneIn(4),
            exeInodeChangeTime: random.oneIn(2) ? UInt64(int(0...Int64.max)) : nil,
            exeInodeModificationTime: random.oneIn(2) ? UInt64(int(0...Int64.max)) : nil
        )
    }

    mutating func container() -> ContainerInfo {
        if random.oneIn(3) { return .host }
        var labels: [String: String] = [:]
        for _ in 0..<int(0...3) { labels[text()] = text() }
        return ContainerInfo(
            id: String(random.next(), radix: 16),
            fullID: random.oneIn(2) ? nil : text(),
            name: random.oneIn(4) ? nil : text(),
            image: random.oneIn(4) ? nil : text(),
            imageRepository: random.oneIn(4) ? nil : text(),
            imageTag: random.oneIn(4) ? nil : text(),
            imageDigest: random.oneIn(4) ? nil : "sha256:" + text(),
            runtime: random.oneIn(2) ? nil : "containerd",
            privileged: random.oneIn(2),
            mounts: (0..<int(0...2)).map { _ in
                ContainerInfo.Mount(
                    source: text(),
                    destination: text(),
                    mode: text(),
                    readWrite: random.oneIn(2),
                    propagation: text()
                )
            },
            labels: labels,
            healthcheck: random.oneIn(3) ? strings() : nil,
            livenessProbe: random.oneIn(3) ? strings() : nil,
            readinessProbe: random.oneIn(3) ? strings() : nil,
            pod: random.oneIn(2)
                ? nil : ContainerInfo.Pod(name: text(), uid: text(), namespace: text(), labels: labels),
            startTime: random.oneIn(2) ? UInt64(int(0...Int64.max)) : nil
        )
    }

    mutating func event() -> RuntimeEvent {
        var fd: FileDescriptorInfo?
        if random.oneIn(2) {
            fd = FileDescriptorInfo(
                number: int(-1...1_000),
                kind: random.pick(FileDescriptorInfo.Kind.allCases),
                name: text(),
                tuple: random.oneIn(2) ? tuple() : nil,
                isServer: random.oneIn(3) ? nil : random.oneIn(2)
            )
        }
        return RuntimeEvent(
            number: UInt64(int(0...Int64.max)),
            timestamp: UInt64(int(0...Int64.max)),
            type: random.pick(EventType.allCases),
            direction: random.oneIn(5) ? .enter : .exit,
            result: random.oneIn(4) ? nil : int(-4095...100_000),
            arguments: (0..<int(0...5)).map { _ in EventArgument(text(), argumentValue()) },
            thread: thread(),
            fd: fd,
            container: container()
        )
    }
}
