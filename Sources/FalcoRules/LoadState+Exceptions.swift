internal import SecurityModel

extension LoadState {
    /// Reads the `exceptions` sequence of a rule item; nil after reporting an error.
    mutating func exceptionDrafts(_ value: JSONValue, context: ItemContext) -> [ExceptionDraft]? {
        guard case .array(let entries) = value else {
            report(
                context.diagnostic(
                    .wrongType,
                    "key 'exceptions' must be a sequence, not \(value.typeName)",
                    at: "exceptions"
                )
            )
            return nil
        }
        var drafts: [ExceptionDraft] = []
        var names: Set<String> = []
        var valid = true
        for (index, entry) in entries.enumerated() {
            let path = "exceptions[\(index)]"
            if let draft = exceptionDraft(entry, path: path, context: context) {
                if !names.insert(draft.name).inserted {
                    report(
                        context.diagnostic(
                            .duplicateExceptionName,
                            "multiple definitions of exception '\(draft.name)' in the same rule",
                            at: "\(path).name",
                            severity: .warning
                        )
                    )
                }
                drafts.append(draft)
            } else {
                valid = false
            }
        }
        return valid ? drafts : nil
    }

    private mutating func exceptionDraft(_ entry: JSONValue, path: String, context: ItemContext) -> ExceptionDraft? {
        guard case .object(let pairs) = entry else {
            report(
                context.diagnostic(
                    .wrongType,
                    "an exception must be a mapping, not \(entry.typeName)",
                    at: path,
                    kind: .exception,
                    name: ""
                )
            )
            return nil
        }
        let name = entry["name"]?.scalarText ?? ""
        let fail: (RulesDiagnostic.Code, String, String) -> RulesDiagnostic = { code, message, at in
            context.diagnostic(code, message, at: at, kind: .exception, name: name)
        }
        for (key, _) in pairs where !["name", "fields", "comps", "values"].contains(key) {
            report(fail(.unknownKey, "unknown key '\(key)' in an exception", "\(path).\(key)"))
            return nil
        }
        guard !name.isEmpty else {
            report(fail(.missingField, "item has no mapping for key 'name'", path))
            return nil
        }
        var draft = ExceptionDraft(name: name, fields: nil, isSingleField: false, comps: nil, values: nil, path: path)
        switch entry["fields"] {
        case nil: break
        case .string(let field)?:
            draft.fields = [field]
            draft.isSingleField = true
        case .array(let items)?:
            let fields = items.compactMap(\.stringValue)
            guard fields.count == items.count, !fields.isEmpty else {
                report(
                    fail(
                        .invalidException,
                        "'fields' must be a field name or a non-empty list of field names",
                        "\(path).fields"
                    )
                )
                return nil
            }
            draft.fields = fields
        case let other?:
            report(
                fail(
                    .wrongType,
                    "'fields' must be a field name or a list of field names, not \(other.typeName)",
                    "\(path).fields"
                )
            )
            return nil
        }
        switch entry["comps"] {
        case nil: break
        case .string(let comp)?: draft.comps = .single(comp)
        case .array(let items)?:
            let comps = items.compactMap(\.scalarText)
            guard comps.count == items.count else {
                report(fail(.wrongType, "'comps' must be a list of comparison operators", "\(path).comps"))
                return nil
            }
            draft.comps = .list(comps)
        case let other?:
            report(
                fail(
                    .wrongType,
                    "'comps' must be an operator or a list of operators, not \(other.typeName)",
                    "\(path).comps"
                )
            )
            return nil
        }
        switch entry["values"] {
        case nil, .null?: break
        case .array(let items)?: draft.values = items
        case let other?:
            report(fail(.wrongType, "'values' must be a sequence, not \(other.typeName)", "\(path).values"))
            return nil
        }
        return draft
    }

    /// A new exception from a draft that defines it (it must have `fields`); nil after reporting an error.
    mutating func newException(_ draft: ExceptionDraft, context: ItemContext) -> RuleException? {
        let fail: (RulesDiagnostic.Code, String, String) -> RulesDiagnostic = { code, message, at in
            context.diagnostic(code, message, at: at, kind: .exception, name: draft.name)
        }
        guard let fields = draft.fields else {
            report(
                fail(.invalidException, "rule exception must have fields property with a list of fields", draft.path)
            )
            return nil
        }
        let comps: [String]
        switch (draft.comps, draft.isSingleField) {
        case (nil, true): comps = ["in"]
        case (nil, false): comps = Array(repeating: "=", count: fields.count)
        case (.single(let comp)?, true): comps = [comp]
        case (.list(let list)?, false): comps = list
        case (.single?, false):
            report(fail(.invalidException, "'comps' must be a list when 'fields' is a list", "\(draft.path).comps"))
            return nil
        case (.list?, true):
            report(
                fail(
                    .invalidException,
                    "'comps' must be a single operator when 'fields' is a single field",
                    "\(draft.path).comps"
                )
            )
            return nil
        }
        guard comps.count == fields.count else {
            report(fail(.invalidException, "fields and comps lists must have equal length", "\(draft.path).comps"))
            return nil
        }
        for comp in comps where !RuleException.supportedComparisons.contains(comp) {
            report(fail(.invalidException, "'\(comp)' is not a supported comparison operator", "\(draft.path).comps"))
            return nil
        }
        var exception = RuleException(
            name: draft.name,
            fields: fields,
            isSingleField: draft.isSingleField,
            comps: comps,
            values: []
        )
        guard let values = exceptionValues(draft, for: exception, context: context) else { return nil }
        exception.values = values
        return exception
    }

    /// The value tuples of `draft`, checked against `exception`'s fields; nil after reporting an error.
    mutating func exceptionValues(
        _ draft: ExceptionDraft,
        for exception: RuleException,
        context: ItemContext
    ) -> [[RuleException.Value]]? {
        var tuples: [[RuleException.Value]] = []
        for (index, raw) in (draft.values ?? []).enumerated() {
            let at = "\(draft.path).values[\(index)]"
            let fail: (String) -> RulesDiagnostic = { message in
                context.diagnostic(.invalidException, message, at: at, kind: .exception, name: draft.name)
            }
            if exception.isSingleField {
                guard let value = Self.exceptionValue(raw) else {
                    report(fail("exception value \(index) must be a string or a list of strings"))
                    return nil
                }
                tuples.append([value])
                continue
            }
            guard case .array(let items) = raw else {
                report(fail("exception value \(index) must be a list with one value per field"))
                return nil
            }
            guard items.count == exception.fields.count else {
                report(fail("fields and values lists must have equal length"))
                return nil
            }
            var tuple: [RuleException.Value] = []
            for item in items {
                guard let value = Self.exceptionValue(item) else {
                    report(fail("exception value \(index) must hold strings or lists of strings"))
                    return nil
                }
                tuple.append(value)
            }
            tuples.append(tuple)
        }
        return tuples
    }

    private static func exceptionValue(_ raw: JSONValue) -> RuleException.Value? {
        if let text = raw.scalarText { return .text(text) }
        guard case .array(let items) = raw else { return nil }
        let texts = items.compactMap(\.scalarText)
        return texts.count == items.count ? .list(texts) : nil
    }

    /// Adds `drafts` to `exceptions`: a draft naming an existing exception appends its values, any other one
    /// defines a new exception. False after reporting an error.
    mutating func merge(
        _ drafts: [ExceptionDraft],
        into exceptions: inout [RuleException],
        context: ItemContext
    ) -> Bool {
        var result = exceptions
        // Name → first index, so that a rule with thousands of exceptions merges in linear time.
        var indexByName: [String: Int] = [:]
        for (index, exception) in result.enumerated() where indexByName[exception.name] == nil {
            indexByName[exception.name] = index
        }
        for draft in drafts {
            guard let index = indexByName[draft.name] else {
                guard let exception = newException(draft, context: context) else { return false }
                indexByName[exception.name] = result.count
                result.append(exception)
                continue
            }
            let existing = result[index]
            if let fields = draft.fields, fields != existing.fields || draft.isSingleField != existing.isSingleField {
                report(
                    context.diagnostic(
                        .invalidException,
                        "appended exception '\(draft.name)' gives fields that differ from the existing exception's",
                        at: "\(draft.path).fields",
                        kind: .exception,
                        name: draft.name
                    )
                )
                return false
            }
            if draft.values?.isEmpty ?? true {
                report(
                    context.diagnostic(
                        .invalidException,
                        "appending to exception '\(draft.name)' with no values has no effect",
                        at: draft.path,
                        severity: .warning,
                        kind: .exception,
                        name: draft.name
                    )
                )
            }
            guard let values = exceptionValues(draft, for: existing, context: context) else { return false }
            result[index].values += values
        }
        exceptions = result
        return true
    }
}
