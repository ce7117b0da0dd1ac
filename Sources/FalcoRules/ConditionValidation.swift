internal import FalcoCondition
internal import RuntimeEvents

/// Load-time checks of conditions, as Falco's loader makes them: every macro and rule condition parses,
/// macro references and lists expand (no undefined macro, no reference loop), and the fields of a rule's
/// condition, exceptions and output are served by the event model.
///
/// Macros may reference macros defined later (Falco resolves references against the whole set). Every
/// rule is checked, disabled ones included. Field checks apply to `syscall` rules only (the event model
/// serves no other source).
struct ConditionValidation {
    private var ruleSet: RuleSet
    private let lists: [String: [String]]
    private let maximumDepth: Int
    private let maximumSize: Int
    private var parsedMacros: [String: ConditionNode] = [:]
    private var brokenMacros: Set<String> = []

    /// Validates `ruleSet` in place: appends diagnostics and marks skipped rules.
    static func validate(
        _ ruleSet: inout RuleSet,
        maximumDepth: Int = ConditionExpander.defaultMaximumDepth,
        maximumSize: Int = ConditionExpander.defaultMaximumSize
    ) {
        var validation = ConditionValidation(ruleSet: ruleSet, maximumDepth: maximumDepth, maximumSize: maximumSize)
        validation.run()
        ruleSet = validation.ruleSet
    }

    private init(ruleSet: RuleSet, maximumDepth: Int, maximumSize: Int) {
        self.ruleSet = ruleSet
        self.maximumDepth = maximumDepth
        self.maximumSize = maximumSize
        var lists: [String: [String]] = [:]
        for list in ruleSet.lists { lists[list.name] = list.items }
        self.lists = lists
    }

    private mutating func run() {
        for macro in ruleSet.macros {
            do throws(ConditionError) {
                parsedMacros[macro.name] = try ConditionParser.parse(macro.condition)
            } catch {
                brokenMacros.insert(macro.name)
                report(
                    .invalidCondition,
                    Self.syntaxMessage(error),
                    origin: macro.origin,
                    kind: .macro,
                    name: macro.name
                )
            }
        }
        var parsedRules: [ConditionNode?] = []
        for rule in ruleSet.rules {
            do throws(ConditionError) {
                parsedRules.append(try ConditionParser.parse(rule.condition))
            } catch {
                parsedRules.append(nil)
                report(.invalidCondition, Self.syntaxMessage(error), origin: rule.origin, kind: .rule, name: rule.name)
            }
        }
        // One batch: every macro and list is expanded once, however many conditions use it.
        let macros = ruleSet.macros.filter { parsedMacros[$0.name] != nil }
        let roots = macros.compactMap { parsedMacros[$0.name] } + parsedRules.compactMap(\.self)
        let expander = ConditionExpander(
            lists: lists,
            macros: parsedMacros,
            maximumDepth: maximumDepth,
            maximumSize: maximumSize
        )
        var results = expander.expand(roots)[...]
        for macro in macros {
            guard let node = parsedMacros[macro.name], let result = results.popFirst() else { continue }
            check(node, result, origin: macro.origin, kind: .macro, name: macro.name)
        }
        for index in ruleSet.rules.indices {
            guard let node = parsedRules[index], let result = results.popFirst() else { continue }
            let rule = ruleSet.rules[index]
            var valid = true
            if let expanded = check(node, result, origin: rule.origin, kind: .rule, name: rule.name) {
                if rule.source == "syscall" { valid = checkConditionFields(of: expanded, ruleAt: index) }
            } else {
                valid = false
            }
            if !checkExceptions(ruleAt: index) { valid = false }
            if valid, rule.source == "syscall" { checkOutput(ruleAt: index) }
        }
    }

    /// The expanded condition, or nil after reporting why it does not expand. A macro whose expansion fails
    /// only because a macro it uses is over a limit is not reported again: that macro is.
    @discardableResult
    private mutating func check(
        _ node: ConditionNode,
        _ result: Result<ConditionNode, ConditionError>,
        origin: RuleOrigin,
        kind: RuleItemKind,
        name: String
    ) -> ConditionNode? {
        if let broken = node.macroReferences.sorted().first(where: brokenMacros.contains) {
            report(
                .undefinedMacro,
                "Macro '\(broken)' used in filter has an invalid condition.",
                origin: origin,
                kind: kind,
                name: name
            )
            return nil
        }
        switch result {
        case .success(let expanded):
            return expanded
        case .failure(let error):
            let propagated =
                kind == .macro && [.tooDeep, .tooLarge].contains(error.code)
                && error.item.map { $0 != name && parsedMacros[$0] != nil } == true
            if !propagated {
                let (code, message) = Self.describe(error)
                report(code, message, origin: origin, kind: kind, name: name)
            }
            return nil
        }
    }

    /// A parse error's message with its position in the condition text.
    static func syntaxMessage(_ error: ConditionError) -> String {
        guard let line = error.line, let column = error.column else { return error.message }
        return "\(error.message) (condition line \(line), column \(column))"
    }

    /// Reports the unserved fields of a rule's expanded condition; false when the rule is rejected or skipped.
    private mutating func checkConditionFields(of node: ConditionNode, ruleAt index: Int) -> Bool {
        let rule = ruleSet.rules[index]
        let unknown = Self.fieldReferences(of: node).filter { !EventFields.serves($0) }
        guard !unknown.isEmpty else { return true }
        let falcoOnly = unknown.filter(FalcoOnlyFields.contains)
        let foreign = unknown.filter { !FalcoOnlyFields.contains($0) }
        if let field = foreign.first {
            let message = "filter_check called with nonexistent field \(field)"
            if rule.skipIfUnknownFilter {
                report(
                    .unknownFieldSkipped,
                    message + "; rule skipped (skip-if-unknown-filter)",
                    origin: rule.origin,
                    kind: .rule,
                    name: rule.name,
                    severity: .warning
                )
                skip(ruleAt: index, reason: message, fields: foreign)
            } else {
                report(.unknownField, message, origin: rule.origin, kind: .rule, name: rule.name)
            }
            return false
        }
        skipUnsupported(ruleAt: index, fields: falcoOnly)
        return false
    }

    /// Reports exceptions whose fields do not parse or are not served; false when the rule is rejected.
    private mutating func checkExceptions(ruleAt index: Int) -> Bool {
        let rule = ruleSet.rules[index]
        var valid = true
        for exception in rule.exceptions {
            for field in exception.fields {
                let references: [String]
                do throws(ConditionError) {
                    references = Self.fieldReferences(of: try ConditionParser.parse("\(field) exists"))
                } catch {
                    report(
                        .invalidException,
                        "'\(field)' is not a valid filter field: \(error.message)",
                        origin: rule.origin,
                        kind: .exception,
                        name: exception.name
                    )
                    valid = false
                    continue
                }
                guard rule.source == "syscall", rule.skipReason == nil else { continue }
                for reference in references where !EventFields.serves(reference) {
                    if FalcoOnlyFields.contains(reference) {
                        skipUnsupported(ruleAt: index, fields: [reference])
                    } else {
                        report(
                            .unknownField,
                            "'\(reference)' is not a supported filter field",
                            origin: rule.origin,
                            kind: .exception,
                            name: exception.name
                        )
                        valid = false
                    }
                }
            }
        }
        return valid
    }

    /// Reports `%field` references of the output that are not served.
    private mutating func checkOutput(ruleAt index: Int) {
        let rule = ruleSet.rules[index]
        guard rule.skipReason == nil else { return }
        let unknown = OutputFormat.fieldReferences(in: rule.output).filter { !EventFields.serves($0) }
        let foreign = unknown.filter { !FalcoOnlyFields.contains($0) }
        for reference in foreign {
            report(
                .invalidOutput,
                "invalid formatting token \(reference.isEmpty ? "(empty)" : reference)",
                origin: rule.origin,
                kind: .rule,
                name: rule.name
            )
        }
        let falcoOnly = unknown.filter(FalcoOnlyFields.contains)
        if foreign.isEmpty, !falcoOnly.isEmpty { skipUnsupported(ruleAt: index, fields: falcoOnly) }
    }

    private mutating func skipUnsupported(ruleAt index: Int, fields: [String]) {
        let rule = ruleSet.rules[index]
        let list = fields.joined(separator: ", ")
        report(
            .unsupportedField,
            "field not supported by Bulkhead's event model; rule skipped (\(list))",
            origin: rule.origin,
            kind: .rule,
            name: rule.name,
            severity: .warning
        )
        skip(ruleAt: index, reason: "field not supported by Bulkhead's event model: \(list)", fields: fields)
    }

    private mutating func skip(ruleAt index: Int, reason: String, fields: [String]) {
        if ruleSet.rules[index].skipReason == nil { ruleSet.rules[index].skipReason = reason }
        for field in fields where !ruleSet.rules[index].unsupportedFields.contains(field) {
            ruleSet.rules[index].unsupportedFields.append(field)
        }
    }

    private mutating func report(
        _ code: RulesDiagnostic.Code,
        _ message: String,
        origin: RuleOrigin,
        kind: RuleItemKind,
        name: String,
        severity: RulesDiagnostic.Severity = .error
    ) {
        ruleSet.diagnostics.append(
            RulesDiagnostic(
                severity: severity,
                code: code,
                message: message,
                file: origin.file,
                line: origin.line,
                itemKind: kind,
                itemName: name
            )
        )
    }

    /// The diagnostic code and Falco-worded message for an expansion error.
    private static func describe(_ error: ConditionError) -> (RulesDiagnostic.Code, String) {
        switch error.code {
        case .unknownMacro: return (.undefinedMacro, error.message)
        case .unknownList: return (.undefinedList, error.message)
        case .macroCycle:
            return (.referenceLoop, "reference loop in macro: " + stripped(error.message, "macro cycle: "))
        case .listCycle: return (.referenceLoop, "reference loop in list: " + stripped(error.message, "list cycle: "))
        default: return (.invalidCondition, error.message)
        }
    }

    private static func stripped(_ text: String, _ prefix: String) -> String {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

    /// Every field reference of `node`, as text with its argument (`proc.aname[2]`), in first-use order.
    static func fieldReferences(of node: ConditionNode) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        func add(_ field: FieldReference) {
            let text = field.argument.map { "\(field.name)[\($0)]" } ?? field.name
            if seen.insert(text).inserted { out.append(text) }
        }
        func walk(_ node: ConditionNode) {
            switch node {
            case .and(let operands), .or(let operands): operands.forEach(walk)
            case .not(let operand): walk(operand)
            case .exists(let field): add(field)
            case .comparison(let comparison):
                add(comparison.field)
                if case .field(let other) = comparison.value { add(other) }
            case .macroReference: break
            }
        }
        walk(node)
        return out
    }
}
