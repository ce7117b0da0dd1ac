import FalcoCondition
import RuntimeEvents

/// The conditions of all rules as one jump program over one table of distinct checks, for the engine's
/// per-event loop.
///
/// Equal leaves (same field, transformers, operator, modifier and value) compile to checks with equal results,
/// so they become one shared check. A check used by more than one instruction gets a memo slot: within one
/// event it runs at most once, however many rules ask (`spawned_process`, `container`, `open_read`…). Checks
/// are pure functions of the event and the process table, so sharing them changes no result.
struct RuleProgramSet: Sendable {
    struct Instruction: Sendable {
        /// Index into ``RuleProgramSet/checks``.
        var check: Int32
        /// Index of the check's memo slot, or -1 when the check is used once.
        var memo: Int32
        var onTrue: Int32
        var onFalse: Int32
    }

    /// All instructions of all rules; jump targets are indices here (or ``ConditionProgram/accept``/`reject`).
    private(set) var instructions: [Instruction] = []
    /// The first instruction of each rule (or `accept`/`reject` for a constant condition), by rule index.
    private(set) var entries: [Int32] = []
    /// The distinct checks, owned here.
    private(set) var checks: [Check] = []
    /// The same checks without reference counting, for the evaluation loop (kept alive by `checks`).
    private var unretained: [Unmanaged<Check>] = []
    /// The number of memo slots (checks used by more than one instruction).
    private(set) var memoSlots = 0
    /// The number of checks in the rules' own programs, before sharing.
    private(set) var totalChecks = 0

    /// Joins `programs` (one per rule, in rule order).
    init(_ programs: [ConditionProgram]) {
        var ids: [ConditionNode: Int32] = [:]
        var uses: [Int] = []
        var localToShared: [[Int32]] = []
        for program in programs {
            var map: [Int32] = []
            map.reserveCapacity(program.checks.count)
            for (index, check) in program.checks.enumerated() {
                let key = program.keys[index]
                if let id = ids[key] {
                    map.append(id)
                    uses[Int(id)] += 1
                } else {
                    let id = Int32(checks.count)
                    ids[key] = id
                    checks.append(check)
                    uses.append(1)
                    map.append(id)
                }
            }
            totalChecks += program.checks.count
            localToShared.append(map)
        }
        var memo = [Int32](repeating: -1, count: checks.count)
        var slots = 0
        for (id, count) in uses.enumerated() where count > 1 {
            memo[id] = Int32(slots)
            slots += 1
        }
        memoSlots = slots
        for (index, program) in programs.enumerated() {
            let base = Int32(instructions.count)
            func target(_ local: Int32) -> Int32 { local >= 0 ? local + base : local }
            for instruction in program.instructions {
                let id = localToShared[index][Int(instruction.check)]
                instructions.append(
                    Instruction(
                        check: id,
                        memo: memo[Int(id)],
                        onTrue: target(instruction.onTrue),
                        onFalse: target(instruction.onFalse)
                    )
                )
            }
            entries.append(target(program.entry))
        }
        unretained = checks.map { Unmanaged.passUnretained($0) }
    }

    /// The number of 64-bit words of one memo bit set.
    var memoWords: Int { (memoSlots + 63) >> 6 }

    /// Runs the program of rule `rule`. `memo` holds two bit sets of ``memoWords`` words each, zeroed at the start
    /// of the event: which slots are known, and their results.
    @inline(__always)
    func evaluate(
        rule: Int,
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        _ scope: inout EvaluationScope,
        memo: UnsafeMutablePointer<UInt64>
    ) -> Bool {
        var pc = entries[rule]
        let words = memoWords
        return instructions.withUnsafeBufferPointer { code in
            unretained.withUnsafeBufferPointer { checks in
                while pc >= 0 {
                    let instruction = code[Int(pc)]
                    scope.checksRun += 1
                    let holds: Bool
                    if instruction.memo >= 0 {
                        let slot = Int(instruction.memo)
                        let word = slot >> 6
                        let bit: UInt64 = 1 << UInt64(slot & 63)
                        if memo[word] & bit != 0 {
                            holds = memo[words + word] & bit != 0
                        } else {
                            scope.checksComputed += 1
                            holds = checks[Int(instruction.check)]._withUnsafeGuaranteedRef {
                                $0.holds(event, table, &scope)
                            }
                            memo[word] |= bit
                            if holds { memo[words + word] |= bit }
                        }
                    } else {
                        scope.checksComputed += 1
                        holds = checks[Int(instruction.check)]._withUnsafeGuaranteedRef {
                            $0.holds(event, table, &scope)
                        }
                    }
                    pc = holds ? instruction.onTrue : instruction.onFalse
                }
                return pc == ConditionProgram.accept
            }
        }
    }
}
