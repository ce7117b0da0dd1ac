public import FoundationEssentials
public import SecurityModel
import Yams

/// The contents of a `.bulkhead.yaml` (or, when none exists, a `.hadolint.yaml` translated to the
/// same model). See docs/configuration.md.
public struct ConfigurationFile: Sendable, Hashable {
    /// Which file this came from.
    public var path: String
    /// Default `--fail-on`.
    public var failOn: Severity?
    /// Rule names never run.
    public var disabledRules: [String]
    /// Rule names run although off by default.
    public var enabledRules: [String]
    /// Severity per rule name.
    public var severityOverrides: [String: Severity]
    /// Waivers.
    public var ignores: [IgnoreEntry]
    /// Registries images may come from (DL3026 and friends).
    public var trustedRegistries: [String]
    /// Required labels and their types.
    public var labelSchema: [String: String]
    /// Report labels outside the schema.
    public var strictLabels: Bool
    /// Honour inline ignore comments.
    public var allowInlineIgnores: Bool
    /// Extra key names treated as secrets.
    public var secretKeys: [String]
    /// Default output format name.
    public var format: String?
    /// `audit.pss-level`: the Pod Security Standards level `bulkhead audit k8s` enforces.
    public var auditPSSLevel: String?
    /// `audit.pss-version`: the policy version (`v1.30`, `latest`).
    public var auditPSSVersion: String?
    /// `audit.best-practices`: run the Kubernetes best-practice checks (default true).
    public var auditBestPractices: Bool?
    /// `watch:`: defaults for `bulkhead watch` (nil when the file has no such section).
    public var watch: WatchConfiguration?

    public init(path: String) {
        self.path = path
        failOn = nil
        disabledRules = []
        enabledRules = []
        severityOverrides = [:]
        ignores = []
        trustedRegistries = []
        labelSchema = [:]
        strictLabels = false
        allowInlineIgnores = true
        secretKeys = []
        format = nil
    }

    /// Largest configuration file accepted.
    public static let maximumSize = 1 << 20

    /// Parses a `.bulkhead.yaml`.
    public static func parse(bulkheadYAML text: String, path: String) throws(ConfigurationError) -> ConfigurationFile {
        let root = try load(text, path: path)
        var config = ConfigurationFile(path: path)
        var reader = ValueReader(path: path)
        for (key, value) in root {
            switch key {
            case "version": _ = try reader.int(value, key)
            case "failOn", "fail-on": config.failOn = try reader.severity(value, key)
            case "format": config.format = try reader.string(value, key)
            case "rules":
                for (k, v) in try reader.map(value, key) {
                    switch k {
                    case "disable": config.disabledRules = try reader.strings(v, "rules.disable")
                    case "enable": config.enabledRules = try reader.strings(v, "rules.enable")
                    case "severity":
                        for (rule, sev) in try reader.map(v, "rules.severity") {
                            config.severityOverrides[rule] = try reader.severity(sev, "rules.severity.\(rule)")
                        }
                    default: throw reader.unknown("rules.\(k)")
                    }
                }
            case "ignore":
                for (i, item) in try reader.list(value, key).enumerated() {
                    config.ignores.append(try reader.ignoreEntry(item, "ignore[\(i)]"))
                }
            case "audit":
                for (k, v) in try reader.map(value, key) {
                    switch k {
                    case "pssLevel", "pss-level": config.auditPSSLevel = try reader.string(v, "audit.\(k)")
                    case "pssVersion", "pss-version": config.auditPSSVersion = try reader.string(v, "audit.\(k)")
                    case "bestPractices", "best-practices":
                        config.auditBestPractices = try reader.bool(v, "audit.\(k)")
                    default: throw reader.unknown("audit.\(k)")
                    }
                }
            case "watch": config.watch = try reader.watch(value)
            case "lint":
                for (k, v) in try reader.map(value, key) {
                    switch k {
                    case "trustedRegistries", "trusted-registries":
                        config.trustedRegistries = try reader.strings(v, "lint.\(k)")
                    case "labelSchema", "label-schema":
                        for (label, type) in try reader.map(v, "lint.\(k)") {
                            config.labelSchema[label] = try reader.string(type, "lint.\(k).\(label)")
                        }
                    case "strictLabels", "strict-labels": config.strictLabels = try reader.bool(v, "lint.\(k)")
                    case "allowInlineIgnores", "allow-inline-ignores":
                        config.allowInlineIgnores = try reader.bool(v, "lint.\(k)")
                    case "secretKeys", "secret-keys": config.secretKeys = try reader.strings(v, "lint.\(k)")
                    default: throw reader.unknown("lint.\(k)")
                    }
                }
            default:
                throw reader.unknown(key)
            }
        }
        return config
    }

    /// Parses a hadolint configuration (`.hadolint.yaml`) into the same model.
    public static func parse(hadolintYAML text: String, path: String) throws(ConfigurationError) -> ConfigurationFile {
        let root = try load(text, path: path)
        var config = ConfigurationFile(path: path)
        let reader = ValueReader(path: path)
        for (key, value) in root {
            switch key {
            case "ignored": config.disabledRules = try reader.strings(value, key)
            case "trustedRegistries": config.trustedRegistries = try reader.strings(value, key)
            case "failure-threshold":
                let s = try reader.string(value, key)
                if s.lowercased() != "none" { config.failOn = try reader.severity(value, key) }
            case "format": config.format = try reader.string(value, key)
            case "strict-labels": config.strictLabels = try reader.bool(value, key)
            case "disable-ignore-pragma": config.allowInlineIgnores = !(try reader.bool(value, key))
            case "label-schema":
                for (label, type) in try reader.map(value, key) {
                    config.labelSchema[label] = try reader.string(type, "label-schema.\(label)")
                }
            case "override":
                for (level, rules) in try reader.map(value, key) {
                    let severity: Severity
                    switch level {
                    case "error": severity = .high
                    case "warning": severity = .medium
                    case "info": severity = .low
                    case "style": severity = .info
                    default: throw reader.unknown("override.\(level)")
                    }
                    for rule in try reader.strings(rules, "override.\(level)") {
                        config.severityOverrides[rule] = severity
                    }
                }
            case "no-fail", "no-color", "verbose":
                _ = try reader.bool(value, key)
            default:
                // hadolint ignores unknown keys silently; so do we, for compatibility.
                continue
            }
        }
        return config
    }

    private static func load(_ text: String, path: String) throws(ConfigurationError) -> [(String, Any)] {
        guard text.utf8.count <= maximumSize else {
            throw ConfigurationError(code: .tooLarge, path: path, message: "configuration is larger than 1 MiB")
        }
        // Aliases can expand exponentially (billion laughs); configuration files have no need for them.
        if text.contains("*") && text.contains("&") {
            var anchors = 0
            for line in text.split(separator: "\n") where line.contains("&") { anchors += 1 }
            if anchors > 32 {
                throw ConfigurationError(
                    code: .invalidYAML,
                    path: path,
                    message: "too many YAML anchors (\(anchors)); aliases are not needed here"
                )
            }
        }
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw ConfigurationError(code: .invalidYAML, path: path, message: "not valid YAML: \(error)")
        }
        guard let loaded else { return [] }
        guard let map = loaded as? [String: Any] else {
            throw ConfigurationError(code: .invalidValue, path: path, message: "the top level must be a mapping")
        }
        return map.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// Typed access to loosely typed YAML values with errors that name the key.
struct ValueReader {
    let path: String

    func fail(_ key: String, _ expected: String) -> ConfigurationError {
        ConfigurationError(code: .invalidValue, path: path, message: "'\(key)' must be \(expected)")
    }

    func unknown(_ key: String) -> ConfigurationError {
        ConfigurationError(code: .unknownKey, path: path, message: "unknown key '\(key)'")
    }

    func string(_ v: Any, _ key: String) throws(ConfigurationError) -> String {
        if let s = v as? String { return s }
        if let i = v as? Int { return String(i) }
        throw fail(key, "a string")
    }

    func int(_ v: Any, _ key: String) throws(ConfigurationError) -> Int {
        guard let i = v as? Int else { throw fail(key, "an integer") }
        return i
    }

    func bool(_ v: Any, _ key: String) throws(ConfigurationError) -> Bool {
        guard let b = v as? Bool else { throw fail(key, "true or false") }
        return b
    }

    func strings(_ v: Any, _ key: String) throws(ConfigurationError) -> [String] {
        if let s = v as? String { return [s] }
        guard let list = v as? [Any] else { throw fail(key, "a list of strings") }
        var out: [String] = []
        for item in list { out.append(try string(item, key)) }
        return out
    }

    func list(_ v: Any, _ key: String) throws(ConfigurationError) -> [Any] {
        guard let list = v as? [Any] else { throw fail(key, "a list") }
        return list
    }

    func map(_ v: Any, _ key: String) throws(ConfigurationError) -> [(String, Any)] {
        guard let m = v as? [String: Any] else { throw fail(key, "a mapping") }
        return m.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func severity(_ v: Any, _ key: String) throws(ConfigurationError) -> Severity {
        guard let s = v as? String, let sev = Severity(parsing: s) else {
            throw fail(key, "one of critical, high, medium, low, info")
        }
        return sev
    }

    func date(_ v: Any, _ key: String) throws(ConfigurationError) -> Date {
        if let d = v as? Date { return d }
        if let s = v as? String, let d = ValueReader.parseDay(s) { return d }
        throw fail(key, "a date (YYYY-MM-DD)")
    }

    /// Parses `YYYY-MM-DD` as the end of that day, UTC.
    static func parseDay(_ s: String) -> Date? {
        let parts = s.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        // Days since 1970-01-01 (civil-from-days inverse, Howard Hinnant's algorithm).
        let y = parts[1] <= 2 ? parts[0] - 1 : parts[0]
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (parts[1] + 9) % 12
        let doy = (153 * mp + 2) / 5 + parts[2] - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: Double(days + 1) * 86_400 - 1)
    }

    func watch(_ v: Any) throws(ConfigurationError) -> WatchConfiguration {
        var watch = WatchConfiguration()
        for (k, value) in try map(v, "watch") {
            let key = "watch.\(k)"
            switch k {
            case "rules": watch.rules = try strings(value, key)
            case "outputs", "output": watch.outputs = try strings(value, key)
            case "min-priority", "minPriority": watch.minimumPriority = try string(value, key)
            case "enable-rules", "enableRules": watch.enabledRules = try strings(value, key)
            case "disable-rules", "disableRules": watch.disabledRules = try strings(value, key)
            case "enable-tags", "enableTags": watch.enabledTags = try strings(value, key)
            case "disable-tags", "disableTags": watch.disabledTags = try strings(value, key)
            case "dedup-window", "dedupWindow": watch.dedupWindow = try durationText(value, key)
            case "rate-limit", "rateLimit": watch.rateLimit = try durationText(value, key)
            case "queue-size", "queueSize":
                let size = try int(value, key)
                guard size >= 1 else { throw fail(key, "an integer of at least 1") }
                watch.queueSize = size
            case "flush-timeout", "flushTimeout": watch.flushTimeout = try durationText(value, key)
            case "json-output", "jsonOutput": watch.jsonOutput = try bool(value, key)
            case "fail-on", "failOn": watch.failOn = try string(value, key)
            case "rule-matching", "ruleMatching": watch.ruleMatching = try string(value, key)
            default: throw unknown(key)
            }
        }
        return watch
    }

    /// A duration or rate written as text (`10s`, `20/s:200`), a bare number, or `false`/`off`.
    private func durationText(_ v: Any, _ key: String) throws(ConfigurationError) -> String {
        if let b = v as? Bool, !b { return "off" }
        if let d = v as? Double { return String(d) }
        return try string(v, key)
    }

    func ignoreEntry(_ v: Any, _ key: String) throws(ConfigurationError) -> IgnoreEntry {
        var entry = IgnoreEntry()
        for (k, value) in try map(v, key) {
            switch k {
            case "rules", "rule", "id", "ids": entry.rules = try strings(value, "\(key).\(k)")
            case "paths", "path": entry.paths = try strings(value, "\(key).\(k)")
            case "objects", "object", "containers", "container", "services", "service":
                entry.objects = try strings(value, "\(key).\(k)")
            case "reason": entry.reason = try string(value, "\(key).\(k)")
            case "expires", "until": entry.expires = try date(value, "\(key).\(k)")
            default: throw unknown("\(key).\(k)")
            }
        }
        return entry
    }
}
