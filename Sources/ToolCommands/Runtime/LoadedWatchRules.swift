import AlertFormats
import FalcoRules
import RuleEngine
import RuntimeEvents

/// The rules of one `watch` run (or of one SIGHUP reload): the compiled engine, the alert builder for its
/// rules, the rule set they came from, and what the kernel sensor must report for them.
struct LoadedWatchRules {
    /// Event types the process table needs whatever the rules say: process creation and replacement, the
    /// working directory that relative paths resolve against, and the descriptors that give `fd.*` fields and the
    /// reverse-shell checks their meaning.
    static let processStateEventTypes: Set<EventType> = [
        .execve, .execveat, .chdir, .fchdir, .open, .openat, .openat2, .creat, .socket, .connect, .accept,
        .accept4, .dup, .dup2, .dup3, .memfdCreate,
    ]

    var engine: RuleEngine
    var builder: AlertBuilder
    var ruleSet: RuleSet

    /// The event types the sensor must report: nil (all) when a rule does not restrict `evt.type`, else the
    /// rules' types and ``processStateEventTypes``.
    var sensorEventTypes: Set<EventType>? {
        var types = Self.processStateEventTypes
        for compiled in engine.rules {
            guard let names = compiled.eventTypes else { return nil }
            for name in names {
                if let type = EventType(rawValue: name) { types.insert(type) }
            }
        }
        return types
    }

    /// The path prefixes outside which no rule can match an open (nil: every open is needed), sorted.
    var openPathPrefixes: [String]? {
        OpenPathPrefixes(engine: engine, ruleSet: ruleSet).prefixes.map { $0.sorted() }
    }
}
