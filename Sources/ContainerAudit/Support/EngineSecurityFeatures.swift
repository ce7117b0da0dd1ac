public import SecurityModel

/// The security features an engine reports in `GET /info` `SecurityOptions`
/// (`["name=apparmor", "name=seccomp,profile=default"]` → `apparmor`, `seccomp`).
public enum EngineSecurityFeatures {
    /// The feature names of an `/info` answer; nil when it has no `SecurityOptions` array.
    public static func parse(info: JSONValue) -> Set<String>? {
        guard let options = info["SecurityOptions"]?.arrayValue else { return nil }
        var names: Set<String> = []
        for option in options.compactMap(\.stringValue) {
            for field in option.split(separator: ",") where field.hasPrefix("name=") {
                names.insert(String(field.dropFirst("name=".count)).lowercased())
            }
        }
        return names
    }
}
