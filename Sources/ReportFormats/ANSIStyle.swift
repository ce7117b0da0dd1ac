/// An SGR terminal style. Applied only when colour output is requested.
struct ANSIStyle: Sendable, Hashable {
    /// The SGR parameters, e.g. `1;91`.
    let parameters: String

    static let bold = ANSIStyle(parameters: "1")
    static let dim = ANSIStyle(parameters: "2")
    static let red = ANSIStyle(parameters: "31")
    static let yellow = ANSIStyle(parameters: "33")
    static let cyan = ANSIStyle(parameters: "36")
    static let brightRedBold = ANSIStyle(parameters: "1;91")

    /// `text` wrapped in this style and a reset, or `text` unchanged when `enabled` is false.
    func apply(_ text: String, enabled: Bool) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(parameters)m\(text)\u{1B}[0m"
    }
}
