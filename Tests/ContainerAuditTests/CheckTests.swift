import ContainerAudit
import SecurityModel
import Testing

/// Checks on hand-written inspect objects, for options the recorded fixtures do not cover.
@Suite struct CheckTests {
    /// An inspect object with `hostConfig` members inside `HostConfig` and `extra` top-level members.
    func inspect(host: String = "", extra: String = "") -> String {
        let hostBody = host.isEmpty ? "" : host
        let extraBody = extra.isEmpty ? "" : ", \(extra)"
        return
            #"{"Id": "0123456789abcdef0123", "Name": "/t", "Config": {"Image": "img:1"}, "HostConfig": {\#(hostBody)}\#(extraBody)}"#
    }

    @Test func allCapabilitiesTriggerEveryCapabilityCheck() throws {
        let ids = try FixtureLoader.ids(inspect(host: #""CapAdd": ["ALL"]"#))
        for id in [
            "CIS-DOCKER-5.4", "CIS-DOCKER-C.5.3.1", "CIS-DOCKER-C.5.3.2", "CIS-DOCKER-C.5.3.3", "CIS-DOCKER-C.5.3.4",
        ] {
            #expect(ids.contains(id), "\(id)")
        }
    }

    @Test(arguments: [
        ("", true), ("root", true), ("0", true), ("0:0", true), (" root:wheel ", true), ("1000", false),
        ("app", false), ("1000:0", false), ("rootless", false),
    ])
    func rootUserCheckReadsConfigUser(user: String, flagged: Bool) throws {
        let json =
            #"{"Id": "0123456789abcdef0123", "Name": "/t", "Config": {"Image": "img:1", "User": "\#(user)"}}"#
        #expect(try FixtureLoader.ids(json).contains("CIS-DOCKER-4.1") == flagged, "user '\(user)'")
    }

    @Test func mandatoryAccessControlChecksApplyOnlyWhereTheHostHasIt() throws {
        let json = #"{"Id": "0123456789abcdef0123", "AppArmorProfile": "", "HostConfig": {"SecurityOpt": null}}"#
        var container = try #require(try ContainerConfig.decode(json, source: "t").first)
        func ids() -> Set<String> { Set(ContainerCheckCatalogue.run(container).map(\.ruleID)) }
        #expect(ids().isSuperset(of: ["CIS-DOCKER-5.2", "CIS-DOCKER-5.3"]), "unknown host: checked")
        container.hostSecurityFeatures = ["seccomp"]
        #expect(ids().isDisjoint(with: ["CIS-DOCKER-5.2", "CIS-DOCKER-5.3"]), "host without AppArmor and SELinux")
        container.hostSecurityFeatures = ["apparmor", "seccomp"]
        #expect(ids().contains("CIS-DOCKER-5.2"))
        #expect(!ids().contains("CIS-DOCKER-5.3"))
        container.hostSecurityFeatures = ["selinux"]
        #expect(ids().contains("CIS-DOCKER-5.3"))
        #expect(!ids().contains("CIS-DOCKER-5.2"))
        // Explicitly disabling AppArmor is reported on every host; `label=disable` (which Docker adds itself
        // for privileged or host-PID/IPC containers) only where SELinux exists.
        container.hostSecurityFeatures = []
        container.hostConfig?.securityOpt = ["apparmor=unconfined", "label=disable"]
        #expect(ids().contains("CIS-DOCKER-5.2"))
        #expect(!ids().contains("CIS-DOCKER-5.3"))
        container.hostSecurityFeatures = ["selinux"]
        #expect(ids().contains("CIS-DOCKER-5.3"))
    }

    @Test(arguments: [
        (#""CpuShares": 0"#, true), (#""CpuShares": 1024"#, true), (#""CpuShares": 512"#, false),
        (#""CpuShares": 0, "NanoCpus": 1500000000"#, false), (#""CpuShares": 0, "CpuQuota": 50000"#, false),
        (#""CpuShares": 0, "CpuQuota": -1"#, true),
    ])
    func cpuPriorityAcceptsSharesOrACap(host: String, flagged: Bool) throws {
        #expect(try FixtureLoader.ids(inspect(host: host)).contains("CIS-DOCKER-5.12") == flagged, "\(host)")
    }

    @Test func defaultCapabilitiesAreNotFlagged() throws {
        let ids = try FixtureLoader.ids(inspect(host: #""CapAdd": ["NET_BIND_SERVICE", "cap_chown"]"#))
        #expect(!ids.contains("CIS-DOCKER-5.4"))
        let ptrace = try FixtureLoader.ids(inspect(host: #""CapAdd": ["sys_ptrace"]"#))
        #expect(ptrace.isSuperset(of: ["CIS-DOCKER-5.4", "CIS-DOCKER-C.5.3.4"]))
        #expect(!ptrace.contains("CIS-DOCKER-C.5.3.3"))
    }

    @Test func userNamespaceDevicesUlimitsAndCgroupParent() throws {
        let ids = try FixtureLoader.ids(
            inspect(
                host: #"""
                    "UsernsMode": "host", "CgroupParent": "/custom",
                    "Devices": [{"PathOnHost": "/dev/sda", "PathInContainer": "/dev/sda", "CgroupPermissions": "rwm"}],
                    "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 2048}]
                    """#
            )
        )
        #expect(ids.isSuperset(of: ["CIS-DOCKER-5.31", "CIS-DOCKER-5.25", "CIS-DOCKER-5.18", "CIS-DOCKER-5.19"]))
        let plain = try FixtureLoader.ids(inspect(host: #""UsernsMode": "", "Devices": [], "Ulimits": []"#))
        #expect(plain.isDisjoint(with: ["CIS-DOCKER-5.31", "CIS-DOCKER-5.25", "CIS-DOCKER-5.18", "CIS-DOCKER-5.19"]))
    }

    @Test func restartPolicies() throws {
        func flagged(_ policy: String) throws -> Bool {
            try FixtureLoader.ids(inspect(host: #""RestartPolicy": \#(policy)"#)).contains("CIS-DOCKER-5.15")
        }
        #expect(try flagged(#"{"Name": "on-failure", "MaximumRetryCount": 0}"#))  // unlimited
        #expect(try flagged(#"{"Name": "on-failure", "MaximumRetryCount": 6}"#))
        #expect(try !flagged(#"{"Name": "on-failure", "MaximumRetryCount": 5}"#))
        #expect(try !flagged(#"{"Name": "always", "MaximumRetryCount": 0}"#))
        #expect(try !flagged(#"{"Name": "no"}"#))
    }

    @Test func portBindingsOnOneInterfaceAndHighPorts() throws {
        let ids = try FixtureLoader.ids(
            inspect(host: #""PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]}"#)
        )
        #expect(ids.isDisjoint(with: ["CIS-DOCKER-5.8", "CIS-DOCKER-5.14"]))
        let running = try FixtureLoader.ids(
            inspect(
                extra:
                    #""NetworkSettings": {"Ports": {"443/tcp": [{"HostIp": "0.0.0.0", "HostPort": "443"}], "9/udp": null}}"#
            )
        )
        #expect(running.isSuperset(of: ["CIS-DOCKER-5.8", "CIS-DOCKER-5.14"]))
    }

    @Test func securityOptionsInEitherSyntax() throws {
        let hardened = try FixtureLoader.ids(
            inspect(
                host:
                    #""SecurityOpt": ["label:type:svirt_apache_t", "no-new-privileges:true", "apparmor=docker-default"]"#
            )
        )
        #expect(hardened.isDisjoint(with: ["CIS-DOCKER-5.3", "CIS-DOCKER-5.26", "CIS-DOCKER-5.22"]))
        let off = try FixtureLoader.ids(
            inspect(host: #""SecurityOpt": ["no-new-privileges:false", "seccomp:unconfined"]"#)
        )
        #expect(off.isSuperset(of: ["CIS-DOCKER-5.26", "CIS-DOCKER-5.22"]))
    }

    @Test func healthCheckDisabledOrUnhealthy() throws {
        func ids(_ config: String, state: String = "{}") throws -> Set<String> {
            try FixtureLoader.ids(#"{"Config": \#(config), "HostConfig": {}, "State": \#(state)}"#)
        }
        #expect(try ids(#"{"Healthcheck": {"Test": ["NONE"]}}"#).contains("CIS-DOCKER-5.27"))
        #expect(try !ids(#"{"Healthcheck": {"Test": ["CMD", "true"]}}"#).contains("CIS-DOCKER-5.27"))
        #expect(
            try ids(#"{"Healthcheck": {"Test": ["CMD", "true"]}}"#, state: #"{"Health": {"Status": "unhealthy"}}"#)
                .contains("CIS-DOCKER-5.27")
        )
    }

    @Test func bindsAreUsedWhenMountsAreAbsent() throws {
        let ids = try FixtureLoader.ids(
            inspect(host: #""Binds": ["/:/host:ro", "/run/docker.sock:/s", "/data:/d:rshared"]"#)
        )
        #expect(ids.isSuperset(of: ["CIS-DOCKER-5.6", "CIS-DOCKER-5.32", "CIS-DOCKER-5.20"]))
        let volume = try FixtureLoader.ids(inspect(host: #""Binds": ["etc:/etc"]"#))
        #expect(!volume.contains("CIS-DOCKER-5.6"))
    }

    @Test func sensitiveDirectories() {
        for path in ["/", "/etc", "/etc/", "/usr/lib", "/proc", "/sys/fs/cgroup", "/boot", "/dev", "/lib"] {
            var c = ContainerConfig(id: "x")
            c.mounts = [MountPoint(type: "bind", source: path, destination: "/m")]
            #expect(ContainerCheckCatalogue.run(c).contains { $0.ruleID == "CIS-DOCKER-5.6" }, "\(path)")
        }
        for path in ["/etcetera", "/home/u", "/var/lib/app", "/library"] {
            var c = ContainerConfig(id: "x")
            c.mounts = [MountPoint(type: "bind", source: path, destination: "/m")]
            #expect(!ContainerCheckCatalogue.run(c).contains { $0.ruleID == "CIS-DOCKER-5.6" }, "\(path)")
        }
    }

    @Test func withoutHostConfigOnlyDocumentFactsAreChecked() throws {
        #expect(try FixtureLoader.ids(#"{"Id": "abc"}"#).isEmpty)
        #expect(try FixtureLoader.ids(#"{"AppArmorProfile": "unconfined"}"#) == ["CIS-DOCKER-5.2"])
    }
}

@Suite struct ProcessListTests {
    @Test func sshDaemonIsFoundByProcessName() throws {
        let top = try JSONParser.parse(
            #"{"Titles": ["PID", "COMMAND", "COMMAND"], "Processes": [["1", "sshd", "/usr/sbin/sshd -D"], ["7", "sh", "sh"]]}"#
        )
        var container = try #require(try ContainerConfig.decode(#"{"Id": "0123456789abcdef0123"}"#, source: "t").first)
        #expect(
            !ContainerCheckCatalogue.run(container).contains { $0.ruleID == "CIS-DOCKER-5.7" },
            "unknown: not judged"
        )
        container.processNames = ContainerProcessList.names(top: top)
        #expect(container.processNames == ["sshd", "sh"])
        let finding = try #require(ContainerCheckCatalogue.run(container).first { $0.ruleID == "CIS-DOCKER-5.7" })
        #expect(finding.message.contains("sshd"))
        container.processNames = ["sleep", "sshd-keygen-wrapper", "nginx"]
        #expect(!ContainerCheckCatalogue.run(container).contains { $0.ruleID == "CIS-DOCKER-5.7" })
    }

    @Test func defaultTopColumnsUseTheFirstWordOfCMD() throws {
        let top = try JSONParser.parse(
            #"{"Titles": ["UID", "PID", "CMD"], "Processes": [["root", "1", "sshd: root@pts/0"], ["root", "9", "sleep 100"]]}"#
        )
        #expect(ContainerProcessList.names(top: top) == ["sshd:", "sleep"])
        #expect(SSHDaemonRunning.isSSHDaemon("sshd:"))
        #expect(ContainerProcessList.names(top: try JSONParser.parse(#"{"Titles": ["X"], "Processes": []}"#)) == nil)
        #expect(ContainerProcessList.names(top: try JSONParser.parse("[]")) == nil)
    }
}
