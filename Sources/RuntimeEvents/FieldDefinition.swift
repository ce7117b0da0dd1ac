/// A field the event model serves: its Falco name, type, argument and extractor.
public struct FieldDefinition: Sendable {
    /// The Falco field name without argument (`proc.aname`, `evt.arg`).
    public let name: String
    /// The type of its values.
    public let type: FieldType
    /// The argument it takes.
    public let argument: FieldArgument.Kind
    /// One line on what it returns.
    public let summary: String
    private let extractor: @Sendable (RuntimeEvent, ProcessTable, FieldArgument?) -> FieldValue?

    /// Creates a definition.
    public init(
        _ name: String,
        _ type: FieldType,
        argument: FieldArgument.Kind = .none,
        _ summary: String,
        extract: @escaping @Sendable (RuntimeEvent, ProcessTable, FieldArgument?) -> FieldValue?
    ) {
        self.name = name
        self.type = type
        self.argument = argument
        self.summary = summary
        extractor = extract
    }

    /// The value for `event` (ancestors and descriptors looked up in `table`), or nil when it cannot be
    /// extracted (printed `<NA>`; comparisons on it fail).
    public func extract(_ event: RuntimeEvent, _ table: ProcessTable, argument: FieldArgument? = nil) -> FieldValue? {
        extractor(event, table, argument)
    }
}
