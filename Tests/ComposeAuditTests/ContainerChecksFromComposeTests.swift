import ComposeAudit
import ContainerAudit
import SecurityModel
import Testing

/// The issue's matrix, statically: a hardened service fires no container check, and each variant made insecure
/// in one way fires exactly its check(s).
@Suite struct ContainerChecksFromComposeTests {
    /// The hardened service's keys, in order; a variant replaces, adds or removes keys.
    static let hardened: [(String, String)] = [
        ("image", "nginx:1.25"),
        ("user", "\"1000:1000\""),
        ("read_only", "true"),
        ("mem_limit", "256m"),
        ("pids_limit", "100"),
        ("cpu_shares", "512"),
        ("cap_drop", "[ALL]"),
        ("security_opt", "[\"no-new-privileges:true\", \"label=type:container_t\"]"),
        ("restart", "on-failure:3"),
        ("healthcheck", "{test: [\"CMD\", \"wget\", \"-qO-\", \"http://localhost/\"]}"),
        ("ports", "[\"127.0.0.1:8080:8080\"]"),
        ("volumes", "[\"data:/data:ro\", \"./site:/usr/share/nginx/html:ro\"]"),
    ]

    /// Is the root-user check (CIS 4.1) in the catalogue?
    static let hasUserCheck = ContainerCheckCatalogue.all.contains { $0.descriptor.id == "CIS-DOCKER-4.1" }

    struct Variant: Sendable, CustomStringConvertible {
        var name: String
        var set: [(String, String)] = []
        var remove: [String] = []
        var expected: Set<String>
        var description: String { name }
    }

    static func compose(_ variant: Variant?) -> String {
        var keys = hardened
        if let variant {
            keys.removeAll { key in variant.remove.contains(key.0) }
            for (key, value) in variant.set {
                if let index = keys.firstIndex(where: { $0.0 == key }) {
                    keys[index].1 = value
                } else {
                    keys.append((key, value))
                }
            }
        }
        return "services:\n  web:\n" + keys.map { "    \($0.0): \($0.1)\n" }.joined() + "volumes:\n  data: {}\n"
    }

    static let root: Set<String> = hasUserCheck ? ["CIS-DOCKER-4.1"] : []

    static let variants: [Variant] = [
        Variant(name: "privileged", set: [("privileged", "true")], expected: ["CIS-DOCKER-5.5"]),
        Variant(
            name: "cap_add SYS_ADMIN",
            set: [("cap_add", "[SYS_ADMIN]")],
            expected: ["CIS-DOCKER-5.4", "CIS-DOCKER-C.5.3.3"]
        ),
        Variant(
            name: "docker.sock volume",
            set: [("volumes", "[\"/var/run/docker.sock:/var/run/docker.sock\"]")],
            expected: ["CIS-DOCKER-5.32"]
        ),
        Variant(name: "/etc bind", set: [("volumes", "[\"/etc:/host-etc\"]")], expected: ["CIS-DOCKER-5.6"]),
        Variant(name: "pid host", set: [("pid", "host")], expected: ["CIS-DOCKER-5.16"]),
        Variant(name: "network host", set: [("network_mode", "host")], expected: ["CIS-DOCKER-5.10"]),
        Variant(name: "ipc host", set: [("ipc", "host")], expected: ["CIS-DOCKER-5.17"]),
        Variant(name: "uts host", set: [("uts", "host")], expected: ["CIS-DOCKER-5.21"]),
        Variant(
            name: "seccomp unconfined",
            set: [("security_opt", "[\"no-new-privileges:true\", \"label=type:container_t\", \"seccomp:unconfined\"]")],
            expected: ["CIS-DOCKER-5.22"]
        ),
        Variant(
            name: "apparmor unconfined",
            set: [
                ("security_opt", "[\"no-new-privileges:true\", \"label=type:container_t\", \"apparmor=unconfined\"]")
            ],
            expected: ["CIS-DOCKER-5.2"]
        ),
        Variant(
            name: "port 80 on one address",
            set: [("ports", "[\"127.0.0.1:80:80\"]")],
            expected: ["CIS-DOCKER-5.8"]
        ),
        Variant(name: "port 80", set: [("ports", "[\"80:80\"]")], expected: ["CIS-DOCKER-5.8", "CIS-DOCKER-5.14"]),
        Variant(name: "no memory limit", remove: ["mem_limit"], expected: ["CIS-DOCKER-5.11"]),
        Variant(name: "no pids limit", remove: ["pids_limit"], expected: ["CIS-DOCKER-5.29"]),
        Variant(name: "writable root fs", remove: ["read_only"], expected: ["CIS-DOCKER-5.13"]),
        Variant(name: "restart on-failure:10", set: [("restart", "on-failure:10")], expected: ["CIS-DOCKER-5.15"]),
        Variant(name: "root user", set: [("user", "root")], expected: root),
        Variant(name: "image user (unknown)", remove: ["user"], expected: []),
        Variant(name: "uid 0", set: [("user", "\"0:0\"")], expected: root),
        Variant(
            name: "shared propagation",
            set: [("volumes", "[{type: bind, source: /srv/data, target: /data, bind: {propagation: shared}}]")],
            expected: ["CIS-DOCKER-5.20"]
        ),
        Variant(
            name: "rshared short syntax",
            set: [("volumes", "[\"/srv/data:/data:ro,rshared\"]")],
            expected: ["CIS-DOCKER-5.20"]
        ),
        Variant(
            name: "no SELinux label",
            set: [("security_opt", "[\"no-new-privileges:true\"]")],
            expected: ["CIS-DOCKER-5.3"]
        ),
        Variant(name: "default CPU shares", remove: ["cpu_shares"], expected: ["CIS-DOCKER-5.12"]),
        Variant(name: "host device", set: [("devices", "[\"/dev/fuse:/dev/fuse\"]")], expected: ["CIS-DOCKER-5.18"]),
        Variant(name: "ulimits", set: [("ulimits", "{nofile: 65536}")], expected: ["CIS-DOCKER-5.19"]),
        Variant(name: "cgroup parent", set: [("cgroup_parent", "custom.slice")], expected: ["CIS-DOCKER-5.25"]),
        Variant(
            name: "no no-new-privileges",
            set: [("security_opt", "[\"label=type:container_t\"]")],
            expected: ["CIS-DOCKER-5.26"]
        ),
        Variant(
            name: "health check disabled",
            set: [("healthcheck", "{disable: true}")],
            expected: ["CIS-DOCKER-5.27"]
        ),
        Variant(name: "health check NONE", set: [("healthcheck", "{test: [NONE]}")], expected: ["CIS-DOCKER-5.27"]),
        Variant(name: "default bridge", set: [("network_mode", "bridge")], expected: ["CIS-DOCKER-5.30"]),
        Variant(name: "userns host", set: [("userns_mode", "host")], expected: ["CIS-DOCKER-5.31"]),
        Variant(
            name: "cap_add DAC_READ_SEARCH",
            set: [("cap_add", "[DAC_READ_SEARCH]")],
            expected: ["CIS-DOCKER-5.4", "CIS-DOCKER-C.5.3.1"]
        ),
        Variant(
            name: "cap_add SYS_MODULE",
            set: [("cap_add", "[CAP_SYS_MODULE]")],
            expected: ["CIS-DOCKER-5.4", "CIS-DOCKER-C.5.3.2"]
        ),
        Variant(
            name: "cap_add SYS_PTRACE",
            set: [("cap_add", "[sys_ptrace]")],
            expected: ["CIS-DOCKER-5.4", "CIS-DOCKER-C.5.3.4"]
        ),
        Variant(name: "cap_add default capability", set: [("cap_add", "[NET_BIND_SERVICE]")], expected: []),
        Variant(
            name: "restart policy in deploy",
            remove: ["restart"],
            expected: ["CIS-DOCKER-5.15"]
        ),
        Variant(
            name: "deploy limits instead of keys",
            set: [
                (
                    "deploy",
                    "{resources: {limits: {memory: 1g, pids: 50}}, restart_policy: {condition: on-failure, max_attempts: 3}}"
                )
            ],
            remove: ["mem_limit", "pids_limit", "restart"],
            expected: []
        ),
    ]

    @Test func hardenedServiceFiresNoCheck() {
        let result = ComposeTest.audit(Self.compose(nil))
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.auditedServices == ["web"])
        #expect(result.findings.isEmpty, "\(result.findings.map { "\($0.ruleID): \($0.message)" })")
    }

    @Test(arguments: variants)
    func insecureVariantFiresExactlyItsChecks(_ variant: Variant) {
        var text = Self.compose(variant)
        if variant.name == "restart policy in deploy" {
            text = text.replacingOccurrences(of: "volumes:\n  data", with: "x-unused: 1\nvolumes:\n  data")
            text = text.replacingOccurrences(
                of: "    image: nginx:1.25\n",
                with: "    image: nginx:1.25\n    deploy: {restart_policy: {condition: on-failure}}\n"
            )
        }
        let result = ComposeTest.audit(text)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(ComposeTest.ruleIDs(result) == variant.expected, "\(text)")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        replacing(target, with: replacement)
    }
}
