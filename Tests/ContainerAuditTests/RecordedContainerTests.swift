import ContainerAudit
import SecurityModel
import Testing

/// Containers created with `docker create` on a real Docker Engine 20.10 (see Fixtures/README.md): each
/// insecure option must trigger exactly its own checks on top of what the plain container triggers.
@Suite struct RecordedContainerTests {
    static let expectations: [(fixture: String, expected: Set<String>)] = [
        ("privileged", ["CIS-DOCKER-5.5"]),
        ("cap-add-sys-admin", ["CIS-DOCKER-5.4", "CIS-DOCKER-C.5.3.3"]),
        ("docker-socket", ["CIS-DOCKER-5.32"]),
        ("host-etc", ["CIS-DOCKER-5.6"]),
        ("pid-host", ["CIS-DOCKER-5.16"]),
        ("network-host", ["CIS-DOCKER-5.10"]),
        ("ipc-host", ["CIS-DOCKER-5.17"]),
        ("uts-host", ["CIS-DOCKER-5.21"]),
        ("seccomp-unconfined", ["CIS-DOCKER-5.22"]),
        ("apparmor-unconfined", ["CIS-DOCKER-5.2"]),
        ("port-80", ["CIS-DOCKER-5.8", "CIS-DOCKER-5.14"]),
        ("restart-on-failure-10", ["CIS-DOCKER-5.15"]),
        ("propagation-shared", ["CIS-DOCKER-5.20"]),
    ]

    /// What the plain `docker create` container (no options) triggers on this host.
    static let baseline: Set<String> = [
        "CIS-DOCKER-4.1", "CIS-DOCKER-5.2", "CIS-DOCKER-5.3", "CIS-DOCKER-5.11", "CIS-DOCKER-5.12", "CIS-DOCKER-5.13",
        "CIS-DOCKER-5.26", "CIS-DOCKER-5.27", "CIS-DOCKER-5.29", "CIS-DOCKER-5.30",
    ]

    @Test func plainContainerTriggersTheDefaultsOnly() throws {
        #expect(FixtureLoader.ruleIDs(try FixtureLoader.container("default")) == Self.baseline)
    }

    @Test(arguments: expectations.map(\.fixture))
    func insecureOptionTriggersExactlyItsChecks(_ fixture: String) throws {
        let expected = try #require(Self.expectations.first { $0.fixture == fixture }).expected
        let ids = FixtureLoader.ruleIDs(try FixtureLoader.container(fixture))
        #expect(expected.isSubset(of: ids), "\(fixture): missing \(expected.subtracting(ids).sorted())")
        let added = ids.subtracting(Self.baseline)
        #expect(
            added == expected.subtracting(Self.baseline),
            "\(fixture): unexpected \(added.subtracting(expected).sorted())"
        )
    }

    @Test func apparmorUnconfinedIsReportedAsSuch() throws {
        let findings = ContainerCheckCatalogue.run(try FixtureLoader.container("apparmor-unconfined"))
        let apparmor = try #require(findings.first { $0.ruleID == "CIS-DOCKER-5.2" })
        #expect(apparmor.message.contains("unconfined"))
        let plain = ContainerCheckCatalogue.run(try FixtureLoader.container("default"))
        #expect(plain.first { $0.ruleID == "CIS-DOCKER-5.2" }?.message.contains("unconfined") == false)
    }

    @Test func hardenedContainerPassesWhatItConfigures() throws {
        let ids = FixtureLoader.ruleIDs(try FixtureLoader.container("hardened"))
        let configured: Set<String> = [
            "CIS-DOCKER-5.4", "CIS-DOCKER-5.5", "CIS-DOCKER-5.11", "CIS-DOCKER-5.12", "CIS-DOCKER-5.13",
            "CIS-DOCKER-5.15", "CIS-DOCKER-5.26", "CIS-DOCKER-5.27", "CIS-DOCKER-5.29", "CIS-DOCKER-C.5.3.1",
            "CIS-DOCKER-C.5.3.2", "CIS-DOCKER-C.5.3.3", "CIS-DOCKER-C.5.3.4",
        ]
        #expect(ids.isDisjoint(with: configured), "hardened triggers \(ids.intersection(configured).sorted())")
        // Host-level facts it does not configure still show up.
        #expect(ids == ["CIS-DOCKER-5.2", "CIS-DOCKER-5.3", "CIS-DOCKER-5.30"])
    }

    @Test func hardenedFixtureDecodesItsSettings() throws {
        let c = try FixtureLoader.container("hardened")
        let host = try #require(c.hostConfig)
        #expect(c.name == "ba-hardened")
        #expect(c.image == "bulkhead-audit/alpine:3.11")
        #expect(c.user == "1000")
        #expect(c.healthcheckTest == ["CMD-SHELL", "true"])
        #expect(host.readonlyRootfs == true)
        #expect(host.memory == 268_435_456)
        #expect(host.pidsLimit == 100)
        #expect(host.cpuShares == 512)
        #expect(host.capDrop == ["ALL"])
        #expect(host.securityOpt == ["no-new-privileges"])
        #expect(host.restartPolicy == RestartPolicy(name: "on-failure", maximumRetryCount: 3))
        #expect(c.status == "created")
        #expect(c.networks == ["bridge"])
    }

    @Test func findingsNameTheContainerAndAFix() throws {
        let c = try FixtureLoader.container("privileged")
        let finding = try #require(ContainerCheckCatalogue.run(c).first { $0.ruleID == "CIS-DOCKER-5.5" })
        let where_ = try #require(finding.location.container)
        #expect(where_.contains("ba-privileged"))
        #expect(where_.contains(String(try #require(c.id).prefix(12))))
        #expect(where_.contains("bulkhead-audit/alpine:3.11"))
        #expect(finding.location.fieldPath == "HostConfig.Privileged")
        #expect(finding.aliases.contains("5_5"))
        #expect(finding.remediation?.contains("--privileged") == true)
        #expect(finding.remediation?.contains("privileged: true") == true)
        #expect(finding.severity == .critical)
    }

    @Test func mountsAndPortsAreDecoded() throws {
        let socket = try FixtureLoader.container("docker-socket")
        #expect(
            socket.mounts == [
                MountPoint(
                    type: "bind",
                    source: "/var/run/docker.sock",
                    destination: "/var/run/docker.sock",
                    propagation: "rprivate",
                    readWrite: true
                )
            ]
        )
        let port = try FixtureLoader.container("port-80")
        #expect(port.hostConfig?.portBindings == [PortMapping(containerPort: "80/tcp", hostIP: "", hostPort: "80")])
        #expect(port.exposedPorts == ["80/tcp"])
    }
}
