public import RuntimeEvents

/// A condition compiled once by ``ConditionCompiler``: fields bound, values converted, patterns compiled.
///
/// Evaluating it reads the event (and the process table for ancestors and descriptors) and nothing else.
public struct CompiledCondition: Sendable {
    private let predicate: @Sendable (RuntimeEvent, ProcessTable) -> Bool
    /// The number of comparisons and `exists` checks in the compiled tree.
    public let checkCount: Int

    init(checkCount: Int, _ predicate: @escaping @Sendable (RuntimeEvent, ProcessTable) -> Bool) {
        self.checkCount = checkCount
        self.predicate = predicate
    }

    /// True when `event` satisfies the condition.
    public func evaluate(_ event: RuntimeEvent, table: ProcessTable) -> Bool { predicate(event, table) }
}
