internal import SecurityModel

extension LoadState {
    /// `- required_engine_version: 0.57.0` (or a legacy integer).
    mutating func readEngineVersion(_ fields: ItemFields, context: ItemContext) {
        guard checkKeys(fields, allowed: ["required_engine_version"], context: context) else { return }
        let key = "required_engine_version"
        let value = fields[key] ?? .null
        let text: String?
        switch value {
        case .string(let string): text = string
        case .int(let number): text = String(number)
        case .double(let number): text = String(number)
        default: text = nil
        }
        guard let text, let required = EngineVersion(parsing: text) else {
            report(
                context.diagnostic(
                    .invalidEngineVersion,
                    "cannot decode the required engine version (\(value.scalarText.map { "'\($0)'" } ?? value.typeName)):"
                        + " expected a version such as 0.57.0",
                    at: key
                )
            )
            return
        }
        if required > engineVersion {
            report(
                context.diagnostic(
                    .unsupportedEngineVersion,
                    "rules require engine version \(text), but engine version is \(engineVersion)",
                    at: key
                )
            )
            return
        }
        if ruleSet.requiredEngineVersion.map({ $0 < required }) ?? true { ruleSet.requiredEngineVersion = required }
    }

    /// `- required_plugin_versions: [{name, version, alternatives: [{name, version}]}]`.
    mutating func readPluginVersions(_ fields: ItemFields, context: ItemContext) {
        let key = "required_plugin_versions"
        guard checkKeys(fields, allowed: [key], context: context) else { return }
        guard case .array(let entries) = fields[key] ?? .null else {
            report(context.diagnostic(.wrongType, "'\(key)' must be a sequence of plugin requirements", at: key))
            return
        }
        for (index, entry) in entries.enumerated() {
            let at = "\(key)[\(index)]"
            guard
                let (name, version) = pluginEntry(
                    entry,
                    at: at,
                    context: context,
                    allowed: ["name", "version", "alternatives"]
                )
            else { continue }
            var alternatives: [PluginRequirement.Alternative] = []
            var valid = true
            if let list = entry["alternatives"] {
                guard case .array(let items) = list else {
                    report(
                        context.diagnostic(
                            .invalidPluginRequirement,
                            "'alternatives' must be a sequence",
                            at: "\(at).alternatives"
                        )
                    )
                    continue
                }
                for (alternativeIndex, item) in items.enumerated() {
                    let itemAt = "\(at).alternatives[\(alternativeIndex)]"
                    guard
                        let (altName, altVersion) = pluginEntry(
                            item,
                            at: itemAt,
                            context: context,
                            allowed: ["name", "version"]
                        )
                    else {
                        valid = false
                        continue
                    }
                    alternatives.append(.init(name: altName, version: altVersion))
                }
            }
            guard valid else { continue }
            ruleSet.pluginRequirements.append(
                PluginRequirement(
                    name: name,
                    version: version,
                    alternatives: alternatives,
                    origin: RuleOrigin(file: context.file, line: context.line(at))
                )
            )
        }
    }

    /// The name and version of one requirement mapping; nil after reporting a problem.
    private mutating func pluginEntry(
        _ entry: JSONValue,
        at: String,
        context: ItemContext,
        allowed: Set<String>
    ) -> (String, String)? {
        guard case .object(let pairs) = entry else {
            report(context.diagnostic(.invalidPluginRequirement, "a plugin requirement must be a mapping", at: at))
            return nil
        }
        for (key, _) in pairs where !allowed.contains(key) {
            report(context.diagnostic(.unknownKey, "unknown key '\(key)' in a plugin requirement", at: "\(at).\(key)"))
            return nil
        }
        guard let name = entry["name"]?.scalarText, !name.isEmpty else {
            report(context.diagnostic(.invalidPluginRequirement, "a plugin requirement needs a 'name'", at: at))
            return nil
        }
        guard let version = entry["version"]?.scalarText, !version.isEmpty else {
            report(
                context.diagnostic(.invalidPluginRequirement, "plugin requirement '\(name)' needs a 'version'", at: at)
            )
            return nil
        }
        return (name, version)
    }
}
