internal import SecurityModel

extension LoadState {
    /// Reports keys not in `allowed`; false when there was one.
    mutating func checkKeys(_ fields: ItemFields, allowed: Set<String>, context: ItemContext) -> Bool {
        var valid = true
        for key in fields.keys where !allowed.contains(key) {
            report(context.diagnostic(.unknownKey, "unknown key '\(key)' in a \(context.kind) item", at: key))
            valid = false
        }
        return valid
    }

    /// The text of `key` when it is a scalar (not null); `.failure` after reporting a wrong type; nil when absent.
    mutating func text(_ fields: ItemFields, _ key: String, context: ItemContext) -> Result<String, Failed>? {
        guard let value = fields[key] else { return nil }
        guard let text = value.scalarText else {
            report(context.diagnostic(.wrongType, "key '\(key)' must be a string, not \(value.typeName)", at: key))
            return .failure(Failed())
        }
        return .success(text)
    }

    /// The boolean value of `key`; `.failure` after reporting a wrong type; nil when absent.
    mutating func flag(_ fields: ItemFields, _ key: String, context: ItemContext) -> Result<Bool, Failed>? {
        guard let value = fields[key] else { return nil }
        if case .bool(let flag) = value { return .success(flag) }
        if case .string(let text) = value, ["true", "false"].contains(text.lowercased()) {
            return .success(text.lowercased() == "true")
        }
        report(context.diagnostic(.wrongType, "key '\(key)' must be a boolean, not \(value.typeName)", at: key))
        return .failure(Failed())
    }

    /// A list of strings under `key`; `.failure` after reporting a wrong type; nil when absent.
    mutating func strings(_ fields: ItemFields, _ key: String, context: ItemContext) -> Result<[String], Failed>? {
        guard let value = fields[key] else { return nil }
        guard case .array(let items) = value else {
            report(
                context.diagnostic(.wrongType, "key '\(key)' must be a sequence, not \(value.typeName)", at: key)
            )
            return .failure(Failed())
        }
        var texts: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.scalarText else {
                report(
                    context.diagnostic(
                        .wrongType,
                        "item \(index) of '\(key)' must be a string, not \(item.typeName)",
                        at: "\(key)[\(index)]"
                    )
                )
                return .failure(Failed())
            }
            texts.append(text)
        }
        return .success(texts)
    }

    /// Decides between a definition, `append: true` and `override:`, validating the `override` map against
    /// the keys that may be appended and replaced. Nil after reporting an error.
    mutating func action(
        _ fields: ItemFields,
        context: ItemContext,
        nameKey: String,
        appendable: Set<String>,
        replaceable: Set<String>,
        selectors: Set<String> = []
    ) -> ItemAction? {
        var append = false
        switch flag(fields, "append", context: context) {
        case .failure: return nil
        case .success(let value): append = value
        case nil: break
        }
        guard let overrideValue = fields["override"] else { return append ? .legacyAppend : .define }
        if fields.has("append") {
            report(
                context.diagnostic(
                    .invalidOverride,
                    "keys 'override' and 'append' cannot be used together",
                    at: "override"
                )
            )
            return nil
        }
        guard case .object(let entries) = overrideValue, !entries.isEmpty else {
            report(
                context.diagnostic(
                    .invalidOverride,
                    "'override' must be a non-empty mapping of keys to 'append' or 'replace'",
                    at: "override"
                )
            )
            return nil
        }
        var modes: [String: OverrideMode] = [:]
        var valid = true
        for (key, value) in entries {
            let at = "override.\(key)"
            guard let text = value.stringValue, let mode = OverrideMode(rawValue: text) else {
                report(
                    context.diagnostic(
                        .invalidOverride,
                        "override for key '\(key)' must be 'append' or 'replace'",
                        at: at
                    )
                )
                valid = false
                continue
            }
            let allowed = mode == .append ? appendable : replaceable
            guard allowed.contains(key) else {
                let other = mode == .append ? replaceable : appendable
                let hint = other.contains(key) ? " (use '\(mode == .append ? "replace" : "append")')" : ""
                report(
                    context.diagnostic(
                        .invalidOverride,
                        "key '\(key)' of a \(context.kind) cannot be overridden with '\(mode.rawValue)'\(hint)",
                        at: at
                    )
                )
                valid = false
                continue
            }
            guard fields.has(key) else {
                report(
                    context.diagnostic(
                        .invalidOverride,
                        "an override is given for key '\(key)' but the item has no '\(key)'",
                        at: at
                    )
                )
                valid = false
                continue
            }
            modes[key] = mode
        }
        let exempt = Set([nameKey, "override"]).union(selectors)
        for key in fields.keys
        where !exempt.contains(key) && modes[key] == nil && !entries.contains(where: { $0.0 == key }) {
            report(
                context.diagnostic(
                    .invalidOverride,
                    "key '\(key)' has no entry in 'override'; every key of an overriding item must be listed there",
                    at: key
                )
            )
            valid = false
        }
        return valid ? .override(modes) : nil
    }
}
