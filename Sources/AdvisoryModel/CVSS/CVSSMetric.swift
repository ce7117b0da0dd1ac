/// One `NAME:VALUE` component of a CVSS vector, for example `AV:N`.
public struct CVSSMetric: Sendable, Hashable, CustomStringConvertible {
    /// The metric abbreviation as the specification spells it (`AV`, `Au`, `MSI`).
    public let name: String
    /// The value abbreviation (`N`, `POC`, `Green`).
    public let value: String

    /// Creates a metric.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `NAME:VALUE`.
    public var description: String { "\(name):\(value)" }
}
