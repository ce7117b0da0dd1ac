import DockerHostAudit
import SecurityModel
import TestSupport
import Testing

/// Random command lines, configuration files, /info answers and snapshots never crash resolution or checks.
@Suite struct FuzzTests {
    static let tokens = [
        "--icc", "--icc=false", "false", "-l", "-lwarn", "-D", "-Dl", "-H", "fd://", "tcp://0.0.0.0:2375", "--",
        "--tlsverify", "--tlscacert", "=", "-", "--log-level=", "-s", "aufs", "--insecure-registry", "--unknown",
        "unix://", "--config-file", "-G", "é", "", "--storage-opt", "dm.basesize=1G", "-=", "---x", "-Hunix:///s",
    ]
    static let keys = [
        "icc", "log-level", "hosts", "tls", "tlsverify", "tlscacert", "insecure-registries", "default-ulimits",
        "storage-opts", "userns-remap", "seccomp-profile", "Driver", "SecurityOptions", "Swarm", "RegistryConfig",
        "IndexConfigs", "Secure", "Name", "LocalNodeState", "Plugins", "Authorization", "debug", "group",
    ]

    static func randomJSON(_ rng: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch rng.next() % (depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(rng.oneIn(2))
        case 2: return .int(Int(truncatingIfNeeded: rng.next() % 100_000))
        case 3: return .double(-1.5)
        case 4: return .string(rng.pick(tokens + ["name=userns", "name=seccomp,profile=unconfined", "inactive"]))
        case 5: return .array((0..<Int(rng.next() % 4)).map { _ in randomJSON(&rng, depth: depth + 1) })
        default:
            return .object((0..<Int(rng.next() % 6)).map { _ in (rng.pick(keys), randomJSON(&rng, depth: depth + 1)) })
        }
    }

    @Test func randomInputsNeverCrash() {
        var rng = SplitMix64(seed: 0x5EED_D0C4)
        for _ in 0..<3000 {
            let argv = ["dockerd"] + (0..<Int(rng.next() % 8)).map { _ in rng.pick(Self.tokens) }
            let daemon = DaemonFacts(
                info: rng.oneIn(3) ? nil : Self.randomJSON(&rng),
                configuration: rng.oneIn(3) ? nil : Self.randomJSON(&rng),
                commandLine: rng.oneIn(5) ? nil : argv
            )
            let results = DockerHostCatalogue.evaluate(daemon)
            #expect(results.count == DockerHostCatalogue.daemonChecks.count)
            let plan = DockerHostCatalogue.plan(daemon)
            let files = plan.paths.map { path in
                rng.oneIn(2)
                    ? HostFileFacts.missing(path)
                    : HostFileFacts(
                        path: path,
                        kind: rng.pick([.file, .directory, .socket, .symlink, .other]),
                        uid: UInt32(rng.next() % 3),
                        gid: UInt32(rng.next() % 3),
                        mode: UInt32(truncatingIfNeeded: rng.next())
                    )
            }
            let host = HostSnapshot(files: files, directoryEntries: ["/etc/docker/certs.d": ["a", "b"]])
            #expect(DockerHostCatalogue.evaluate(host, daemon: daemon).count == 24)
        }
    }

    @Test func randomByteArgumentsNeverCrash() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let argv = (0..<Int(rng.next() % 6)).map { _ in
                String(
                    decoding: (0..<Int(rng.next() % 8)).map { _ in UInt8(truncatingIfNeeded: rng.next()) },
                    as: UTF8.self
                )
            }
            let line = DockerdCommandLine(arguments: argv)
            #expect(line.occurrences.count <= argv.count)
            _ = DaemonHost(argv.first ?? "")
        }
    }
}
