/// Reading `HostConfig.SecurityOpt` entries, which Docker writes as `key=value` (older clients: `key:value`).
enum SecurityOptions {
    /// The `(key, value)` pairs of `options`; an entry without a separator has an empty value.
    static func pairs(_ options: [String]) -> [(key: String, value: String)] {
        options.map { option in
            guard let sep = option.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                return (option.lowercased(), "")
            }
            return (String(option[..<sep]).lowercased(), String(option[option.index(after: sep)...]))
        }
    }

    /// Values given for `key`.
    static func values(_ key: String, in options: [String]?) -> [String] {
        pairs(options ?? []).filter { $0.key == key }.map(\.value)
    }
}
