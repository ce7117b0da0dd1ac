import FalcoCondition
public import FalcoRules
public import RuntimeEvents

/// Evaluates the rules of a ``FalcoRules/RuleSet`` against runtime events.
///
/// Built once: every selected rule's condition is parsed, expanded with the set's lists and macros, extended
/// with its exceptions (`and not (…)`) and compiled. Rules are indexed by the event types their condition
/// allows; a rule that allows any type is evaluated for every event. Per event type, the comparisons on `evt.type`
/// alone are answered when the engine is built, so they cost nothing per event.
public struct RuleEngine: Sendable {
    /// Counters of one or more evaluations.
    public struct Statistics: Sendable, Hashable {
        /// Events evaluated.
        public var events = 0
        /// Rule conditions evaluated.
        public var conditionsEvaluated = 0
        /// Comparisons and `exists` checks those conditions consulted (computed or answered from the per-event
        /// memo of shared checks). Comparisons on `evt.type` alone, answered when the engine was built, are not
        /// counted.
        public var checksEvaluated = 0
        /// The checks among ``checksEvaluated`` that were computed: a check shared by several rules (the same
        /// field, operator and value) is computed once per event and answered from memory afterwards.
        public var checksComputed = 0

        /// Creates zeroed counters.
        public init() {}
    }

    /// The compiled rules, in file order.
    public let rules: [CompiledRule]
    /// What happened to each rule of the set.
    public let report: RuleLoadReport
    /// The options the engine was built with.
    public let options: RuleEngineOptions
    private let byEventType: [String: [Int]]
    private let anyEventType: [Int]
    /// The conditions of all rules as one program over shared checks, with one specialised program per event type
    /// (its candidate rules, merged and in file order, with the checks on `evt.type` answered in advance).
    private let programs: RuleProgramSet
    /// Bytes of stack scratch (at most 1 KiB, which needs no stack probe) for the texts a condition assembles (`proc.cmdline`…).
    static let scratchBytes = 1_024

    /// Builds the engine from `ruleSet`.
    public init(ruleSet: RuleSet, options: RuleEngineOptions = RuleEngineOptions()) {
        self.init(ruleSet: ruleSet, options: options, compiler: ConditionCompiler())
    }

    /// Builds the engine with `compiler` (tests compare the fast paths with the generic form).
    init(ruleSet: RuleSet, options: RuleEngineOptions, compiler: ConditionCompiler) {
        self.options = options
        var report = RuleLoadReport()
        var parsedMacros: [String: ConditionNode] = [:]
        var macroErrors: [String: String] = [:]
        for macro in ruleSet.macros {
            do throws(ConditionError) {
                parsedMacros[macro.name] = try ConditionParser.parse(macro.condition)
            } catch {
                macroErrors[macro.name] = "macro '\(macro.name)' (\(macro.origin)): \(error)"
            }
        }
        var lists: [String: [String]] = [:]
        for list in ruleSet.lists { lists[list.name] = list.items }
        let expander = ConditionExpander(lists: lists, macros: parsedMacros)
        var compiled: [CompiledRule] = []
        for rule in ruleSet.rules {
            guard options.selects(rule) else {
                report.deselected += 1
                continue
            }
            guard rule.source == "syscall" else {
                report.skipped.append(
                    .init(
                        rule: rule.name,
                        origin: rule.origin,
                        reason: "source '\(rule.source)' is not syscall",
                        unknownFields: []
                    )
                )
                continue
            }
            let node: ConditionNode
            do throws(ConditionError) {
                let parsed = try ConditionParser.parse(rule.condition)
                let withExceptions = try Self.addExceptions(rule.exceptions, to: parsed, lists: lists)
                node = try expander.expand(withExceptions)
            } catch {
                var message = "condition: \(error)"
                for name in macroErrors.keys.sorted() where rule.condition.contains(name) {
                    message += "; \(macroErrors[name] ?? "")"
                }
                report.failures.append(.init(rule: rule.name, origin: rule.origin, message: message, unknownFields: []))
                continue
            }
            let unknown = compiler.unknownFields(in: node)
            if !unknown.isEmpty, rule.skipIfUnknownFilter {
                report.skipped.append(
                    .init(
                        rule: rule.name,
                        origin: rule.origin,
                        reason: "unknown fields (skip-if-unknown-filter): \(unknown.joined(separator: ", "))",
                        unknownFields: unknown
                    )
                )
                continue
            }
            do throws(ConditionCompileError) {
                let condition = try compiler.compile(node)
                compiled.append(
                    CompiledRule(
                        rule: rule,
                        condition: condition,
                        eventTypes: node.allowedEventTypes,
                        order: compiled.count
                    )
                )
                report.compiled.append(rule.name)
            } catch {
                report.failures.append(
                    .init(
                        rule: rule.name,
                        origin: rule.origin,
                        message: error.description,
                        unknownFields: error.unknownFields
                    )
                )
            }
        }
        var byEventType: [String: [Int]] = [:]
        var anyEventType: [Int] = []
        for (index, rule) in compiled.enumerated() {
            if let types = rule.eventTypes {
                for type in types { byEventType[type, default: []].append(index) }
            } else {
                anyEventType.append(index)
            }
        }
        rules = compiled
        self.report = report
        self.byEventType = byEventType
        self.anyEventType = anyEventType
        var candidatesByType: [EventType: [Int]] = [:]
        for type in EventType.allCases {
            candidatesByType[type] = Self.merge(byEventType[type.name] ?? [], anyEventType)
        }
        programs = RuleProgramSet(compiled.map(\.condition.program), candidates: candidatesByType)
    }

    /// The number of checks (comparisons and `exists`) in all compiled rules.
    public var checkCount: Int { programs.totalChecks }

    /// The number of distinct checks among ``checkCount``: equal checks in several rules are one check, run at
    /// most once per event.
    public var distinctCheckCount: Int { programs.checks.count }

    /// The rules evaluated for events of type `eventType`, in file order.
    public func candidates(for eventType: String) -> [CompiledRule] {
        Self.merge(byEventType[eventType] ?? [], anyEventType).map { rules[$0] }
    }

    /// The rules that match `event`: all of them in file order, or only the first in ``RuleMatchingMode/first``.
    public func evaluate(_ event: RuntimeEvent, table: ProcessTable) -> [RuleMatch] {
        var statistics = Statistics()
        return evaluate(event, table: table, statistics: &statistics)
    }

    /// ``evaluate(_:table:)``, counting into `statistics`.
    public func evaluate(_ event: RuntimeEvent, table: ProcessTable, statistics: inout Statistics) -> [RuleMatch] {
        var matches: [RuleMatch] = []
        // Captures only what the closure needs (not `self` or the whole event, which would be copied).
        let rules = self.rules
        let number = event.number
        forEachMatch(event, table: table, statistics: &statistics) { index in
            matches.append(RuleMatch(rule: rules[index].rule, eventNumber: number))
        }
        return matches
    }

    /// Calls `body` with the index in ``rules`` of each rule that matches `event`, in file order (only the first
    /// in ``RuleMatchingMode/first``). Allocates nothing itself.
    public func forEachMatch(
        _ event: RuntimeEvent,
        table: ProcessTable,
        statistics: inout Statistics,
        _ body: (Int) -> Void
    ) {
        statistics.events += 1
        programs.run(event, table, first: options.matching == .first, &statistics, body)
    }

    private static func merge(_ a: [Int], _ b: [Int]) -> [Int] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Int] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                out.append(a[i])
                i += 1
            } else {
                out.append(b[j])
                j += 1
            }
        }
        return out
    }

    // MARK: - Exceptions

    /// `condition and not (tuple or tuple …)`, each tuple `f1 c1 v1 and f2 c2 v2 …`; the single-field form
    /// with a list operator gathers every value into one list.
    static func addExceptions(
        _ exceptions: [RuleException],
        to condition: ConditionNode,
        lists: [String: [String]]
    ) throws(ConditionError) -> ConditionNode {
        var excluded: [ConditionNode] = []
        for exception in exceptions where !exception.values.isEmpty {
            var fields: [FieldReference] = []
            for field in exception.fields {
                guard case .exists(let reference) = try ConditionParser.parse("\(field) exists") else {
                    throw ConditionError(code: .syntax, message: "exception '\(exception.name)': bad field '\(field)'")
                }
                fields.append(reference)
            }
            var operators: [ComparisonOperator] = []
            for comp in exception.comps {
                guard let op = ComparisonOperator(spelling: comp) else {
                    throw ConditionError(
                        code: .syntax,
                        message: "exception '\(exception.name)': unknown comparison '\(comp)'"
                    )
                }
                operators.append(op)
            }
            guard fields.count == operators.count, let firstField = fields.first else { continue }
            if exception.isSingleField {
                let op = operators[0]
                if op.takesList {
                    let items = exception.values.flatMap { tuple in tuple.flatMap { listItems($0, lists: lists) } }
                    excluded.append(
                        .comparison(Comparison(field: firstField, comparisonOperator: op, value: .list(items)))
                    )
                } else {
                    for tuple in exception.values {
                        for value in tuple {
                            excluded.append(
                                .comparison(
                                    Comparison(
                                        field: firstField,
                                        comparisonOperator: op,
                                        value: scalar(value)
                                    )
                                )
                            )
                        }
                    }
                }
                continue
            }
            for tuple in exception.values where tuple.count == fields.count {
                var checks: [ConditionNode] = []
                for (index, value) in tuple.enumerated() {
                    let op = operators[index]
                    let right: ConditionValue = op.takesList ? .list(listItems(value, lists: lists)) : scalar(value)
                    checks.append(.comparison(Comparison(field: fields[index], comparisonOperator: op, value: right)))
                }
                excluded.append(checks.count == 1 ? checks[0] : .and(checks))
            }
        }
        guard !excluded.isEmpty else { return condition }
        let any: ConditionNode = excluded.count == 1 ? excluded[0] : .or(excluded)
        return .and([condition, .not(any)])
    }

    private static func listItems(_ value: RuleException.Value, lists: [String: [String]]) -> [ConditionValue] {
        switch value {
        case .text(let name) where lists[name] != nil: return [.bareWord(name)]
        case .text(let text): return [.string(text)]
        case .list(let items): return items.map(ConditionParser.listItemValue)
        }
    }

    private static func scalar(_ value: RuleException.Value) -> ConditionValue {
        switch value {
        case .text(let text): return .string(text)
        case .list(let items): return .list(items.map { .string($0) })
        }
    }
}
