extension LoadState {
    /// `- list: NAME` with `items`.
    mutating func readList(_ fields: ItemFields, context: ItemContext) {
        guard checkKeys(fields, allowed: ["list", "items", "append", "override"], context: context),
            let action = action(
                fields,
                context: context,
                nameKey: "list",
                appendable: ["items"],
                replaceable: ["items"]
            )
        else { return }
        let items: [String]
        switch strings(fields, "items", context: context) {
        case .failure: return
        case .success(let values): items = values
        case nil:
            report(context.diagnostic(.missingField, "item has no mapping for key 'items'", at: "list"))
            return
        }
        store(
            kind: "list",
            field: "items",
            action: action,
            context: context,
            items: \.lists,
            index: \.listIndex,
            make: { FalcoList(name: context.name, items: items, origin: $0) },
            replace: { $0.items = items },
            append: { $0.items += items }
        )
    }

    /// `- macro: NAME` with `condition`.
    mutating func readMacro(_ fields: ItemFields, context: ItemContext) {
        guard checkKeys(fields, allowed: ["macro", "condition", "append", "override"], context: context),
            let action = action(
                fields,
                context: context,
                nameKey: "macro",
                appendable: ["condition"],
                replaceable: ["condition"]
            )
        else { return }
        let condition: String
        switch text(fields, "condition", context: context) {
        case .failure: return
        case .success(let value): condition = value
        case nil:
            report(context.diagnostic(.missingField, "item has no mapping for key 'condition'", at: "macro"))
            return
        }
        store(
            kind: "macro",
            field: "condition",
            action: action,
            context: context,
            items: \.macros,
            index: \.macroIndex,
            make: { FalcoMacro(name: context.name, condition: condition, origin: $0) },
            replace: { $0.condition = condition },
            append: { Self.append(condition, to: &$0.condition) }
        )
    }

    /// Defines a list or macro (replacing an earlier one of the same name in place), or applies a legacy
    /// `append` or an `override` of `field` to the existing one; reports an append or override of a name
    /// not defined before.
    private mutating func store<Item>(
        kind: String,
        field: String,
        action: ItemAction,
        context: ItemContext,
        items: WritableKeyPath<RuleSet, [Item]>,
        index: WritableKeyPath<LoadState, [String: Int]>,
        make: (RuleOrigin) -> Item,
        replace: (inout Item) -> Void,
        append: (inout Item) -> Void
    ) {
        let existing = self[keyPath: index][context.name]
        switch action {
        case .define:
            let item = make(context.origin(kindKey: kind))
            if let existing {
                ruleSet[keyPath: items][existing] = item
            } else {
                self[keyPath: index][context.name] = ruleSet[keyPath: items].count
                ruleSet[keyPath: items].append(item)
            }
        case .legacyAppend, .override:
            guard let existing else {
                report(
                    context.diagnostic(
                        .appendToUnknownItem,
                        "\(kind) has 'append' or 'override' but no \(kind) by that name already exists",
                        at: kind
                    )
                )
                return
            }
            if case .override(let modes) = action, modes[field] == .replace {
                replace(&ruleSet[keyPath: items][existing])
            } else {
                append(&ruleSet[keyPath: items][existing])
            }
        }
    }

    /// Appends `addition` the way Falco appends conditions and outputs (separated by one space), in place.
    static func append(_ addition: String, to base: inout String) {
        if base.isEmpty {
            base = addition
        } else if !addition.isEmpty {
            base += " "
            base += addition
        }
    }
}
