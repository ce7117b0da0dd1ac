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
        let origin = context.origin(kindKey: "list")
        let existing = listIndex[context.name]
        switch action {
        case .define:
            let list = FalcoList(name: context.name, items: items, origin: origin)
            if let existing {
                ruleSet.lists[existing] = list
            } else {
                listIndex[context.name] = ruleSet.lists.count
                ruleSet.lists.append(list)
            }
        case .legacyAppend, .override:
            guard let existing else {
                report(
                    context.diagnostic(
                        .appendToUnknownItem,
                        "list has 'append' or 'override' but no list by that name already exists",
                        at: "list"
                    )
                )
                return
            }
            if case .override(let modes) = action, modes["items"] == .replace {
                ruleSet.lists[existing].items = items
            } else {
                ruleSet.lists[existing].items += items
            }
        }
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
        let origin = context.origin(kindKey: "macro")
        let existing = macroIndex[context.name]
        switch action {
        case .define:
            let macro = FalcoMacro(name: context.name, condition: condition, origin: origin)
            if let existing {
                ruleSet.macros[existing] = macro
            } else {
                macroIndex[context.name] = ruleSet.macros.count
                ruleSet.macros.append(macro)
            }
        case .legacyAppend, .override:
            guard let existing else {
                report(
                    context.diagnostic(
                        .appendToUnknownItem,
                        "macro has 'append' or 'override' but no macro by that name already exists",
                        at: "macro"
                    )
                )
                return
            }
            if case .override(let modes) = action, modes["condition"] == .replace {
                ruleSet.macros[existing].condition = condition
            } else {
                Self.append(condition, to: &ruleSet.macros[existing].condition)
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
