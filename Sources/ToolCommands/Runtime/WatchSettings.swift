import AlertFormats
import ArgumentParser
import FalcoRules
import Foundation
import ProjectConfiguration
import RuleEngine

/// `bulkhead watch`'s effective settings: the command-line options over the configuration file's `watch:`
/// section over the defaults (docs/watch.md). Every value is checked here; errors name the option, or the
/// configuration file and its `watch.<key>`.
struct WatchSettings {
    /// One output and the directory its relative paths are resolved against.
    struct Output {
        var spec: WatchOutputSpec
        var baseDirectory: String
    }

    /// The default de-duplication window: 10 seconds.
    static let defaultDedupWindow: UInt64 = 10_000_000_000
    /// The default queue size per output.
    static let defaultQueueSize = 10_000
    /// The default time allowed for the outputs to drain at the end.
    static let defaultFlushTimeout = 10.0

    /// Rules files and directories, absolute or relative to the command's directory.
    var rules: [String] = []
    var outputs: [Output] = []
    var minimumPriority: RulePriority = .debug
    var enabledRules: Set<String> = []
    var disabledRules: Set<String> = []
    var enabledTags: Set<String> = []
    var disabledTags: Set<String> = []
    /// Nanoseconds; 0 is off.
    var dedupWindow = defaultDedupWindow
    /// nil: no rate limiting.
    var rateLimit: AlertRateLimit? = .default
    var queueSize = defaultQueueSize
    /// Seconds.
    var flushTimeout = defaultFlushTimeout
    var jsonOutput = false
    var failOn: RulePriority?
    /// The longest recording line, in bytes.
    var maximumLineBytes = 1 << 20
    /// The largest rules file, in bytes.
    var maximumRulesBytes = RulesFileLoading.defaultMaximumSize
    var ruleMatching: RuleMatchingMode = .all
    /// How long a live watch runs, in nanoseconds; nil: until SIGTERM or SIGINT.
    var duration: UInt64?

    /// Merges `command`'s options over `configuration` (nil: none found, or `--no-config`).
    init(command: WatchCommand, configuration: ConfigurationFile?, io: CommandIO) throws(ValidationError) {
        let cwd = io.currentDirectory
        let section = configuration?.watch ?? WatchConfiguration()
        let configDirectory = configuration.map { ($0.path as NSString).deletingLastPathComponent } ?? cwd
        let configName = configuration?.path ?? ""
        func configError(_ key: String, _ message: String) -> ValidationError {
            ValidationError("\(configName): watch.\(key): \(message)")
        }

        if !command.rules.isEmpty {
            rules = command.rules
        } else {
            rules = section.rules.map {
                $0.hasPrefix("/") || $0 == RulesFileLoading.builtInRules
                    ? $0 : (configDirectory as NSString).appendingPathComponent($0)
            }
        }
        if rules.isEmpty { rules = [RulesFileLoading.builtInRules] }

        if !command.outputs.isEmpty {
            for text in command.outputs {
                outputs.append(Output(spec: try WatchOutputSpec(parsing: text), baseDirectory: cwd))
            }
        } else {
            for text in section.outputs {
                do throws(ValidationError) {
                    outputs.append(Output(spec: try WatchOutputSpec(parsing: text), baseDirectory: configDirectory))
                } catch {
                    throw configError("outputs", error.message)
                }
            }
        }
        if outputs.isEmpty { outputs = [Output(spec: try WatchOutputSpec(parsing: "stdout"), baseDirectory: cwd)] }

        if let text = command.minPriority {
            minimumPriority = try Self.priority(text, option: "--min-priority")
        } else if let text = section.minimumPriority {
            do throws(ValidationError) { minimumPriority = try Self.priority(text, option: "value") } catch {
                throw configError("min-priority", error.message)
            }
        }

        // Names and tags: the command line wins over the file for the same name.
        enabledRules = Set(section.enabledRules).subtracting(command.disabledRules).union(command.enabledRules)
        disabledRules = Set(section.disabledRules).subtracting(command.enabledRules).union(command.disabledRules)
        enabledTags = Set(section.enabledTags).subtracting(command.disabledTags).union(command.enabledTags)
        disabledTags = Set(section.disabledTags).subtracting(command.enabledTags).union(command.disabledTags)

        if let text = command.dedupWindow {
            dedupWindow = try Self.duration(text, option: "--dedup-window")
        } else if let text = section.dedupWindow {
            do throws(ValidationError) { dedupWindow = try Self.duration(text, option: "value") } catch {
                throw configError("dedup-window", error.message)
            }
        }

        if let text = command.rateLimit {
            rateLimit = try Self.rateLimit(text, option: "--rate-limit")
        } else if let text = section.rateLimit {
            do throws(ValidationError) { rateLimit = try Self.rateLimit(text, option: "value") } catch {
                throw configError("rate-limit", error.message)
            }
        }

        if let size = command.queueSize {
            guard (1...10_000_000).contains(size) else {
                throw ValidationError("--queue-size must be 1…10000000, not \(size)")
            }
            queueSize = size
        } else if let size = section.queueSize {
            guard size <= 10_000_000 else { throw configError("queue-size", "must be 1…10000000") }
            queueSize = size
        }

        if let text = command.flushTimeout {
            flushTimeout = Double(try Self.duration(text, option: "--flush-timeout")) / 1e9
        } else if let text = section.flushTimeout {
            do throws(ValidationError) {
                flushTimeout = Double(try Self.duration(text, option: "value")) / 1e9
            } catch {
                throw configError("flush-timeout", error.message)
            }
        }

        jsonOutput = command.jsonOutput || (section.jsonOutput ?? false)

        let failText = command.failOn ?? section.failOn ?? "none"
        if ["none", "never"].contains(failText.lowercased()) {
            failOn = nil
        } else if command.failOn != nil {
            failOn = try Self.priority(failText, option: "--fail-on")
        } else {
            do throws(ValidationError) { failOn = try Self.priority(failText, option: "value") } catch {
                throw configError("fail-on", error.message)
            }
        }

        if let text = command.ruleMatching {
            ruleMatching = try Self.matching(text, option: "--rule-matching")
        } else if let text = section.ruleMatching {
            do throws(ValidationError) { ruleMatching = try Self.matching(text, option: "value") } catch {
                throw configError("rule-matching", error.message)
            }
        }

        if let mebibytes = command.maxRulesSize {
            guard (1...1_048_576).contains(mebibytes) else {
                throw ValidationError("--max-rules-size must be 1…1048576 (MiB), not \(mebibytes)")
            }
            maximumRulesBytes = mebibytes * 1_048_576
        }

        if let text = command.duration {
            let nanoseconds = try Self.duration(text, option: "--duration")
            guard nanoseconds > 0 else { throw ValidationError("--duration must be more than 0") }
            duration = nanoseconds
        }

        if let text = command.maxLineSize {
            guard let bytes = WatchValueParser.byteCount(text), (64...(1 << 30)).contains(bytes) else {
                throw ValidationError("--max-line-size '\(text)' is not a size from 64B to 1GiB (e.g. 4MiB)")
            }
            maximumLineBytes = bytes
        }
    }

    static func priority(_ text: String, option: String) throws(ValidationError) -> RulePriority {
        guard let priority = RulePriority(parsing: text) else {
            throw ValidationError(
                "unknown \(option) '\(text)'; use emergency, alert, critical, error, warning, notice, "
                    + "informational or debug"
            )
        }
        return priority
    }

    static func matching(_ text: String, option: String) throws(ValidationError) -> RuleMatchingMode {
        switch text.lowercased() {
        case "all": return .all
        case "first": return .first
        default: throw ValidationError("unknown \(option) '\(text)'; use all or first")
        }
    }

    static func duration(_ text: String, option: String) throws(ValidationError) -> UInt64 {
        guard let nanoseconds = AlertDuration.nanoseconds(parsing: text) else {
            throw ValidationError(
                "\(option) '\(text)' is not a duration; write e.g. 10s, 500ms, 2m, or 0 for off (at most 7 days)"
            )
        }
        return nanoseconds
    }

    static func rateLimit(_ text: String, option: String) throws(ValidationError) -> AlertRateLimit? {
        guard let parsed = AlertRateLimit.parse(text) else {
            throw ValidationError(
                "\(option) '\(text)' is not a rate limit; write RATE[/s|/m|/h][:BURST] (e.g. 20/s:200) or off"
            )
        }
        return parsed
    }
}
