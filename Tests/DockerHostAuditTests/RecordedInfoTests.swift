import DockerHostAudit
import SecurityModel
import Testing

/// Verdicts on `GET /info` answers recorded from dockerd 20.10 on this VM (Fixtures/): a default daemon
/// (`dockerd`, no daemon.json) and one started with the flags in `dockerd-hardened-20.10.argv`.
@Suite struct RecordedInfoTests {
    func verdicts(_ daemon: DaemonFacts) -> [String: CheckResult.Verdict] {
        Dictionary(uniqueKeysWithValues: DockerHostCatalogue.evaluate(daemon).map { ($0.ruleID, $0.verdict) })
    }

    @Test func defaultDaemon() throws {
        let daemon = DaemonFacts(
            info: try Fixtures.info("info-default-20.10.json"),
            configuration: nil,
            commandLine: ["dockerd"]
        )
        #expect(daemon.info?.serverVersion == "20.10.24+dfsg1")
        #expect(daemon.info?.insecureRegistryCIDRs == ["127.0.0.0/8"])
        let v = verdicts(daemon)
        // Recorded: Driver overlay2, LoggingDriver json-file, Swarm inactive, LiveRestoreEnabled false,
        // SecurityOptions [name=seccomp,profile=default], only the default insecure CIDR, no authz plugin.
        #expect(v["CIS-DOCKER-2.1"] == .informational)
        #expect(v["CIS-DOCKER-2.2"] == .fail)
        #expect(v["CIS-DOCKER-2.3"] == .pass)
        #expect(v["CIS-DOCKER-2.4"] == .pass)
        #expect(v["CIS-DOCKER-2.5"] == .pass)
        #expect(v["CIS-DOCKER-2.6"] == .pass)
        #expect(v["CIS-DOCKER-2.7"] == .notApplicable)
        #expect(v["CIS-DOCKER-2.8"] == .informational)
        #expect(v["CIS-DOCKER-2.9"] == .fail)
        #expect(v["CIS-DOCKER-2.10"] == .pass)
        #expect(v["CIS-DOCKER-2.11"] == .pass)
        #expect(v["CIS-DOCKER-2.12"] == .fail)
        #expect(v["CIS-DOCKER-2.13"] == .fail)
        #expect(v["CIS-DOCKER-2.14"] == .fail)
        #expect(v["CIS-DOCKER-2.15"] == .fail)
        #expect(v["CIS-DOCKER-2.16"] == .fail)
        #expect(v["CIS-DOCKER-2.17"] == .pass)
        #expect(v["CIS-DOCKER-2.18"] == .pass)
        #expect(v["CIS-DOCKER-5.1"] == .pass)
        #expect(v["DOCKERD-0001"] == .pass)
        let logging = try #require(RemoteLogging().check(daemon).first)
        #expect(logging.message.contains("/info field `LoggingDriver`"))
    }

    @Test func hardenedDaemon() throws {
        let argv = try Fixtures.argv("dockerd-hardened-20.10.argv")
        let daemon = DaemonFacts(
            info: try Fixtures.info("info-hardened-20.10.json"),
            configuration: nil,
            commandLine: argv
        )
        let v = verdicts(daemon)
        #expect(v["CIS-DOCKER-2.3"] == .fail)  // --log-level=warn
        #expect(v["CIS-DOCKER-2.4"] == .fail)  // --iptables=false
        #expect(v["CIS-DOCKER-2.5"] == .fail)  // two insecure registries
        #expect(v["CIS-DOCKER-2.8"] == .pass)  // --default-ulimit
        #expect(v["CIS-DOCKER-2.14"] == .pass)
        #expect(v["CIS-DOCKER-2.15"] == .pass)  // LiveRestoreEnabled true
        #expect(v["CIS-DOCKER-2.16"] == .pass)
        #expect(v["CIS-DOCKER-2.18"] == .fail)  // ExperimentalBuild true
        let registries = try #require(InsecureRegistries().check(daemon).first)
        #expect(registries.message.contains("myreg.example:5000"))
        #expect(registries.message.contains("10.0.0.0/8"))
        #expect(!registries.message.contains("127.0.0.0/8"))
        #expect(daemon.unixSocketPaths == ["/var/tmp/dh.sock"])
        #expect(daemon.problems.isEmpty)
    }
}
