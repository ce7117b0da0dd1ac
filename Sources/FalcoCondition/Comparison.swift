/// A binary check: `field operator [modifier] value`.
public struct Comparison: Hashable, Sendable {
    /// The left-hand field (with any transformers).
    public var field: FieldReference
    /// The operator.
    public var comparisonOperator: ComparisonOperator
    /// An `oneof`/`anyof`/`allof` modifier after a string operator, or nil.
    public var modifier: ListModifier?
    /// The right-hand side.
    public var value: ConditionValue

    /// Creates a comparison.
    public init(
        field: FieldReference,
        comparisonOperator: ComparisonOperator,
        modifier: ListModifier? = nil,
        value: ConditionValue
    ) {
        self.field = field
        self.comparisonOperator = comparisonOperator
        self.modifier = modifier
        self.value = value
    }
}
