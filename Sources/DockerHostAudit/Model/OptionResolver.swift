import SecurityModel

/// Resolves daemon options from dockerd's flags and daemon.json the way dockerd does: a flag and a key for the
/// same directive is a conflict (dockerd refuses to start; the flag is what the running process was given, so it
/// wins here), a value of the wrong type is ignored and recorded.
struct OptionResolver {
    var commandLine: DockerdCommandLine
    var configuration: [(String, JSONValue)]
    var configurationPath: String
    var problems: [DaemonConfigurationProblem] = []

    init(commandLine: DockerdCommandLine, configuration: JSONValue?, configurationPath: String) {
        self.commandLine = commandLine
        self.configurationPath = configurationPath
        if let configuration {
            if let members = configuration.objectMembers {
                self.configuration = members
            } else {
                self.configuration = []
                problems.append(
                    DaemonConfigurationProblem(
                        kind: .invalidValue,
                        option: nil,
                        message: "\(configurationPath) is not a JSON object; dockerd refuses to start with it"
                    )
                )
            }
        } else {
            self.configuration = []
        }
        problems += commandLine.problems.map {
            DaemonConfigurationProblem(kind: .commandLine, option: nil, message: $0)
        }
    }

    /// The flag named `name` (without dashes), from the table.
    func flag(_ name: String) -> DockerdFlag { DockerdFlag.byName[name] ?? DockerdFlag(name, .value) }

    /// The configuration file's value for `key` (the last one when a key is repeated, as Go's decoder does).
    func fileValue(_ key: String) -> JSONValue? { configuration.last { $0.0 == key }?.1 }

    /// A flag of `name` set alongside daemon.json key: records the conflict.
    mutating func noteConflict(_ flag: DockerdFlag, flagText: String, fileValue: JSONValue) {
        let fileText = fileValue.serialized(pretty: false)
        problems.append(
            DaemonConfigurationProblem(
                kind: .conflict,
                option: flag.key,
                message: "`\(flag.key)` is set both by dockerd flag `\(flagText)` and in \(configurationPath) "
                    + "(\(fileText)): dockerd refuses to start with a directive given twice"
            )
        )
    }

    mutating func invalid(_ option: String, _ message: String) {
        problems.append(DaemonConfigurationProblem(kind: .invalidValue, option: option, message: message))
    }

    func setting<V>(_ value: V, _ source: DaemonSettingSource, _ flag: DockerdFlag) -> DaemonSetting<V> {
        DaemonSetting(value: value, source: source, flag: flag.display, key: flag.key)
    }

    /// A boolean option (`--icc`, `"icc"`).
    mutating func boolean(_ name: String, default defaultValue: Bool) -> DaemonSetting<Bool> {
        let flag = flag(name)
        var fromFlag: DaemonSetting<Bool>?
        if let occurrence = commandLine.last(name) {
            if let text = occurrence.value {
                if let value = DockerdCommandLine.parseBoolean(text) {
                    fromFlag = setting(value, .flag(occurrence.text), flag)
                } else {
                    invalid(flag.key, "dockerd flag `\(occurrence.text)`: `\(text)` is not a boolean")
                }
            } else {
                fromFlag = setting(true, .flag(occurrence.text), flag)
            }
        }
        var fromFile: DaemonSetting<Bool>?
        if let value = fileValue(flag.key) {
            if let bool = value.booleanValue {
                fromFile = setting(bool, .configurationFile(path: configurationPath, key: flag.key), flag)
            } else if value != .null {
                invalid(
                    flag.key,
                    "\(configurationPath) key `\(flag.key)` must be true or false, not "
                        + value.serialized(pretty: false)
                )
            }
        }
        return merge(flag, fromFlag, fromFile, commandLine.last(name)?.text)
            ?? setting(defaultValue, .dockerdDefault, flag)
    }

    /// A single-valued string option (`--log-level`, `"log-level"`).
    mutating func string(_ name: String, default defaultValue: String?) -> DaemonSetting<String?> {
        let flag = flag(name)
        var fromFlag: DaemonSetting<String?>?
        if let occurrence = commandLine.last(name) {
            fromFlag = setting(occurrence.value ?? "", .flag(occurrence.text), flag)
        }
        var fromFile: DaemonSetting<String?>?
        if let value = fileValue(flag.key) {
            if let text = value.stringValue {
                fromFile = setting(text, .configurationFile(path: configurationPath, key: flag.key), flag)
            } else if value != .null {
                invalid(
                    flag.key,
                    "\(configurationPath) key `\(flag.key)` must be a string, not \(value.serialized(pretty: false))"
                )
            }
        }
        return merge(flag, fromFlag, fromFile, commandLine.last(name)?.text)
            ?? setting(defaultValue, .dockerdDefault, flag)
    }

    /// A list option: every flag occurrence adds one element (`--insecure-registry a --insecure-registry b`);
    /// the file holds an array of strings. `--default-ulimit` / `"default-ulimits"` (an object) give `name=…`.
    mutating func list(_ name: String) -> DaemonSetting<[String]> {
        let flag = flag(name)
        let occurrences = commandLine.all(name)
        let fromFlag =
            occurrences.isEmpty
            ? nil
            : setting(occurrences.compactMap(\.value), .flag(occurrences.map(\.text).joined(separator: " ")), flag)
        var fromFile: DaemonSetting<[String]>?
        if let value = fileValue(flag.key) {
            let source = DaemonSettingSource.configurationFile(path: configurationPath, key: flag.key)
            if let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) {
                fromFile = setting(items.compactMap(\.stringValue), source, flag)
            } else if let members = value.objectMembers {
                fromFile = setting(members.map { Self.describeMember($0.0, $0.1) }, source, flag)
            } else if value != .null {
                invalid(
                    flag.key,
                    "\(configurationPath) key `\(flag.key)` has the wrong type: \(value.serialized(pretty: false))"
                )
            }
        }
        return merge(flag, fromFlag, fromFile, occurrences.last?.text) ?? setting([], .dockerdDefault, flag)
    }

    /// `nofile`, `{"Name": "nofile", "Soft": 1024, "Hard": 2048}` → `nofile=1024:2048`.
    static func describeMember(_ name: String, _ value: JSONValue) -> String {
        if let soft = value["Soft"]?.integerValue, let hard = value["Hard"]?.integerValue {
            return "\(name)=\(soft):\(hard)"
        }
        return "\(name)=\(value.serialized(pretty: false))"
    }

    private mutating func merge<V>(
        _ flag: DockerdFlag,
        _ fromFlag: DaemonSetting<V>?,
        _ fromFile: DaemonSetting<V>?,
        _ flagText: String?
    ) -> DaemonSetting<V>? {
        if fromFlag != nil || commandLine.last(flag.name) != nil, let fileValue = fileValue(flag.key) {
            noteConflict(flag, flagText: flagText ?? flag.display, fileValue: fileValue)
        }
        return fromFlag ?? fromFile
    }
}
