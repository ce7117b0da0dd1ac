internal import SecurityModel

extension LoadState {
    /// `- rule: NAME`: a definition, an `enabled`-only toggle, `append: true` or `override:`.
    mutating func readRule(_ fields: ItemFields, context: ItemContext) {
        guard checkKeys(fields, allowed: RuleDraft.keys, context: context),
            let action = action(
                fields,
                context: context,
                nameKey: "rule",
                appendable: RuleDraft.appendable,
                replaceable: RuleDraft.replaceable,
                selectors: ["source"]
            ),
            let draft = ruleDraft(fields, context: context)
        else { return }
        switch action {
        case .define: defineRule(draft, fields: fields, context: context)
        case .legacyAppend: appendRule(draft, fields: fields, context: context)
        case .override(let modes): overrideRule(draft, modes: modes, context: context)
        }
    }

    private mutating func ruleDraft(_ fields: ItemFields, context: ItemContext) -> RuleDraft? {
        var draft = RuleDraft()
        var valid = true
        func take<T>(_ result: Result<T, Failed>?) -> T? {
            switch result {
            case .success(let value): return value
            case .failure: valid = false
            case nil: break
            }
            return nil
        }
        draft.description = take(text(fields, "desc", context: context))
        draft.condition = take(text(fields, "condition", context: context))
        draft.output = take(text(fields, "output", context: context))
        draft.source = take(text(fields, "source", context: context))
        draft.enabled = take(flag(fields, "enabled", context: context))
        draft.warnEventTypes = take(flag(fields, "warn_evttypes", context: context))
        draft.skipIfUnknownFilter = take(flag(fields, "skip-if-unknown-filter", context: context))
        draft.capture = take(flag(fields, "capture", context: context))
        draft.tags = take(strings(fields, "tags", context: context))
        if let priority = take(text(fields, "priority", context: context)) {
            if let parsed = RulePriority(parsing: priority) {
                draft.priority = parsed
            } else {
                report(
                    context.diagnostic(
                        .invalidPriority,
                        "invalid priority '\(priority)': expected one of emergency, alert, critical, error, warning,"
                            + " notice, informational (info), debug",
                        at: "priority"
                    )
                )
                valid = false
            }
        }
        for key in RuleDraft.captureKeys {
            guard let value = fields[key] else { continue }
            if let number = value.integerValue {
                draft.captureSettings[key] = number
            } else {
                report(
                    context.diagnostic(.wrongType, "key '\(key)' must be an integer, not \(value.typeName)", at: key)
                )
                valid = false
            }
        }
        if let value = fields["exceptions"] {
            if let drafts = exceptionDrafts(value, context: context) {
                draft.exceptions = drafts
            } else {
                valid = false
            }
        }
        return valid ? draft : nil
    }

    private mutating func defineRule(_ draft: RuleDraft, fields: ItemFields, context: ItemContext) {
        let existing = ruleIndex[context.name]
        if fields.keys.allSatisfy({ $0 == "rule" || $0 == "enabled" }), let enabled = draft.enabled {
            guard let existing else {
                report(
                    context.diagnostic(
                        .appendToUnknownItem,
                        "rule has only an 'enabled' key but no rule by that name already exists",
                        at: "enabled"
                    )
                )
                return
            }
            ruleSet.rules[existing].enabled = enabled
            return
        }
        let required: [(String, Bool)] = [
            ("condition", draft.condition != nil), ("output", draft.output != nil), ("desc", draft.description != nil),
            ("priority", draft.priority != nil),
        ]
        let missing = required.filter { !$0.1 }.map(\.0)
        for key in missing {
            report(context.diagnostic(.missingField, "item has no mapping for key '\(key)'", at: "rule"))
        }
        guard missing.isEmpty, let condition = draft.condition, let output = draft.output,
            let description = draft.description, let priority = draft.priority
        else { return }
        var exceptions: [RuleException] = []
        for exceptionDraft in draft.exceptions ?? [] {
            guard let exception = newException(exceptionDraft, context: context) else { return }
            exceptions.append(exception)
        }
        let rule = FalcoRule(
            name: context.name,
            description: description,
            condition: condition,
            output: output,
            priority: priority,
            source: draft.source ?? "syscall",
            enabled: draft.enabled ?? true,
            tags: draft.tags ?? [],
            exceptions: exceptions,
            warnEventTypes: draft.warnEventTypes ?? true,
            skipIfUnknownFilter: draft.skipIfUnknownFilter ?? false,
            capture: draft.capture ?? false,
            captureSettings: draft.captureSettings,
            origin: context.origin(kindKey: "rule")
        )
        if let existing {
            ruleSet.rules[existing] = rule
        } else {
            ruleIndex[context.name] = ruleSet.rules.count
            ruleSet.rules.append(rule)
        }
    }

    /// The index of the rule an `append`/`override` item modifies; nil after reporting that there is none.
    private mutating func target(_ draft: RuleDraft, context: ItemContext, how: String) -> Int? {
        guard let index = ruleIndex[context.name] else {
            report(
                context.diagnostic(
                    .appendToUnknownItem,
                    "rule has '\(how)' but no rule by that name already exists",
                    at: "rule"
                )
            )
            return nil
        }
        if let source = draft.source, source != ruleSet.rules[index].source {
            report(
                context.diagnostic(
                    .appendToUnknownItem,
                    "rule has '\(how)' for source '\(source)' but the existing rule has source"
                        + " '\(ruleSet.rules[index].source)'",
                    at: "source"
                )
            )
            return nil
        }
        return index
    }

    private mutating func appendRule(_ draft: RuleDraft, fields: ItemFields, context: ItemContext) {
        guard let index = target(draft, context: context, how: "append") else { return }
        guard draft.condition != nil || draft.exceptions != nil else {
            report(
                context.diagnostic(
                    .missingField,
                    "appended rule must have exceptions or condition property",
                    at: "append"
                )
            )
            return
        }
        for key in fields.keys where !["rule", "append", "condition", "exceptions", "source"].contains(key) {
            report(
                context.diagnostic(
                    .ignoredKey,
                    "key '\(key)' is ignored with 'append: true' (use 'override' to change it)",
                    at: key,
                    severity: .warning
                )
            )
        }
        var rule = ruleSet.rules[index]
        if let condition = draft.condition { rule.condition = Self.joined(rule.condition, condition) }
        if let drafts = draft.exceptions {
            guard merge(drafts, into: &rule.exceptions, context: context) else { return }
        }
        ruleSet.rules[index] = rule
    }

    private mutating func overrideRule(_ draft: RuleDraft, modes: [String: OverrideMode], context: ItemContext) {
        guard let index = target(draft, context: context, how: "override") else { return }
        var rule = ruleSet.rules[index]
        for (key, mode) in modes.sorted(by: { $0.key < $1.key }) {
            let append = mode == .append
            switch key {
            case "condition":
                if let value = draft.condition { rule.condition = append ? Self.joined(rule.condition, value) : value }
            case "output":
                if let value = draft.output { rule.output = append ? Self.joined(rule.output, value) : value }
            case "desc":
                if let value = draft.description {
                    rule.description = append ? Self.joined(rule.description, value) : value
                }
            case "tags":
                if let value = draft.tags {
                    rule.tags = append ? rule.tags + value.filter { !rule.tags.contains($0) } : value
                }
            case "priority": if let value = draft.priority { rule.priority = value }
            case "enabled": if let value = draft.enabled { rule.enabled = value }
            case "warn_evttypes": if let value = draft.warnEventTypes { rule.warnEventTypes = value }
            case "skip-if-unknown-filter": if let value = draft.skipIfUnknownFilter { rule.skipIfUnknownFilter = value }
            case "capture": if let value = draft.capture { rule.capture = value }
            case "exceptions":
                let drafts = draft.exceptions ?? []
                if append {
                    guard merge(drafts, into: &rule.exceptions, context: context) else { return }
                } else {
                    var replaced: [RuleException] = []
                    guard merge(drafts, into: &replaced, context: context) else { return }
                    rule.exceptions = replaced
                }
            default:
                if let value = draft.captureSettings[key] { rule.captureSettings[key] = value }
            }
        }
        ruleSet.rules[index] = rule
    }
}
