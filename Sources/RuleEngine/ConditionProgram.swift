import FalcoCondition
import RuntimeEvents

/// A condition compiled to a flat decision program: each instruction runs one ``Check`` and jumps to the next
/// instruction on true or on false, or ends with accept or reject. `and`, `or` and `not` become jump targets
/// (short-circuit evaluation without recursion, closures or allocation).
struct ConditionProgram: Sendable {
    struct Instruction: Sendable {
        var check: Int32
        var onTrue: Int32
        var onFalse: Int32
    }

    static let accept: Int32 = -1
    static let reject: Int32 = -2

    var instructions: [Instruction] = []
    /// The checks, owned here; ``Instruction/check`` indexes them.
    var checks: [Check] = []
    /// The leaf each check was compiled from (`.comparison` or `.exists`): equal leaves compile to checks with
    /// equal results, which the engine shares across rules.
    var keys: [ConditionNode] = []
    /// The same checks without reference counting, for the evaluation loop (kept alive by `checks`); set by
    /// ``seal()`` once the program is complete.
    private var unretained: [Unmanaged<Check>] = []
    var entry: Int32 = ConditionProgram.accept

    /// Completes the program after the last check was added.
    mutating func seal() { unretained = checks.map { Unmanaged.passUnretained($0) } }

    /// Runs the program.
    func evaluate(_ event: RuntimeEvent, _ table: ProcessTable, _ scope: inout EvaluationScope) -> Bool {
        var pc = entry
        return instructions.withUnsafeBufferPointer { code in
            unretained.withUnsafeBufferPointer { checks in
                while pc >= 0 {
                    let instruction = code[Int(pc)]
                    scope.checksRun += 1
                    scope.checksComputed += 1
                    let holds = checks[Int(instruction.check)]._withUnsafeGuaranteedRef {
                        $0.holds(event, table, &scope)
                    }
                    pc = holds ? instruction.onTrue : instruction.onFalse
                }
                return pc == ConditionProgram.accept
            }
        }
    }
}
