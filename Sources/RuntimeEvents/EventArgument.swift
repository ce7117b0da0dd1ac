/// One named argument of an event (`evt.arg.<name>`), in the order the sensor reported it.
public struct EventArgument: Sendable, Hashable {
    /// The argument name (`fd`, `name`, `flags`, `tuple`…).
    public var name: String
    /// Its typed value.
    public var value: ArgumentValue

    /// Creates an argument.
    public init(_ name: String, _ value: ArgumentValue) {
        self.name = name
        self.value = value
    }
}
