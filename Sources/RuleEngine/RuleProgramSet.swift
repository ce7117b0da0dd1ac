import FalcoCondition
import RuntimeEvents

/// The conditions of all rules as one jump program over one table of distinct checks, for the engine's
/// per-event loop.
///
/// Equal leaves (same field, transformers, operator, modifier and value) compile to checks with equal results,
/// so they become one shared check. A check used by more than one instruction gets a memo slot: within one
/// event it runs at most once, however many rules ask (`spawned_process`, `container`, `open_read`…). Checks
/// are pure functions of the event and the process table, so sharing them changes no result.
final class RuleProgramSet: Sendable {
    struct Instruction: Sendable {
        /// Index into ``RuleProgramSet/checks``.
        var check: Int32
        /// Index of the check's memo slot, or -1 when the check is used once.
        var memo: Int32
        var onTrue: Int32
        var onFalse: Int32
    }

    /// All instructions of all rules; jump targets are indices here (or ``ConditionProgram/accept``/`reject`).
    let instructions: [Instruction]
    /// The first instruction of each rule (or `accept`/`reject` for a constant condition), by rule index.
    let entries: [Int32]
    /// The distinct checks, owned here.
    let checks: [Check]
    /// The same checks without reference counting, for the evaluation loop (kept alive by `checks`).
    private let unretained: [Unmanaged<Check>]
    /// The number of memo slots (checks used by more than one instruction).
    let memoSlots: Int
    /// The number of checks in the rules' own programs, before sharing.
    let totalChecks: Int
    /// The number of 64-bit words of one memo bit set.
    let memoWords: Int

    /// Joins `programs` (one per rule, in rule order).
    init(_ programs: [ConditionProgram]) {
        var instructions: [Instruction] = []
        var entries: [Int32] = []
        var checks: [Check] = []
        var totalChecks = 0
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
        memoWords = (slots + 63) >> 6
        self.totalChecks = totalChecks
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
        self.instructions = instructions
        self.entries = entries
        self.checks = checks
        unretained = checks.map { Unmanaged.passUnretained($0) }
    }

    /// Calls `body` with each candidate rule (index) whose condition holds for `event`, in order; only the first
    /// when `first`.
    func run(
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        candidates: [Int],
        first: Bool,
        _ statistics: inout RuleEngine.Statistics,
        _ body: (Int) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: RuleEngine.scratchBytes) { scratch in
            var scope = EvaluationScope(scratch: scratch)
            let words = memoWords
            // At least one word, so that the buffer has an address even without memo slots.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, 2 * words)) { memo in
                guard let base = memo.baseAddress else { return }
                base.initialize(repeating: 0, count: max(1, 2 * words))
                candidates.withUnsafeBufferPointer { candidates in
                    for index in candidates {
                        statistics.conditionsEvaluated += 1
                        guard evaluate(rule: index, event, table, &scope, memo: base) else { continue }
                        body(index)
                        if first { break }
                    }
                }
            }
            statistics.checksEvaluated += scope.checksRun
            statistics.checksComputed += scope.checksComputed
        }
    }

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
