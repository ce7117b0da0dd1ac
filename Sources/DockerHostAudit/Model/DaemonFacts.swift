public import SecurityModel

/// Everything the section 2 checks know about the Docker daemon, resolved from up to three sources: dockerd's
/// command line, its configuration file (daemon.json) and the running daemon's Engine API `GET /info` answer.
///
/// Each option records where its value came from (``DaemonSetting/source``). Flags and the configuration file
/// are resolved as dockerd resolves them (``DockerdCommandLine``); where `/info` reports the running daemon's
/// effective value (storage driver, log driver, live restore, experimental, debug, user namespaces, rootless,
/// seccomp, insecure registries, authorization plugins) that value wins, because the configuration file may
/// have changed since the daemon started.
public struct DaemonFacts: Sendable, Hashable {
    /// `/etc/docker/daemon.json`.
    public static let defaultConfigurationPath = "/etc/docker/daemon.json"
    /// `/var/run/docker.sock`.
    public static let defaultSocketPath = "/var/run/docker.sock"
    /// The home directory whose `.docker` holds dockerd's default TLS files (dockerd runs as root).
    public static let defaultCertificateDirectory = "/root/.docker"

    /// The `/info` answer, when the adapter could read it.
    public var info: DaemonInfo?
    /// dockerd's command line, when the adapter could read it (a remote daemon has none).
    public var commandLine: DockerdCommandLine?
    /// The configuration file's path (`--config-file`, else `/etc/docker/daemon.json`).
    public var configurationPath: String
    /// The parsed configuration file, nil when it does not exist.
    public var configuration: JSONValue?
    /// What dockerd would refuse in the command line and configuration file.
    public var problems: [DaemonConfigurationProblem]

    /// `--icc` / `icc` (default true): inter-container communication on the default bridge.
    public var interContainerCommunication: DaemonSetting<Bool>
    /// `--log-level` / `-l` / `log-level` (default `info`).
    public var logLevel: DaemonSetting<String?>
    /// `--debug` / `-D` / `debug` (`/info` `Debug`): forces the log level to `debug`.
    public var debug: DaemonSetting<Bool>
    /// `--iptables` / `iptables` (default true).
    public var iptables: DaemonSetting<Bool>
    /// Insecure registries beyond the built-in `127.0.0.0/8`: `/info` `RegistryConfig` when known, else
    /// `--insecure-registry` / `insecure-registries`.
    public var insecureRegistries: DaemonSetting<[String]>
    /// The storage driver: `/info` `Driver`, else `--storage-driver` / `-s` / `storage-driver`; nil = automatic.
    public var storageDriver: DaemonSetting<String?>
    /// `--storage-opt` / `storage-opts`.
    public var storageOptions: DaemonSetting<[String]>
    /// `--tls` / `tls`; true also whenever `tlsverify` is set at all (as dockerd does).
    public var tls: DaemonSetting<Bool>
    /// `--tlsverify` / `tlsverify`.
    public var tlsVerify: DaemonSetting<Bool>
    /// `--tlscacert` / `tlscacert`; dockerd's default (`/root/.docker/ca.pem`) when TLS verification is on.
    public var tlsCACertificate: DaemonSetting<String?>
    /// `--tlscert` / `tlscert`; dockerd's default (`/root/.docker/cert.pem`) when TLS is on.
    public var tlsCertificate: DaemonSetting<String?>
    /// `--tlskey` / `tlskey`; dockerd's default (`/root/.docker/key.pem`) when TLS is on.
    public var tlsKey: DaemonSetting<String?>
    /// `-H` / `--host` / `hosts`; default `unix:///var/run/docker.sock`.
    public var hosts: DaemonSetting<[String]>
    /// `-G` / `--group` / `group` (default `docker`): the group of the unix sockets.
    public var socketGroup: DaemonSetting<String?>
    /// `--userns-remap` / `userns-remap`, as configured.
    public var userNamespaceRemap: DaemonSetting<String?>
    /// Whether user namespace remapping is in effect: `/info` `SecurityOptions` (`name=userns`) when known.
    public var userNamespaces: DaemonSetting<Bool>
    /// Whether the daemon runs rootless: `/info` `SecurityOptions` (`name=rootless`), else `--rootless`.
    public var rootless: DaemonSetting<Bool>
    /// `--cgroup-parent` / `cgroup-parent`.
    public var cgroupParent: DaemonSetting<String?>
    /// Authorization plugins: `/info` `Plugins.Authorization`, else `--authorization-plugin` /
    /// `authorization-plugins`.
    public var authorizationPlugins: DaemonSetting<[String]>
    /// Default log driver: `/info` `LoggingDriver`, else `--log-driver` / `log-driver`, default `json-file`.
    public var logDriver: DaemonSetting<String?>
    /// `--no-new-privileges` / `no-new-privileges` (default false).
    public var noNewPrivileges: DaemonSetting<Bool>
    /// Live restore: `/info` `LiveRestoreEnabled`, else `--live-restore` / `live-restore` (default false).
    public var liveRestore: DaemonSetting<Bool>
    /// `--userland-proxy` / `userland-proxy` (default true).
    public var userlandProxy: DaemonSetting<Bool>
    /// Daemon-wide seccomp profile: `/info` `SecurityOptions` `name=seccomp,profile=…` (`default`/`builtin`,
    /// `unconfined`, or a custom profile), else `--seccomp-profile` / `seccomp-profile`; nil = built-in default.
    public var seccompProfile: DaemonSetting<String?>
    /// Experimental features: `/info` `ExperimentalBuild`, else `--experimental` / `experimental`.
    public var experimental: DaemonSetting<Bool>
    /// `--default-ulimit` / `default-ulimits`, as `name=soft:hard`.
    public var defaultUlimits: DaemonSetting<[String]>
    /// `--containerd` / `containerd`: the containerd socket dockerd uses; nil = system socket or its own.
    public var containerdAddress: DaemonSetting<String?>
    /// `--exec-root` / `exec-root` (default `/var/run/docker`).
    public var execRoot: DaemonSetting<String?>

    /// Swarm state from `/info` (`inactive`, `active`, …), nil when `/info` is unknown.
    public var swarmState: String? { info?.swarmState }

    /// True when the configuration file exists.
    public var hasConfigurationFile: Bool { configuration != nil }
}
