import FalcoRules
public import SecurityModel

extension Alert {
    /// Falco's text line: `HH:MM:SS.nnnnnnnnn: Priority output` (UTC time of day).
    ///
    /// A de-duplication summary ends with
    /// ` (repeated N times from HH:MM:SS.nnnnnnnnn to HH:MM:SS.nnnnnnnnn: M not sent)`.
    public var textLine: String {
        var line = "\(AlertTimestamp.timeOfDay(time)): \(priority) \(output)"
        if let repetition {
            line += " (repeated \(repetition.count) times from \(AlertTimestamp.timeOfDay(repetition.firstTime))"
            line += " to \(AlertTimestamp.timeOfDay(repetition.lastTime)): \(repetition.suppressed) not sent)"
        }
        return line
    }

    /// Falco's JSON alert, keys in Falco's order: `hostname`, `output`, `output_fields` (sorted by
    /// field name), `priority`, `rule`, `source`, `tags`, `time` (RFC 3339 UTC with nanoseconds).
    ///
    /// A de-duplication summary also has `repeated` (between `priority` and `rule`, keeping the keys
    /// sorted): `{"count":N,"suppressed":M,"first_time":"…","last_time":"…"}`.
    public var json: JSONValue {
        let fields = outputFields.sorted { $0.name < $1.name }.map { field -> (String, JSONValue) in
            switch field.value {
            case .string(let s): return (field.name, .string(s))
            case .number(let n): return (field.name, .int(Int(n)))
            case .null: return (field.name, .null)
            }
        }
        var members: [(String, JSONValue)] = [
            ("hostname", .string(hostname)),
            ("output", .string(output)),
            ("output_fields", .object(fields)),
            ("priority", .string(priority.description)),
        ]
        if let repetition {
            members.append(
                (
                    "repeated",
                    .object([
                        ("count", .int(repetition.count)),
                        ("suppressed", .int(repetition.suppressed)),
                        ("first_time", .string(AlertTimestamp.rfc3339(repetition.firstTime))),
                        ("last_time", .string(AlertTimestamp.rfc3339(repetition.lastTime))),
                    ])
                )
            )
        }
        return .object(
            members + [
                ("rule", .string(rule)),
                ("source", .string(source)),
                ("tags", .array(tags.map { .string($0) })),
                ("time", .string(AlertTimestamp.rfc3339(time))),
            ]
        )
    }

    /// The JSON alert on one line, as channels send it.
    public var jsonLine: String { json.serialized(pretty: false) }
}
