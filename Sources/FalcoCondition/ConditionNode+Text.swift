extension ConditionNode: CustomStringConvertible {
    /// The canonical condition text (see ``ConditionPrinter``).
    public var description: String { ConditionPrinter.text(of: self) }
}
