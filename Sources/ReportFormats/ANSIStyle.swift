/// An SGR terminal style. Applied only when colour output is requested.
public struct ANSIStyle: Sendable, Hashable {
    /// The SGR parameters, e.g. `1;91`.
    public let parameters: String

    public init(parameters: String) { self.parameters = parameters }

    public static let bold = ANSIStyle(parameters: "1")
    public static let dim = ANSIStyle(parameters: "2")
    public static let red = ANSIStyle(parameters: "31")
    public static let yellow = ANSIStyle(parameters: "33")
    public static let cyan = ANSIStyle(parameters: "36")
    public static let brightRedBold = ANSIStyle(parameters: "1;91")

    /// `text` wrapped in this style and a reset, or `text` unchanged when `enabled` is false.
    public func apply(_ text: String, enabled: Bool) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(parameters)m\(text)\u{1B}[0m"
    }
}
