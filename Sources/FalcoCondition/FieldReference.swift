/// A field as used in a condition: its name, optional argument, and the transformers applied to it.
///
/// `tolower(proc.aname[2])` is `FieldReference(name: "proc.aname", argument: "2", transformers: [.tolower])`.
public struct FieldReference: Hashable, Sendable, CustomStringConvertible {
    /// The dotted field name, e.g. `proc.aname`, `evt.arg.flags`, `container.label.x`.
    public var name: String
    /// The bracketed argument (`2` in `proc.aname[2]`, `HOME` in `proc.env[HOME]`), or nil.
    public var argument: String?
    /// Transformers, innermost (applied first) first.
    public var transformers: [FieldTransformer]

    /// Creates a field reference.
    public init(name: String, argument: String? = nil, transformers: [FieldTransformer] = []) {
        self.name = name
        self.argument = argument
        self.transformers = transformers
    }

    /// The canonical condition text of this reference, e.g. `tolower(proc.aname[2])`.
    public var description: String {
        var text = name
        if let argument {
            text +=
                "[" + (ConditionPrinter.isBareFieldArgument(argument) ? argument : ConditionPrinter.quoted(argument))
                + "]"
        }
        for transformer in transformers { text = transformer.rawValue + "(" + text + ")" }
        return text
    }
}
