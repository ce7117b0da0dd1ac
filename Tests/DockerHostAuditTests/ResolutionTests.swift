import DockerHostAudit
import SecurityModel
import Testing

/// Option resolution from flags, daemon.json, /info and defaults.
@Suite struct ResolutionTests {
    struct Row: Sendable, CustomStringConvertible {
        var argv: [String]
        var json: String?
        var icc: Bool
        var source: DaemonSettingSource
        var description: String { "\(argv) \(json ?? "-")" }
    }

    static let iccRows: [Row] = [
        Row(argv: ["dockerd"], json: nil, icc: true, source: .dockerdDefault),
        Row(argv: ["dockerd", "--icc=false"], json: nil, icc: false, source: .flag("--icc=false")),
        Row(argv: ["dockerd", "--icc=0"], json: nil, icc: false, source: .flag("--icc=0")),
        Row(argv: ["dockerd", "--icc"], json: nil, icc: true, source: .flag("--icc")),
        Row(argv: ["dockerd", "--icc=false", "--icc=true"], json: nil, icc: true, source: .flag("--icc=true")),
        Row(
            argv: ["dockerd"],
            json: #"{"icc": false}"#,
            icc: false,
            source: .configurationFile(path: "/etc/docker/daemon.json", key: "icc")
        ),
        Row(
            argv: ["dockerd"],
            json: #"{"icc": true}"#,
            icc: true,
            source: .configurationFile(path: "/etc/docker/daemon.json", key: "icc")
        ),
        // A string is the wrong type: dockerd refuses it; the value is ignored.
        Row(argv: ["dockerd"], json: #"{"icc": "false"}"#, icc: true, source: .dockerdDefault),
        // Conflict: the running process got the flag, so the flag's value is the effective one.
        Row(argv: ["dockerd", "--icc=false"], json: #"{"icc": true}"#, icc: false, source: .flag("--icc=false")),
        Row(
            argv: ["dockerd", "--config-file=/srv/d.json"],
            json: #"{"icc": false}"#,
            icc: false,
            source: .configurationFile(path: "/srv/d.json", key: "icc")
        ),
    ]

    @Test(arguments: iccRows) func interContainerCommunication(_ row: Row) throws {
        let daemon = try facts(row.argv, json: row.json)
        #expect(daemon.interContainerCommunication.value == row.icc)
        #expect(daemon.interContainerCommunication.source == row.source)
    }

    @Test func conflictBetweenFlagAndFileIsReportedEvenWhenValuesAgree() throws {
        let daemon = try facts(["dockerd", "--icc=false", "-l", "warn"], json: #"{"icc": false, "log-level": "warn"}"#)
        #expect(daemon.problems.map(\.kind) == [.conflict, .conflict])
        #expect(daemon.problems.compactMap(\.option).sorted() == ["icc", "log-level"])
        let findings = DaemonConfigurationRejected().check(daemon)
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.message.contains("refuses to start") })
    }

    @Test func listFlagConflictsWithPluralKey() throws {
        let daemon = try facts(
            ["dockerd", "--insecure-registry", "b:5000"],
            json: #"{"insecure-registries": ["a:5000"]}"#
        )
        #expect(daemon.problems.first?.option == "insecure-registries")
        #expect(daemon.insecureRegistries.value == ["b:5000"])
    }

    @Test func wrongTypesAreProblems() throws {
        let daemon = try facts(json: #"{"icc": "no", "log-level": 3, "hosts": "tcp://x:1"}"#)
        #expect(daemon.problems.count == 3)
        #expect(daemon.problems.allSatisfy { $0.kind == .invalidValue })
        #expect(try facts(["dockerd", "--icc=maybe"]).problems.first?.kind == .invalidValue)
        #expect(try facts(json: "[1, 2]").problems.count == 1)
    }

    @Test func defaultsWithoutAnyInput() {
        let daemon = DaemonFacts(info: nil, configuration: nil, commandLine: nil)
        #expect(daemon.interContainerCommunication.value)
        #expect(daemon.logLevel.value == "info")
        #expect(daemon.hosts.value == ["unix:///var/run/docker.sock"])
        #expect(daemon.unixSocketPaths == ["/var/run/docker.sock"])
        #expect(daemon.logDriver.value == "json-file")
        #expect(daemon.tlsCACertificate.value == nil)
        #expect(daemon.problems.isEmpty)
        #expect(daemon.interContainerCommunication.origin.contains("dockerd default"))
    }

    @Test func tlsverifyTurnsTlsOnAndUsesDefaultFiles() throws {
        let daemon = try facts(["dockerd", "--tlsverify", "-H", "tcp://0.0.0.0:2376"])
        #expect(daemon.tls.value)
        #expect(daemon.tlsCACertificate.value == "/root/.docker/ca.pem")
        #expect(daemon.tlsKey.value == "/root/.docker/key.pem")
        let explicit = try facts(json: #"{"tlsverify": false, "tlscert": "/etc/docker/c.pem"}"#)
        #expect(explicit.tls.value)  // tlsverify set at all turns TLS on
        #expect(explicit.tlsCACertificate.value == nil)
        #expect(explicit.tlsCertificate.value == "/etc/docker/c.pem")
    }

    @Test func hostsAreParsedAsDockerdDoes() throws {
        let daemon = try facts(["dockerd", "-H", "fd://", "-H", "0.0.0.0:2375", "-H", "unix:///run/alt.sock"])
        #expect(daemon.tcpListeners.map(\.target) == ["0.0.0.0:2375"])
        #expect(daemon.unixSocketPaths == ["/var/run/docker.sock", "/run/alt.sock"])
        let file = try facts(json: #"{"hosts": ["unix://", "tcp://127.0.0.1:2376"]}"#)
        #expect(file.unixSocketPaths == ["/var/run/docker.sock"])
        #expect(file.tcpListeners.count == 1)
    }

    @Test func defaultUlimitsFromFileObject() throws {
        let daemon = try facts(
            json: #"{"default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}}}"#
        )
        #expect(daemon.defaultUlimits.value == ["nofile=64000:64000"])
    }

    @Test func infoOverridesConfiguredValues() throws {
        let info = try JSONParser.parse(
            #"""
            {"Driver": "aufs", "LoggingDriver": "syslog", "LiveRestoreEnabled": true, "ExperimentalBuild": false,
             "SecurityOptions": ["name=seccomp,profile=default", "name=userns"],
             "RegistryConfig": {"InsecureRegistryCIDRs": ["127.0.0.0/8"], "IndexConfigs": {}},
             "Plugins": {"Authorization": ["authz-broker"]}}
            """#
        )
        let daemon = try facts(
            ["dockerd", "--experimental", "-s", "overlay2"],
            json: #"{"log-driver": "json-file"}"#,
            info: info
        )
        #expect(daemon.storageDriver.value == "aufs")
        #expect(daemon.storageDriver.source == .engineInfo(field: "Driver"))
        #expect(daemon.logDriver.value == "syslog")
        #expect(daemon.experimental.value == false)
        #expect(daemon.userNamespaces.value)
        #expect(daemon.authorizationPlugins.value == ["authz-broker"])
        #expect(daemon.insecureRegistries.value.isEmpty)
        #expect(daemon.seccompProfile.value == nil)
    }

    @Test func containerdSockets() throws {
        #expect(
            try facts().containerdSocketPaths
                == ["/run/containerd/containerd.sock", "/var/run/docker/containerd/containerd.sock"]
        )
        #expect(
            try facts(["dockerd", "--containerd=/run/containerd/containerd.sock"]).containerdSocketPaths == [
                "/run/containerd/containerd.sock"
            ]
        )
    }
}
