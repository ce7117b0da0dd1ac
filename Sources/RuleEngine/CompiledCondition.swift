public import RuntimeEvents

/// A condition compiled once by ``ConditionCompiler``: fields bound, values converted, patterns compiled, the
/// boolean structure flattened into a jump program.
///
/// Evaluating it reads the event (and the process table for ancestors and descriptors) and nothing else; it
/// allocates nothing for the fields the engine serves as bytes.
public struct CompiledCondition: Sendable {
    let program: ConditionProgram
    /// The number of comparisons and `exists` checks in the compiled tree.
    public var checkCount: Int { program.checks.count }

    init(program: ConditionProgram) { self.program = program }

    /// True when `event` satisfies the condition.
    public func evaluate(_ event: RuntimeEvent, table: ProcessTable) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: RuleEngine.scratchBytes) { scratch in
            var scope = EvaluationScope(scratch: scratch)
            return program.evaluate(event, table, &scope)
        }
    }

    func evaluate(_ event: RuntimeEvent, _ table: ProcessTable, _ scope: inout EvaluationScope) -> Bool {
        program.evaluate(event, table, &scope)
    }
}
