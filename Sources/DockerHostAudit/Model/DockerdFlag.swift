/// One dockerd command-line flag: how it is parsed and which daemon.json key it conflicts with.
///
/// The table covers every flag of dockerd 20.10 to 27 so that the argument after a value flag is never mistaken
/// for a flag (`--cgroup-parent --icc=false` sets the cgroup parent, as pflag does).
struct DockerdFlag: Sendable, Hashable {
    /// How the flag takes its value.
    enum Kind: Sendable, Hashable {
        /// `--flag` (true) or `--flag=false`; never consumes the next argument.
        case boolean
        /// `--flag=value` or `--flag value`; the last occurrence wins.
        case value
        /// Like `value`, but every occurrence adds one element.
        case list
    }

    /// Long name without dashes (`log-level`).
    var name: String
    /// One-letter short form (`l`).
    var short: Character?
    var kind: Kind
    /// The daemon.json key dockerd treats as the same directive (`log-level`, `insecure-registries`).
    var key: String

    init(_ name: String, _ kind: Kind, short: Character? = nil, key: String? = nil) {
        self.name = name
        self.short = short
        self.kind = kind
        self.key = key ?? name
    }

    /// `--log-level`.
    var display: String { "--\(name)" }

    static let known: [DockerdFlag] = {
        let booleans = [
            "cri-containerd", "experimental", "help", "icc", "init", "ip-forward", "ip-forward-no-drop", "ip-masq",
            "ip6tables", "iptables", "ipv6", "live-restore", "no-new-privileges", "raw-logs", "rootless",
            "selinux-enabled", "tls", "tlsverify", "userland-proxy", "validate", "allow-direct-routing",
        ]
        let values = [
            "api-cors-header", "bip", "bip6", "cgroup-parent", "config-file", "containerd", "containerd-namespace",
            "containerd-plugins-namespace", "cpu-rt-period", "cpu-rt-runtime", "data-root", "default-cgroupns-mode",
            "default-gateway", "default-gateway-v6", "default-ipc-mode", "default-runtime", "default-shm-size",
            "exec-root", "fixed-cidr", "fixed-cidr-v6", "host-gateway-ip", "http-proxy", "https-proxy", "init-path",
            "ip", "log-driver", "log-format", "max-concurrent-downloads", "max-concurrent-uploads",
            "max-download-attempts", "metrics-addr", "mtu", "network-control-plane-mtu", "network-diagnostic-port",
            "no-proxy", "oom-score-adjust", "seccomp-profile", "shutdown-timeout", "swarm-default-advertise-addr",
            "tlscacert", "tlscert", "tlskey", "userland-proxy-path", "userns-remap", "bridge-accept-fwmark",
            "firewall-backend", "graph",
        ]
        var flags =
            booleans.map { DockerdFlag($0, .boolean) } + values.map { DockerdFlag($0, .value) }
            + [
                DockerdFlag("debug", .boolean, short: "D"), DockerdFlag("version", .boolean, short: "v"),
                DockerdFlag("bridge", .value, short: "b"), DockerdFlag("group", .value, short: "G"),
                DockerdFlag("log-level", .value, short: "l"), DockerdFlag("pidfile", .value, short: "p"),
                DockerdFlag("storage-driver", .value, short: "s"),
                DockerdFlag("host", .list, short: "H", key: "hosts"),
                DockerdFlag("insecure-registry", .list, key: "insecure-registries"),
                DockerdFlag("storage-opt", .list, key: "storage-opts"),
                DockerdFlag("authorization-plugin", .list, key: "authorization-plugins"),
                DockerdFlag("default-ulimit", .list, key: "default-ulimits"),
                DockerdFlag("registry-mirror", .list, key: "registry-mirrors"),
                DockerdFlag("allow-nondistributable-artifacts", .list),
                DockerdFlag("label", .list, key: "labels"), DockerdFlag("log-opt", .list, key: "log-opts"),
                DockerdFlag("dns", .list), DockerdFlag("dns-opt", .list, key: "dns-opts"),
                DockerdFlag("dns-search", .list), DockerdFlag("exec-opt", .list, key: "exec-opts"),
                DockerdFlag("add-runtime", .list, key: "runtimes"),
                DockerdFlag("default-address-pool", .list, key: "default-address-pools"),
                DockerdFlag("node-generic-resource", .list, key: "node-generic-resources"),
                DockerdFlag("feature", .list, key: "features"),
                DockerdFlag("cdi-spec-dir", .list, key: "cdi-spec-dirs"),
                DockerdFlag("default-network-opt", .list, key: "default-network-opts"),
            ]
        flags.sort { $0.name < $1.name }
        return flags
    }()

    static let byName: [String: DockerdFlag] = Dictionary(known.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    static let byShort: [Character: DockerdFlag] = Dictionary(
        known.compactMap { flag in flag.short.map { ($0, flag) } },
        uniquingKeysWith: { a, _ in a }
    )
}
