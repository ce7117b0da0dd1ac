/// A parsed condition.
///
/// `and`/`or` are n-ary: `a and b and c` is one `.and` with three operands; explicit parentheses
/// around a nested `and` inside an `and` keep it nested. Parentheses otherwise leave no trace.
public indirect enum ConditionNode: Hashable, Sendable {
    /// All operands hold (two or more).
    case and([ConditionNode])
    /// At least one operand holds (two or more).
    case or([ConditionNode])
    /// The operand does not hold.
    case not(ConditionNode)
    /// A binary comparison.
    case comparison(Comparison)
    /// `field exists`: the field has a value.
    case exists(FieldReference)
    /// A bare identifier naming a macro, to be replaced by its condition.
    case macroReference(String)
}
