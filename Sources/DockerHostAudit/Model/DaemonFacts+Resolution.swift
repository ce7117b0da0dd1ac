public import SecurityModel

extension DaemonFacts {
    /// Resolves the daemon's facts from whatever the adapter could read; every input may be missing.
    ///
    /// - Parameters:
    ///   - info: the Engine API `GET /info` answer.
    ///   - configuration: the parsed daemon configuration file; nil when it does not exist.
    ///   - configurationPath: where `configuration` was read (``DockerdCommandLine/configurationFile``).
    ///   - commandLine: dockerd's argv, program name first (`/proc/<pid>/cmdline` split at NUL bytes).
    public init(
        info: JSONValue?,
        configuration: JSONValue?,
        configurationPath: String? = nil,
        commandLine: [String]?
    ) {
        let parsedCommandLine = commandLine.map(DockerdCommandLine.init(arguments:))
        let path = configurationPath ?? parsedCommandLine?.configurationFile ?? Self.defaultConfigurationPath
        var resolver = OptionResolver(
            commandLine: parsedCommandLine ?? DockerdCommandLine(arguments: []),
            configuration: configuration,
            configurationPath: path
        )
        let daemonInfo = info.map(DaemonInfo.init(json:))
        self.info = daemonInfo
        self.commandLine = parsedCommandLine
        self.configurationPath = path
        self.configuration = configuration

        interContainerCommunication = resolver.boolean("icc", default: true)
        logLevel = resolver.string("log-level", default: "info")
        iptables = resolver.boolean("iptables", default: true)
        storageOptions = resolver.list("storage-opt")
        socketGroup = resolver.string("group", default: "docker")
        userNamespaceRemap = resolver.string("userns-remap", default: nil)
        cgroupParent = resolver.string("cgroup-parent", default: nil)
        noNewPrivileges = resolver.boolean("no-new-privileges", default: false)
        userlandProxy = resolver.boolean("userland-proxy", default: true)
        defaultUlimits = resolver.list("default-ulimit")
        containerdAddress = resolver.string("containerd", default: nil)
        execRoot = resolver.string("exec-root", default: "/var/run/docker")

        var hosts = resolver.list("host")
        if hosts.value.isEmpty { hosts.value = ["unix://\(Self.defaultSocketPath)"] }
        self.hosts = hosts

        // TLS: setting tlsverify at all (true or false) turns TLS on, as dockerd does.
        let tlsVerify = resolver.boolean("tlsverify", default: false)
        var tls = resolver.boolean("tls", default: false)
        if tlsVerify.isExplicit, !tls.value {
            tls = DaemonSetting(value: true, source: tlsVerify.source, flag: tls.flag, key: tls.key)
        }
        self.tls = tls
        self.tlsVerify = tlsVerify
        tlsCACertificate = Self.certificate(resolver.string("tlscacert", default: nil), "ca.pem", when: tlsVerify.value)
        tlsCertificate = Self.certificate(resolver.string("tlscert", default: nil), "cert.pem", when: tls.value)
        tlsKey = Self.certificate(resolver.string("tlskey", default: nil), "key.pem", when: tls.value)

        // Options the running daemon reports through /info: its answer wins.
        let infoBoolean = { (setting: DaemonSetting<Bool>, value: Bool?, field: String) -> DaemonSetting<Bool> in
            guard let value else { return setting }
            return DaemonSetting(value: value, source: .engineInfo(field: field), flag: setting.flag, key: setting.key)
        }
        let infoString = {
            (setting: DaemonSetting<String?>, value: String?, field: String) -> DaemonSetting<String?> in
            guard let value else { return setting }
            return DaemonSetting(value: value, source: .engineInfo(field: field), flag: setting.flag, key: setting.key)
        }
        debug = infoBoolean(resolver.boolean("debug", default: false), daemonInfo?.debug, "Debug")
        liveRestore = infoBoolean(
            resolver.boolean("live-restore", default: false),
            daemonInfo?.liveRestoreEnabled,
            "LiveRestoreEnabled"
        )
        experimental = infoBoolean(
            resolver.boolean("experimental", default: false),
            daemonInfo?.experimentalBuild,
            "ExperimentalBuild"
        )
        storageDriver = infoString(resolver.string("storage-driver", default: nil), daemonInfo?.driver, "Driver")
        logDriver = infoString(
            resolver.string("log-driver", default: "json-file"),
            daemonInfo?.loggingDriver,
            "LoggingDriver"
        )

        let securityOptions = daemonInfo.map { info in Set(info.securityOptions.map(\.name)) }
        userNamespaces = infoBoolean(
            DaemonSetting(
                value: !(userNamespaceRemap.value ?? "").isEmpty,
                source: userNamespaceRemap.source,
                flag: userNamespaceRemap.flag,
                key: userNamespaceRemap.key
            ),
            securityOptions?.contains("userns"),
            "SecurityOptions"
        )
        rootless = infoBoolean(
            resolver.boolean("rootless", default: false),
            securityOptions?.contains("rootless"),
            "SecurityOptions"
        )
        let configuredSeccomp = resolver.string("seccomp-profile", default: nil)
        if let info = daemonInfo, let option = info.securityOption("seccomp") {
            let profile = option.attributes["profile"].flatMap { ["default", "builtin", ""].contains($0) ? nil : $0 }
            seccompProfile = infoString(configuredSeccomp, profile ?? "default", "SecurityOptions")
            if profile == nil { seccompProfile.value = nil }
        } else {
            seccompProfile = configuredSeccomp
        }

        let configuredRegistries = resolver.list("insecure-registry")
        if let info = daemonInfo {
            insecureRegistries = DaemonSetting(
                value: info.nonDefaultInsecureRegistries,
                source: .engineInfo(field: "RegistryConfig"),
                flag: configuredRegistries.flag,
                key: configuredRegistries.key
            )
        } else {
            var registries = configuredRegistries
            registries.value.removeAll { DaemonInfo.defaultInsecureCIDRs.contains($0) }
            insecureRegistries = registries
        }
        let configuredPlugins = resolver.list("authorization-plugin")
        if let info = daemonInfo {
            authorizationPlugins = DaemonSetting(
                value: info.authorizationPlugins,
                source: .engineInfo(field: "Plugins.Authorization"),
                flag: configuredPlugins.flag,
                key: configuredPlugins.key
            )
        } else {
            authorizationPlugins = configuredPlugins
        }
        problems = resolver.problems
    }

    /// A TLS file setting; when TLS needs it and it is not set, dockerd's default under `/root/.docker`.
    private static func certificate(_ setting: DaemonSetting<String?>, _ file: String, when needed: Bool)
        -> DaemonSetting<String?>
    {
        guard (setting.value ?? "").isEmpty else { return setting }
        guard needed else {
            return DaemonSetting(value: nil, source: setting.source, flag: setting.flag, key: setting.key)
        }
        return DaemonSetting(
            value: "\(defaultCertificateDirectory)/\(file)",
            source: .dockerdDefault,
            flag: setting.flag,
            key: setting.key
        )
    }
}
