public import SecurityModel

/// The facts Bulkhead reads from the Engine API `GET /info` answer. Missing or mistyped fields are nil/empty.
public struct DaemonInfo: Sendable, Hashable {
    /// One entry of `SecurityOptions` (`name=seccomp,profile=default` → name `seccomp`, profile `default`).
    public struct SecurityOption: Sendable, Hashable {
        /// `seccomp`, `apparmor`, `selinux`, `userns`, `rootless`, `cgroupns`.
        public var name: String
        /// The other `key=value` attributes.
        public var attributes: [String: String]

        /// Parses `name=seccomp,profile=default`; the pre-1.26 plain form (`seccomp`) is a bare name.
        public init(parsing text: String) {
            var name = text
            var attributes: [String: String] = [:]
            if text.contains("=") {
                name = ""
                for part in text.split(separator: ",") {
                    let pair = part.split(separator: "=", maxSplits: 1)
                    let key = String(pair.first ?? ""), value = pair.count > 1 ? String(pair[1]) : ""
                    if key == "name" { name = value } else { attributes[key] = value }
                }
            }
            self.name = name
            self.attributes = attributes
        }
    }

    /// The default insecure registry CIDR every daemon has; not a finding.
    public static let defaultInsecureCIDRs: Set<String> = ["127.0.0.0/8", "::1/128"]

    /// `Driver`: the storage driver.
    public var driver: String?
    /// `LoggingDriver`: the default log driver.
    public var loggingDriver: String?
    /// `SecurityOptions`, parsed.
    public var securityOptions: [SecurityOption]
    /// `ExperimentalBuild`.
    public var experimentalBuild: Bool?
    /// `LiveRestoreEnabled`.
    public var liveRestoreEnabled: Bool?
    /// `Debug`.
    public var debug: Bool?
    /// `Swarm.LocalNodeState`: `inactive`, `pending`, `active`, `error`, `locked`.
    public var swarmState: String?
    /// `ServerVersion`.
    public var serverVersion: String?
    /// `RegistryConfig.InsecureRegistryCIDRs` (defaults included).
    public var insecureRegistryCIDRs: [String]
    /// Names of `RegistryConfig.IndexConfigs` entries with `Secure: false`.
    public var insecureRegistryNames: [String]
    /// `Plugins.Authorization`: the authorization plugins in use.
    public var authorizationPlugins: [String]

    /// Reads an `/info` answer; never fails (a non-object gives an empty value).
    public init(json: JSONValue) {
        driver = json["Driver"]?.nonEmptyString
        loggingDriver = json["LoggingDriver"]?.nonEmptyString
        securityOptions = json["SecurityOptions"]?.strings.map(SecurityOption.init(parsing:)) ?? []
        experimentalBuild = json["ExperimentalBuild"]?.booleanValue
        liveRestoreEnabled = json["LiveRestoreEnabled"]?.booleanValue
        debug = json["Debug"]?.booleanValue
        swarmState = json["Swarm"]?["LocalNodeState"]?.nonEmptyString
        serverVersion = json["ServerVersion"]?.nonEmptyString
        let registry = json["RegistryConfig"]
        insecureRegistryCIDRs = registry?["InsecureRegistryCIDRs"]?.strings ?? []
        insecureRegistryNames = (registry?["IndexConfigs"]?.objectMembers ?? []).compactMap { name, config in
            config["Secure"]?.booleanValue == false ? (config["Name"]?.nonEmptyString ?? name) : nil
        }
        authorizationPlugins = json["Plugins"]?["Authorization"]?.strings ?? []
    }

    /// The security option called `name`, if the daemon reports it.
    public func securityOption(_ name: String) -> SecurityOption? { securityOptions.first { $0.name == name } }

    /// Insecure registries beyond the built-in default (`127.0.0.0/8`): index names and CIDRs.
    public var nonDefaultInsecureRegistries: [String] {
        insecureRegistryNames + insecureRegistryCIDRs.filter { !Self.defaultInsecureCIDRs.contains($0) }
    }
}
