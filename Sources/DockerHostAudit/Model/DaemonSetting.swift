/// One resolved daemon option: its effective value and where that value came from.
public struct DaemonSetting<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The effective value.
    public var value: Value
    /// Where `value` came from.
    public var source: DaemonSettingSource
    /// The dockerd flag that sets this option (`--icc`).
    public var flag: String
    /// The daemon.json key that sets this option (`icc`).
    public var key: String

    /// A setting of option `flag` / `key`.
    public init(value: Value, source: DaemonSettingSource, flag: String, key: String) {
        self.value = value
        self.source = source
        self.flag = flag
        self.key = key
    }

    /// Where the value came from, in words: "set in /etc/docker/daemon.json key `icc`",
    /// "set by dockerd flag `--icc=false`", "dockerd default (flag `--icc` and daemon.json key `icc` not set)".
    public var origin: String {
        switch source {
        case .flag(let text): "set by dockerd flag `\(text)`"
        case .configurationFile(let path, let key): "set in \(path) key `\(key)`"
        case .engineInfo(let field): "reported by the running daemon (Engine API /info field `\(field)`)"
        case .dockerdDefault: "dockerd default (flag `\(flag)` and daemon.json key `\(key)` not set)"
        }
    }

    /// The field path of a finding about this setting: the flag when a flag set it, else the daemon.json key
    /// (where the fix goes); `/info` fields are named as such (`info.LoggingDriver`).
    public var fieldPath: String {
        switch source {
        case .flag: flag
        case .configurationFile(_, let key): key
        case .engineInfo(let field): "info.\(field)"
        case .dockerdDefault: key
        }
    }

    /// True when a flag or the configuration file sets the option explicitly.
    public var isExplicit: Bool {
        switch source {
        case .flag, .configurationFile: true
        case .engineInfo, .dockerdDefault: false
        }
    }
}
