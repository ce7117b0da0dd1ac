/// The macros and lists expanded so far in one expansion (or one batch), with their errors.
struct ExpansionMemo {
    var macros: [String: Result<ExpandedNode, ConditionError>] = [:]
    var lists: [String: Result<[ConditionValue], ConditionError>] = [:]
}
