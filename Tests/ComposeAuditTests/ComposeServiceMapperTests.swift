import ComposeAudit
import ContainerAudit
import SecurityModel
import Testing

@Suite struct ComposeServiceMapperTests {
    func web(_ body: String, extra: String = "") throws -> ContainerConfig {
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }
            .joined(separator: "\n")
        return try ComposeTest.config("services:\n  web:\n    image: app\n\(indented)\n\(extra)")
    }

    @Test func scalarKeys() throws {
        let c = try web(
            """
            privileged: true
            read_only: yes
            user: "1000:1000"
            pid: host
            ipc: shareable
            uts: host
            userns_mode: host
            cgroup_parent: my.slice
            cpu_shares: 512
            pids_limit: 200
            mem_limit: 512m
            cap_add: [SYS_ADMIN]
            cap_drop: [ALL]
            security_opt: ["seccomp:unconfined"]
            ulimits: {nofile: {soft: 1, hard: 2}, nproc: 65535}
            expose: ["3000", "53/udp"]
            """
        )
        let h = try #require(c.hostConfig)
        #expect(c.name == "web")
        #expect(c.image == "app")
        #expect(c.user == "1000:1000")
        #expect(h.privileged == true)
        #expect(h.readonlyRootfs == true)
        #expect(h.pidMode == "host")
        #expect(h.ipcMode == "shareable")
        #expect(h.utsMode == "host")
        #expect(h.usernsMode == "host")
        #expect(h.cgroupParent == "my.slice")
        #expect(h.cpuShares == 512)
        #expect(h.pidsLimit == 200)
        #expect(h.memory == 512 * 1024 * 1024)
        #expect(h.capAdd == ["SYS_ADMIN"])
        #expect(h.capDrop == ["ALL"])
        #expect(h.securityOpt == ["seccomp:unconfined"])
        #expect(h.ulimits == ["nofile", "nproc"])
        #expect(c.exposedPorts == ["3000/tcp", "53/udp"])
    }

    @Test(arguments: [
        ("512m", 536_870_912), ("1g", 1_073_741_824), ("1GB", 1_073_741_824), ("100k", 102_400), ("2048", 2048),
        ("1.5g", 1_610_612_736), ("64b", 64),
    ])
    func byteUnits(_ text: String, _ bytes: Int) throws {
        #expect(try web("mem_limit: \(text)").hostConfig?.memory == bytes)
    }

    @Test func deployLimitsAndRestartPolicy() throws {
        let c = try web(
            """
            deploy:
              resources: {limits: {memory: 1g, pids: 50, cpus: "0.5"}}
              restart_policy: {condition: on-failure, max_attempts: 10}
            """
        )
        #expect(c.hostConfig?.memory == 1_073_741_824)
        #expect(c.hostConfig?.pidsLimit == 50)
        #expect(c.hostConfig?.nanoCPUs == 500_000_000)
        #expect(c.hostConfig?.restartPolicy == RestartPolicy(name: "on-failure", maximumRetryCount: 10))
    }

    @Test func cpuCapsSatisfyTheCPUCheck() throws {
        #expect(try web("cpus: 1.5").hostConfig?.nanoCPUs == 1_500_000_000)
        #expect(try web("cpu_quota: 50000").hostConfig?.cpuQuota == 50_000)
        let findings = ComposeAuditor().audit(
            text: "services:\n  web:\n    image: a:1\n    cpus: 0.5\n",
            path: "c.yaml"
        ).findings
        #expect(!findings.contains { $0.ruleID == "CIS-DOCKER-5.12" })
    }

    @Test(arguments: [
        ("on-failure:10", "on-failure", 10), ("on-failure", "on-failure", 0), ("always", "always", 0),
        ("\"no\"", "no", 0), ("unless-stopped", "unless-stopped", 0),
    ])
    func restartKey(_ text: String, _ name: String, _ retries: Int) throws {
        #expect(
            try web("restart: \(text)").hostConfig?.restartPolicy
                == RestartPolicy(name: name, maximumRetryCount: retries)
        )
    }

    @Test func shortAndLongPorts() throws {
        let c = try web(
            """
            ports:
              - 80
              - 8080:80
              - "127.0.0.1:8443:443"
              - "[::1]:53:53/udp"
              - "8000-8002:9000-9002"
              - "127.0.0.1::5000"
              - target: 22
                published: "2222"
                host_ip: 10.0.0.1
                protocol: tcp
                mode: host
            """
        )
        let ports = try #require(c.hostConfig?.portBindings)
        #expect(
            ports == [
                PortMapping(containerPort: "80/tcp", hostIP: "", hostPort: ""),
                PortMapping(containerPort: "80/tcp", hostIP: "", hostPort: "8080"),
                PortMapping(containerPort: "443/tcp", hostIP: "127.0.0.1", hostPort: "8443"),
                PortMapping(containerPort: "53/udp", hostIP: "::1", hostPort: "53"),
                PortMapping(containerPort: "9000/tcp", hostIP: "", hostPort: "8000"),
                PortMapping(containerPort: "9001/tcp", hostIP: "", hostPort: "8001"),
                PortMapping(containerPort: "9002/tcp", hostIP: "", hostPort: "8002"),
                PortMapping(containerPort: "5000/tcp", hostIP: "127.0.0.1", hostPort: ""),
                PortMapping(containerPort: "22/tcp", hostIP: "10.0.0.1", hostPort: "2222"),
            ]
        )
    }

    @Test func unquotedPortIsAStringNotBase60() throws {
        // YAML 1.1 would read 22:22 as 1342; Compose (YAML 1.2) reads a string.
        let c = try web("ports:\n  - 22:22")
        #expect(c.hostConfig?.portBindings == [PortMapping(containerPort: "22/tcp", hostIP: "", hostPort: "22")])
    }

    @Test func volumesShortAndLong() throws {
        let c = try web(
            """
            volumes:
              - /etc:/host-etc:ro,z
              - ./data:/data
              - cache:/cache
              - /anonymous
              - /var/run/../../etc/:/x
              - type: bind
                source: /srv
                target: /srv
                read_only: true
                bind: {propagation: rshared}
              - type: volume
                source: disguised
                target: /d
              - type: tmpfs
                target: /tmp
            """,
            extra: "volumes:\n  cache: {}\n  disguised:\n    driver_opts: {type: none, o: bind, device: /proc}\n"
        )
        let m = try #require(c.mounts)
        #expect(m.count == 8)
        #expect(m[0] == MountPoint(type: "bind", source: "/etc", destination: "/host-etc", readWrite: false))
        #expect(m[1] == MountPoint(type: "bind", source: "./data", destination: "/data", readWrite: true))
        #expect(m[2] == MountPoint(type: "volume", source: "cache", destination: "/cache", readWrite: true))
        #expect(m[3] == MountPoint(type: "volume", source: nil, destination: "/anonymous", readWrite: true))
        #expect(m[4].source == "/etc")
        #expect(
            m[5]
                == MountPoint(
                    type: "bind",
                    source: "/srv",
                    destination: "/srv",
                    propagation: "rshared",
                    readWrite: false
                )
        )
        #expect(m[6] == MountPoint(type: "bind", source: "/proc", destination: "/d", readWrite: true))
        #expect(m[7].type == "tmpfs")
    }

    @Test func devices() throws {
        let c = try web("devices: [\"/dev/fuse\", \"/dev/sda:/dev/xvda:r\"]")
        #expect(
            c.hostConfig?.devices == [
                DeviceMapping(pathOnHost: "/dev/fuse", pathInContainer: "/dev/fuse", cgroupPermissions: "rwm"),
                DeviceMapping(pathOnHost: "/dev/sda", pathInContainer: "/dev/xvda", cgroupPermissions: "r"),
            ]
        )
    }

    @Test func healthcheckForms() throws {
        #expect(try web("healthcheck: {test: [CMD, true]}").healthcheckTest == ["CMD", "true"])
        #expect(
            try web("healthcheck: {test: curl -f localhost}").healthcheckTest == ["CMD-SHELL", "curl -f localhost"]
        )
        #expect(try web("healthcheck: {disable: true}").healthcheckTest == ["NONE"])
        #expect(try web("healthcheck: {interval: 5s}").healthcheckTest == nil)
    }

    @Test func networksOfTheService() throws {
        #expect(try web("").networks == ["project_default"])
        #expect(try web("networks: [front]").networks == ["project_front"])
        #expect(try web("network_mode: bridge").networks == [])
        #expect(try web("network_mode: bridge").hostConfig?.networkMode == "bridge")
        #expect(try web("network_mode: host\nports: [\"80:80\"]").hostConfig?.portBindings == [])
        let external = try web("networks: {legacy: {}}", extra: "networks:\n  legacy: {external: true, name: bridge}\n")
        #expect(external.networks == ["bridge"])
        let named = try ComposeTest.config("name: shop\nservices:\n  web: {image: a}\n")
        #expect(named.networks == ["shop_default"])
    }

    @Test func namespaceOfAnotherService() throws {
        let text = """
            services:
              vpn: {image: vpn, network_mode: host, pid: "service:web"}
              web: {image: app, network_mode: "service:vpn", ipc: "service:vpn", pid: "service:vpn"}
            """
        let web = try ComposeTest.config(text)
        #expect(web.hostConfig?.networkMode == "host")
        #expect(web.hostConfig?.ipcMode == "container:vpn")
        #expect(web.hostConfig?.pidMode == "container:vpn")
    }

    @Test func buildOnlyServiceIsNamedAfterItsContext() throws {
        let result = ComposeTest.audit("services:\n  web:\n    build: ./backend\n  api:\n    build: {dockerfile: D}\n")
        #expect(result.findings.contains { $0.location.image == "build:./backend" })
        #expect(result.findings.contains { $0.location.image == "build:." })
    }

    @Test func anchorsMergesAndExtensionFields() throws {
        let text = """
            version: "3.8"
            x-hardening: &hardening
              read_only: true
              cap_drop: [ALL]
              x-note: ignored
            services:
              web:
                <<: *hardening
                image: app
                read_only: false
                x-owner: team
            """
        let c = try ComposeTest.config(text)
        #expect(c.hostConfig?.readonlyRootfs == false)
        #expect(c.hostConfig?.capDrop == ["ALL"])
    }
}
