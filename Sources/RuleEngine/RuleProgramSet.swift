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

    /// The program for the events of one type: the checks on `evt.type` alone are answered when the engine is
    /// built, so none of them runs per event, and the rules they reject for this type are left out.
    final class TypeProgram: Sendable {
        /// The rules (indices into the engine's rules) whose condition can hold for this type, in order.
        let rules: [Int32]
        /// The first instruction of each rule in ``rules`` (or `accept`/`reject`), in ``instructions``.
        let entries: [Int32]
        /// The instructions reachable from ``entries``, with jumps through the answered checks resolved.
        let instructions: [Instruction]
        /// The number of candidate rules before the answered checks removed some (for the statistics).
        let candidateCount: Int

        init(rules: [Int32], entries: [Int32], instructions: [Instruction], candidateCount: Int) {
            self.rules = rules
            self.entries = entries
            self.instructions = instructions
            self.candidateCount = candidateCount
        }
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
    /// The position in ``typePrograms`` of each event type that has candidate rules.
    private let typeIndex: [EventType: Int]
    /// The same positions by ``ordinal(of:)`` (-1: no candidates), when ``ordinalsAreCaseIndices``.
    private let typeIndexByOrdinal: [Int32]
    /// True when ``ordinal(of:)`` gives each event type's position in `EventType.allCases` (a one-byte enum),
    /// checked at `init`; otherwise ``typeIndex`` is used.
    private let ordinalsAreCaseIndices: Bool
    /// The specialised program of each event type in ``typeIndex``.
    private let typePrograms: [TypeProgram]
    /// The same programs without reference counting, for the evaluation loop (kept alive by `typePrograms`).
    private let unretainedTypePrograms: [Unmanaged<TypeProgram>]

    /// Joins `programs` (one per rule, in rule order); `candidates` lists the rules (indices) to run per event
    /// type, for which a specialised program is made.
    init(_ programs: [ConditionProgram], candidates: [EventType: [Int]] = [:]) {
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
        var typeIndex: [EventType: Int] = [:]
        var typePrograms: [TypeProgram] = []
        for type in EventType.allCases {
            guard let rules = candidates[type], !rules.isEmpty else { continue }
            typeIndex[type] = typePrograms.count
            typePrograms.append(
                Self.specialized(
                    for: type,
                    candidates: rules,
                    instructions: instructions,
                    entries: entries,
                    checks: checks
                )
            )
        }
        self.typeIndex = typeIndex
        let cases = EventType.allCases
        ordinalsAreCaseIndices =
            MemoryLayout<EventType>.size == 1 && cases.count <= 256
            && cases.enumerated().allSatisfy { Self.ordinal(of: $0.element) == $0.offset }
        typeIndexByOrdinal = cases.map { Int32(typeIndex[$0] ?? -1) }
        self.typePrograms = typePrograms
        unretainedTypePrograms = typePrograms.map { Unmanaged.passUnretained($0) }
    }

    /// The first byte of `type`'s representation: its case index for a one-byte enum (checked at `init` before use),
    /// read without hashing.
    @inline(__always)
    static func ordinal(of type: EventType) -> Int { withUnsafeBytes(of: type) { Int($0[0]) } }

    /// Calls `body` with each rule (index) whose condition holds for `event`, among the candidates of its type
    /// given at `init`, in order; only the first when `first`. Returns false when the type has no candidates.
    @discardableResult
    func run(
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        first: Bool,
        _ statistics: inout RuleEngine.Statistics,
        _ body: (Int) -> Void
    ) -> Bool {
        let index: Int
        if ordinalsAreCaseIndices {
            let ordinal = Self.ordinal(of: event.type)
            guard ordinal < typeIndexByOrdinal.count, typeIndexByOrdinal[ordinal] >= 0 else { return false }
            index = Int(typeIndexByOrdinal[ordinal])
        } else {
            guard let found = typeIndex[event.type] else { return false }
            index = found
        }
        unretainedTypePrograms[index]._withUnsafeGuaranteedRef { program in
            run(event, table, program: program, first: first, &statistics, body)
        }
        return true
    }

    /// The result of check `check` for every event of type `type`, when it depends on the type alone (a byte
    /// comparison on `evt.type`); nil otherwise.
    static func answer(_ check: Check, for type: EventType) -> Bool? {
        guard check.kind == .text, check.field == .eventType, let matcher = check.matcher else { return nil }
        // Exactly what `Check.holds` computes for `.text` on `.eventType` (undecided bytes are not answered).
        return EvaluationScope.withBytes(type.rawValue) { matcher.match($0) }
    }

    /// The program for events of type `type` over `candidates` (rule indices, in order), from the joined
    /// `instructions`, `entries` and `checks`.
    static func specialized(
        for type: EventType,
        candidates: [Int],
        instructions: [Instruction],
        entries allEntries: [Int32],
        checks: [Check]
    ) -> TypeProgram {
        var answers: [Bool?] = checks.map { Self.answer($0, for: type) }
        // Follows the jumps through answered instructions (targets always lie before their instruction, so
        // this ends; the bound is a guard all the same).
        func resolve(_ target: Int32) -> Int32 {
            var pc = target
            var steps = 0
            while pc >= 0, steps <= instructions.count {
                let instruction = instructions[Int(pc)]
                guard let answer = answers[Int(instruction.check)] else { return pc }
                pc = answer ? instruction.onTrue : instruction.onFalse
                steps += 1
            }
            return pc
        }
        var rules: [Int32] = []
        var entries: [Int32] = []
        for rule in candidates {
            let entry = resolve(allEntries[rule])
            guard entry != ConditionProgram.reject else { continue }
            rules.append(Int32(rule))
            entries.append(entry)
        }
        // The reachable instructions, renumbered in their original order (which keeps jumps pointing back).
        var reachable = [Bool](repeating: false, count: instructions.count)
        var stack = entries.filter { $0 >= 0 }
        while let pc = stack.popLast() {
            guard !reachable[Int(pc)] else { continue }
            reachable[Int(pc)] = true
            let instruction = instructions[Int(pc)]
            for target in [resolve(instruction.onTrue), resolve(instruction.onFalse)] where target >= 0 {
                stack.append(target)
            }
        }
        var renumbered = [Int32](repeating: -1, count: instructions.count)
        var kept: [Instruction] = []
        for (index, isReachable) in reachable.enumerated() where isReachable {
            renumbered[index] = Int32(kept.count)
            kept.append(instructions[index])
        }
        func mapped(_ target: Int32) -> Int32 {
            let resolved = resolve(target)
            return resolved >= 0 ? renumbered[Int(resolved)] : resolved
        }
        for index in kept.indices {
            kept[index].onTrue = mapped(kept[index].onTrue)
            kept[index].onFalse = mapped(kept[index].onFalse)
        }
        answers = []
        return TypeProgram(
            rules: rules,
            entries: entries.map { $0 >= 0 ? renumbered[Int($0)] : $0 },
            instructions: kept,
            candidateCount: candidates.count
        )
    }

    /// Calls `body` with each rule (index) of `program` whose condition holds for `event` (of the program's type),
    /// in order; only the first when `first`.
    func run(
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        program: TypeProgram,
        first: Bool,
        _ statistics: inout RuleEngine.Statistics,
        _ body: (Int) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: RuleEngine.scratchBytes) { scratch in
            var scope = EvaluationScope(scratch: scratch)
            // Counted in locals (registers), not in `scope`, which every check may change.
            var checksRun = 0
            var checksComputed = 0
            // One byte per memo slot (0: not computed yet, 1: false, 2: true): a hit is one load and one compare.
            // At least one byte, so that the buffer has an address even without memo slots.
            let slots = max(1, memoSlots)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: slots) { memo in
                guard let base = memo.baseAddress else { return }
                base.initialize(repeating: 0, count: slots)
                program.instructions.withUnsafeBufferPointer { code in
                    program.entries.withUnsafeBufferPointer { entries in
                        unretained.withUnsafeBufferPointer { checks in
                            for position in entries.indices {
                                guard
                                    evaluate(
                                        entry: entries[position],
                                        code,
                                        checks,
                                        event,
                                        table,
                                        &scope,
                                        memo: base,
                                        run: &checksRun,
                                        computed: &checksComputed
                                    )
                                else { continue }
                                body(Int(program.rules[position]))
                                if first {
                                    statistics.conditionsEvaluated += position + 1
                                    return
                                }
                            }
                            statistics.conditionsEvaluated += entries.count
                        }
                    }
                }
            }
            statistics.checksEvaluated += checksRun
            statistics.checksComputed += checksComputed
        }
    }

    /// Runs the instructions of `code` from `entry`. `memo` holds one byte per memo slot, zeroed at the start of the
    /// event: 0 while the slot's check was not computed, then 1 (false) or 2 (true).
    @inline(__always)
    func evaluate(
        entry: Int32,
        _ code: UnsafeBufferPointer<Instruction>,
        _ checks: UnsafeBufferPointer<Unmanaged<Check>>,
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        _ scope: inout EvaluationScope,
        memo: UnsafeMutablePointer<UInt8>,
        run: inout Int,
        computed: inout Int
    ) -> Bool {
        var pc = entry
        while pc >= 0 {
            let instruction = code[Int(pc)]
            run &+= 1
            let holds: Bool
            if instruction.memo >= 0 {
                let slot = Int(instruction.memo)
                let known = memo[slot]
                if known != 0 {
                    holds = known == 2
                } else {
                    computed &+= 1
                    holds = checks[Int(instruction.check)]._withUnsafeGuaranteedRef { $0.holds(event, table, &scope) }
                    memo[slot] = holds ? 2 : 1
                }
            } else {
                computed &+= 1
                holds = checks[Int(instruction.check)]._withUnsafeGuaranteedRef { $0.holds(event, table, &scope) }
            }
            pc = holds ? instruction.onTrue : instruction.onFalse
        }
        return pc == ConditionProgram.accept
    }
}
