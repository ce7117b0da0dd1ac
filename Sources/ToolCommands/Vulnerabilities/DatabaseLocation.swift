import Foundation

/// Where the vulnerability database lives by default: `$XDG_CACHE_HOME/bulkhead/db/bulkhead.db`,
/// else `~/.cache/bulkhead/db/bulkhead.db`; `--db PATH` or `$BULKHEAD_DB` override it.
enum DatabaseLocation {
    static func path(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let env = environment["BULKHEAD_DB"], !env.isEmpty { return env }
        return cacheDirectory(environment: environment) + "/db/bulkhead.db"
    }

    static func cacheDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/bulkhead" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/bulkhead"
    }

    /// Age in seconds of an ISO 8601 timestamp, or nil when it does not parse.
    static func age(of timestamp: String, now: Date = Date()) -> TimeInterval? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = formatter.date(from: timestamp) ?? ISO8601DateFormatter().date(from: timestamp)
        return date.map { now.timeIntervalSince($0) }
    }

    /// `3 days`, `5 hours`, `12 minutes`.
    static func describe(age seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds))
        if s >= 2 * 86_400 { return "\(s / 86_400) days" }
        if s >= 2 * 3_600 { return "\(s / 3_600) hours" }
        return "\(s / 60) minutes"
    }
}
