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
        if let drafts = draft.exceptions {
            var exceptions = ruleSet.rules[index].exceptions
            guard merge(drafts, into: &exceptions, context: context) else { return }
            ruleSet.rules[index].exceptions = exceptions
        }
        // In place, so that appending to one rule many times takes linear time.
        if let condition = draft.condition { Self.append(condition, to: &ruleSet.rules[index].condition) }
    }

    private mutating func overrideRule(_ draft: RuleDraft, modes: [String: OverrideMode], context: ItemContext) {
        guard let index = target(draft, context: context, how: "override") else { return }
        // Exceptions first (they may fail, leaving the rule unchanged); the rest in place, so that overriding
        // one rule many times takes linear time.
        var exceptions = ruleSet.rules[index].exceptions
        if let mode = modes["exceptions"] {
            let drafts = draft.exceptions ?? []
            if mode == .append {
                guard merge(drafts, into: &exceptions, context: context) else { return }
            } else {
                var replaced: [RuleException] = []
                guard merge(drafts, into: &replaced, context: context) else { return }
                exceptions = replaced
            }
        }
        Self.apply(draft, modes: modes, exceptions: exceptions, to: &ruleSet.rules[index])
    }

    /// Applies an override's keys (exceptions already merged) to `rule`.
    private static func apply(
        _ draft: RuleDraft,
        modes: [String: OverrideMode],
        exceptions: [RuleException],
        to rule: inout FalcoRule
    ) {
        for (key, mode) in modes.sorted(by: { $0.key < $1.key }) {
            let append = mode == .append
            switch key {
            case "condition":
                if let value = draft.condition {
                    if append { Self.append(value, to: &rule.condition) } else { rule.condition = value }
                }
            case "output":
                if let value = draft.output {
                    if append { Self.append(value, to: &rule.output) } else { rule.output = value }
                }
            case "desc":
                if let value = draft.description {
                    if append { Self.append(value, to: &rule.description) } else { rule.description = value }
                }
            case "tags":
                if let value = draft.tags {
                    if append {
                        var seen = Set(rule.tags)
                        rule.tags += value.filter { seen.insert($0).inserted }
                    } else {
                        rule.tags = value
                    }
                }
            case "priority": if let value = draft.priority { rule.priority = value }
            case "enabled": if let value = draft.enabled { rule.enabled = value }
            case "warn_evttypes": if let value = draft.warnEventTypes { rule.warnEventTypes = value }
            case "skip-if-unknown-filter": if let value = draft.skipIfUnknownFilter { rule.skipIfUnknownFilter = value }
            case "capture": if let value = draft.capture { rule.capture = value }
            case "exceptions":
                rule.exceptions = exceptions
            default:
                if let value = draft.captureSettings[key] { rule.captureSettings[key] = value }
            }
        }
    }
}
