public import SecurityModel

/// Merges a service definition over the one it `extends` (or over the same service in an earlier document),
/// following the Compose Specification's merge rules closely enough for the audit:
///
/// - mappings merge key by key, the overriding definition winning for scalars;
/// - `volumes` and `devices` merge by target path (the overriding entry replaces one with the same target);
/// - `command`, `entrypoint`, `healthcheck.test` and other single-valued sequences are replaced;
/// - other sequences (`cap_add`, `security_opt`, `ports`, `expose`, …) are concatenated without duplicates.
public enum ComposeServiceMerger {
    /// Sequences that replace the base's instead of adding to it, by key path inside the service.
    static let replacedSequences: Set<[String]> = [
        ["command"], ["entrypoint"], ["healthcheck", "test"], ["dns_search"], ["env_file"],
    ]

    /// `override` merged over `base`.
    public static func merge(base: JSONValue, override: JSONValue) -> JSONValue {
        merge(base, override, path: [])
    }

    static func merge(_ base: JSONValue, _ override: JSONValue, path: [String]) -> JSONValue {
        switch (base, override) {
        case (.object(let basePairs), .object(let overridePairs)):
            var pairs = basePairs
            for (key, value) in overridePairs {
                if let index = pairs.firstIndex(where: { $0.0 == key }) {
                    pairs[index].1 = merge(pairs[index].1, value, path: path + [key])
                } else {
                    pairs.append((key, value))
                }
            }
            return .object(pairs)
        case (.array(let baseItems), .array(let overrideItems)):
            if replacedSequences.contains(path) { return override }
            if path == ["volumes"] || path == ["devices"] {
                let targets = Set(overrideItems.compactMap(target))
                return .array(baseItems.filter { target($0).map { !targets.contains($0) } ?? true } + overrideItems)
            }
            var items = baseItems
            for item in overrideItems where !items.contains(item) { items.append(item) }
            return .array(items)
        default:
            return override
        }
    }

    /// The container-side path of a volume or device entry (short `src:dst[:opts]` or long `{target: …}`).
    static func target(_ entry: JSONValue) -> String? {
        if let target = entry["target"]?.stringValue { return target }
        guard let text = entry.stringValue else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return String(parts.count >= 2 ? parts[1] : parts[0])
    }
}
