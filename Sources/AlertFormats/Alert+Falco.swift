public import SecurityModel

extension Alert {
    /// Falco's text line: `HH:MM:SS.nnnnnnnnn: Priority output` (UTC time of day).
    public var textLine: String {
        "\(AlertTimestamp.timeOfDay(time)): \(priority.name) \(output)"
    }

    /// Falco's JSON alert, keys in Falco's order: `hostname`, `output`, `output_fields` (sorted by
    /// field name), `priority`, `rule`, `source`, `tags`, `time` (RFC 3339 UTC with nanoseconds).
    public var json: JSONValue {
        let fields = outputFields.sorted { $0.name < $1.name }.map { field -> (String, JSONValue) in
            switch field.value {
            case .string(let s): return (field.name, .string(s))
            case .number(let n): return (field.name, .int(Int(n)))
            case .null: return (field.name, .null)
            }
        }
        return .object([
            ("hostname", .string(hostname)),
            ("output", .string(output)),
            ("output_fields", .object(fields)),
            ("priority", .string(priority.name)),
            ("rule", .string(rule)),
            ("source", .string(source)),
            ("tags", .array(tags.map { .string($0) })),
            ("time", .string(AlertTimestamp.rfc3339(time))),
        ])
    }

    /// The JSON alert on one line, as channels send it.
    public var jsonLine: String { json.serialized(pretty: false) }
}
