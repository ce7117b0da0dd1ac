import DockerHostAudit
import SecurityModel
import Testing

/// Every section 2 check (and 5.1) on hand-written inputs: one passing and one failing configuration each.
@Suite struct DaemonCheckTests {
    struct Case: Sendable, CustomStringConvertible {
        var check: any DaemonCheck
        var passing: Input
        var failing: Input
        /// The finding's field path and a word its message must contain.
        var fieldPath: String
        var mentions: String
        var description: String { check.descriptor.id }
    }

    struct Input: Sendable {
        var argv: [String] = ["dockerd"]
        var json: String?
        var info: String?

        func daemon() throws -> DaemonFacts {
            try facts(argv, json: json, info: try info.map { try JSONParser.parse($0) })
        }
    }

    static let cases: [Case] = [
        Case(
            check: RootlessMode(),
            passing: Input(info: #"{"SecurityOptions": ["name=rootless"]}"#),
            failing: Input(info: #"{"SecurityOptions": ["name=seccomp,profile=default"]}"#),
            fieldPath: "info.SecurityOptions",
            mentions: "rootless"
        ),
        Case(
            check: InterContainerCommunication(),
            passing: Input(json: #"{"icc": false}"#),
            failing: Input(),
            fieldPath: "icc",
            mentions: "dockerd default"
        ),
        Case(
            check: LogLevel(),
            passing: Input(argv: ["dockerd", "--log-level=info"]),
            failing: Input(json: #"{"log-level": "warn"}"#),
            fieldPath: "log-level",
            mentions: "'warn'"
        ),
        Case(
            check: IptablesManagement(),
            passing: Input(),
            failing: Input(argv: ["dockerd", "--iptables=false"]),
            fieldPath: "--iptables",
            mentions: "--iptables=false"
        ),
        Case(
            check: InsecureRegistries(),
            passing: Input(argv: ["dockerd", "--insecure-registry", "127.0.0.0/8"]),
            failing: Input(json: #"{"insecure-registries": ["reg.local:5000"]}"#),
            fieldPath: "insecure-registries",
            mentions: "reg.local:5000"
        ),
        Case(
            check: AufsStorageDriver(),
            passing: Input(info: #"{"Driver": "overlay2"}"#),
            failing: Input(argv: ["dockerd", "-s", "aufs"]),
            fieldPath: "--storage-driver",
            mentions: "aufs"
        ),
        Case(
            check: TLSAuthentication(),
            passing: Input(argv: ["dockerd", "-H", "tcp://0.0.0.0:2376", "--tlsverify"]),
            failing: Input(json: #"{"hosts": ["tcp://0.0.0.0:2375"]}"#),
            fieldPath: "hosts",
            mentions: "without TLS"
        ),
        Case(
            check: DefaultUlimit(),
            passing: Input(argv: ["dockerd", "--default-ulimit", "nofile=100:200"]),
            failing: Input(),
            fieldPath: "default-ulimits",
            mentions: "ulimit"
        ),
        Case(
            check: UserNamespaceRemap(),
            passing: Input(json: #"{"userns-remap": "default"}"#),
            failing: Input(json: #"{"userns-remap": ""}"#),
            fieldPath: "userns-remap",
            mentions: "daemon.json"
        ),
        Case(
            check: CgroupParent(),
            passing: Input(),
            failing: Input(json: #"{"cgroup-parent": "/docker-custom"}"#),
            fieldPath: "cgroup-parent",
            mentions: "/docker-custom"
        ),
        Case(
            check: BaseDeviceSize(),
            passing: Input(argv: ["dockerd", "--storage-opt", "overlay2.size=1G"]),
            failing: Input(argv: ["dockerd", "--storage-opt", "dm.basesize=20G"]),
            fieldPath: "--storage-opt",
            mentions: "dm.basesize=20G"
        ),
        Case(
            check: AuthorizationPlugin(),
            passing: Input(json: #"{"authorization-plugins": ["opa"]}"#),
            failing: Input(info: #"{"Plugins": {"Authorization": null}}"#),
            fieldPath: "info.Plugins.Authorization",
            mentions: "authorization"
        ),
        Case(
            check: RemoteLogging(),
            passing: Input(argv: ["dockerd", "--log-driver=syslog"]),
            failing: Input(info: #"{"LoggingDriver": "local"}"#),
            fieldPath: "info.LoggingDriver",
            mentions: "`local`"
        ),
        Case(
            check: NoNewPrivileges(),
            passing: Input(argv: ["dockerd", "--no-new-privileges"]),
            failing: Input(argv: ["dockerd", "--no-new-privileges=false"]),
            fieldPath: "--no-new-privileges",
            mentions: "--no-new-privileges=false"
        ),
        Case(
            check: LiveRestore(),
            passing: Input(info: #"{"LiveRestoreEnabled": false, "Swarm": {"LocalNodeState": "active"}}"#),
            failing: Input(json: #"{"live-restore": false}"#),
            fieldPath: "live-restore",
            mentions: "Live restore"
        ),
        Case(
            check: UserlandProxy(),
            passing: Input(json: #"{"userland-proxy": false}"#),
            failing: Input(),
            fieldPath: "userland-proxy",
            mentions: "userland-proxy is true"
        ),
        Case(
            check: SeccompProfile(),
            passing: Input(info: #"{"SecurityOptions": ["name=seccomp,profile=builtin"]}"#),
            failing: Input(json: #"{"seccomp-profile": "unconfined"}"#),
            fieldPath: "seccomp-profile",
            mentions: "unconfined"
        ),
        Case(
            check: ExperimentalFeatures(),
            passing: Input(info: #"{"ExperimentalBuild": false}"#),
            failing: Input(argv: ["dockerd", "--experimental"]),
            fieldPath: "--experimental",
            mentions: "Experimental"
        ),
        Case(
            check: SwarmMode(),
            passing: Input(info: #"{"Swarm": {"LocalNodeState": "inactive"}}"#),
            failing: Input(info: #"{"Swarm": {"LocalNodeState": "active"}}"#),
            fieldPath: "info.Swarm.LocalNodeState",
            mentions: "active"
        ),
        Case(
            check: DaemonConfigurationRejected(),
            passing: Input(argv: ["dockerd", "--icc=false"]),
            failing: Input(argv: ["dockerd", "--icc=false"], json: #"{"icc": false}"#),
            fieldPath: "icc",
            mentions: "refuses"
        ),
        Case(
            check: MandatoryAccessControl(),
            passing: Input(info: #"{"SecurityOptions": ["name=apparmor", "name=seccomp,profile=default"]}"#),
            failing: Input(info: #"{"SecurityOptions": ["name=seccomp,profile=default"]}"#),
            fieldPath: "info.SecurityOptions",
            mentions: "AppArmor"
        ),
    ]

    @Test(arguments: cases) func passes(_ c: Case) throws {
        let result = c.check.evaluate(try c.passing.daemon())
        #expect(result.verdict == .pass)
        #expect(result.findings.isEmpty)
    }

    @Test(arguments: cases) func fails(_ c: Case) throws {
        let result = c.check.evaluate(try c.failing.daemon())
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(result.verdict == (finding.severity == .info ? .informational : .fail))
        #expect(finding.ruleID == c.check.descriptor.id)
        #expect(finding.location.object == "docker-daemon")
        #expect(finding.location.fieldPath == c.fieldPath)
        #expect(finding.message.contains(c.mentions), "\(finding.message)")
        #expect(finding.tags.contains("docker-host"))
    }

    @Test func everyCheckIsCovered() {
        let covered = Set(Self.cases.map(\.check.descriptor.id))
        #expect(covered == Set(DockerHostCatalogue.daemonChecks.map(\.descriptor.id)))
    }

    @Test func debugForcesDebugLogLevel() throws {
        let finding = try #require(LogLevel().check(try facts(["dockerd", "-D", "--log-level=info"])).first)
        #expect(finding.location.fieldPath == "--debug")
        #expect(finding.message.contains("-D"))
    }

    @Test func tlsWithoutVerificationIsHighNotCritical() throws {
        let findings = TLSAuthentication().check(try facts(["dockerd", "-H", "tcp://0.0.0.0:2376", "--tls"]))
        #expect(findings.map(\.severity) == [.high])
        #expect(
            verdict(TLSAuthentication(), try facts(["dockerd", "-H", "unix:///var/run/docker.sock"])) == .notApplicable
        )
    }

    @Test func customSeccompProfileIsInformational() throws {
        let daemon = try facts(["dockerd", "--seccomp-profile=/etc/docker/seccomp.json"])
        let result = SeccompProfile().evaluate(daemon)
        #expect(result.verdict == .informational)
        #expect(result.findings.first?.message.contains("/etc/docker/seccomp.json") == true)
        let unsupported = try facts(info: JSONParser.parse(#"{"SecurityOptions": []}"#))
        #expect(SeccompProfile().evaluate(unsupported).verdict == .informational)
    }

    @Test func checksNeedingInfoSayUnknownWithoutIt() throws {
        #expect(verdict(SwarmMode(), try facts()) == .unknown)
        #expect(verdict(AufsStorageDriver(), try facts()) == .unknown)
        #expect(verdict(RootlessMode(), try facts()) == .unknown)
    }

    @Test func logLevelIsCaseInsensitive() throws {
        #expect(verdict(LogLevel(), try facts(["dockerd", "-l", "INFO"])) == .pass)
        #expect(verdict(LogLevel(), try facts(["dockerd", "-l", "error"])) == .fail)
    }
}
