/// A field reference from a rule (`proc.aname[2]`, `evt.arg.flags`) resolved to its definition and argument.
public struct BoundField: Sendable {
    /// The field.
    public let definition: FieldDefinition
    /// The argument from the reference, if any.
    public let argument: FieldArgument?

    /// Binds a definition and an argument.
    public init(definition: FieldDefinition, argument: FieldArgument?) {
        self.definition = definition
        self.argument = argument
    }

    /// The value for `event`, or nil.
    public func extract(_ event: RuntimeEvent, _ table: ProcessTable) -> FieldValue? {
        definition.extract(event, table, argument: argument)
    }
}
