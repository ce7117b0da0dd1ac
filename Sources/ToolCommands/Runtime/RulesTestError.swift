/// A rule test file that cannot be used: unreadable, not a list of cases, a bad event or an unknown rule.
struct RulesTestError: Error {
    /// `file:line: what is wrong`.
    var message: String

    init(_ message: String) { self.message = message }
}
