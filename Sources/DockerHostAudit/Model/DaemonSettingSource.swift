/// Where a resolved daemon setting came from, so that a finding can say where to change it.
public enum DaemonSettingSource: Sendable, Hashable {
    /// A dockerd flag, as written on the command line (`--icc=false`, `-l debug`).
    case flag(String)
    /// A key of the daemon configuration file.
    case configurationFile(path: String, key: String)
    /// A field of the Engine API `GET /info` answer (`LoggingDriver`): what the running daemon reports.
    case engineInfo(field: String)
    /// Neither flag nor configuration file sets it: dockerd's built-in default.
    case dockerdDefault
}
