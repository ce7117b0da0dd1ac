extension ConditionNode {
    /// The names of all fields the condition reads (left-hand sides and `val()` fields), without
    /// arguments or transformers. Macro references are not followed: expand first.
    public var fieldNames: Set<String> {
        var names: Set<String> = []
        collectFields(into: &names)
        return names
    }

    /// The macro names referenced directly by this (unexpanded) condition.
    public var macroReferences: Set<String> {
        switch self {
        case .and(let operands), .or(let operands):
            return operands.reduce(into: []) { $0.formUnion($1.macroReferences) }
        case .not(let operand): return operand.macroReferences
        case .macroReference(let name): return [name]
        case .comparison, .exists: return []
        }
    }

    /// The event types for which the condition can be true, or nil when that is any event type
    /// (the condition does not restrict `evt.type`, or restricts it only by exclusion).
    ///
    /// Understands `evt.type =`/`==`/`!=`/`in` with literal values, through `and`, `or` and `not`.
    /// Macro references are treated as unrestricted: expand first.
    public var allowedEventTypes: Set<String>? {
        switch eventTypeSets().whenTrue {
        case .only(let types): return types
        case .allExcept: return nil
        }
    }

    private func collectFields(into names: inout Set<String>) {
        switch self {
        case .and(let operands), .or(let operands):
            for operand in operands { operand.collectFields(into: &names) }
        case .not(let operand): operand.collectFields(into: &names)
        case .exists(let field): names.insert(field.name)
        case .comparison(let comparison):
            names.insert(comparison.field.name)
            if case .field(let other) = comparison.value { names.insert(other.name) }
        case .macroReference: break
        }
    }

    /// Event types for which the node may be true, and for which it may be false.
    private func eventTypeSets() -> (whenTrue: EventTypeSet, whenFalse: EventTypeSet) {
        switch self {
        case .and(let operands):
            let sets = operands.map { $0.eventTypeSets() }
            return (
                sets.dropFirst().reduce(sets[0].whenTrue) { $0.intersection($1.whenTrue) },
                sets.dropFirst().reduce(sets[0].whenFalse) { $0.union($1.whenFalse) }
            )
        case .or(let operands):
            let sets = operands.map { $0.eventTypeSets() }
            return (
                sets.dropFirst().reduce(sets[0].whenTrue) { $0.union($1.whenTrue) },
                sets.dropFirst().reduce(sets[0].whenFalse) { $0.intersection($1.whenFalse) }
            )
        case .not(let operand):
            let sets = operand.eventTypeSets()
            return (sets.whenFalse, sets.whenTrue)
        case .comparison(let comparison):
            guard comparison.field.name == "evt.type", comparison.field.argument == nil,
                comparison.field.transformers.isEmpty, comparison.modifier == nil
            else { return (.any, .any) }
            let types = Set(comparison.value.texts)
            switch (comparison.comparisonOperator, comparison.value) {
            case (.equal, .string), (.equal, .bareWord), (.in, .list):
                return (.only(types), .allExcept(types))
            case (.notEqual, .string), (.notEqual, .bareWord):
                return (.allExcept(types), .only(types))
            default:
                return (.any, .any)
            }
        case .exists, .macroReference:
            return (.any, .any)
        }
    }
}

/// A set of event types that may be infinite: either exactly these, or all but these.
enum EventTypeSet: Equatable {
    case only(Set<String>)
    case allExcept(Set<String>)

    static var any: Self { .allExcept([]) }

    func intersection(_ other: Self) -> Self {
        switch (self, other) {
        case (.only(let a), .only(let b)): return .only(a.intersection(b))
        case (.only(let a), .allExcept(let b)), (.allExcept(let b), .only(let a)): return .only(a.subtracting(b))
        case (.allExcept(let a), .allExcept(let b)): return .allExcept(a.union(b))
        }
    }

    func union(_ other: Self) -> Self {
        switch (self, other) {
        case (.only(let a), .only(let b)): return .only(a.union(b))
        case (.only(let a), .allExcept(let b)), (.allExcept(let b), .only(let a)): return .allExcept(b.subtracting(a))
        case (.allExcept(let a), .allExcept(let b)): return .allExcept(a.intersection(b))
        }
    }
}
