public import FalcoRules

/// What ``RuleEngine`` did with each rule of its rule set.
public struct RuleLoadReport: Sendable, Hashable {
    /// A rule that was left out on purpose, with the reason.
    public struct Skipped: Sendable, Hashable, CustomStringConvertible {
        /// The rule's name.
        public var rule: String
        /// Where the rule is defined.
        public var origin: RuleOrigin
        /// Why it was skipped.
        public var reason: String
        /// The unknown fields, when that is the reason (`skip-if-unknown-filter`).
        public var unknownFields: [String]

        /// `file:line: rule 'name' skipped: reason`.
        public var description: String { "\(origin): rule '\(rule)' skipped: \(reason)" }
    }

    /// A rule whose condition could not be expanded or compiled.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        /// The rule's name.
        public var rule: String
        /// Where the rule is defined.
        public var origin: RuleOrigin
        /// What went wrong.
        public var message: String
        /// The unknown fields, when that is the error.
        public var unknownFields: [String]

        /// `file:line: rule 'name': message`.
        public var description: String { "\(origin): rule '\(rule)': \(message)" }
    }

    /// The names of the compiled rules, in file order.
    public var compiled: [String] = []
    /// Rules left out: unknown fields with `skip-if-unknown-filter`, or a source other than `syscall`.
    public var skipped: [Skipped] = []
    /// Rules whose condition failed to expand or compile.
    public var failures: [Failure] = []
    /// How many rules the options (priority, enabled, names, tags) left out.
    public var deselected = 0

    /// Creates an empty report.
    public init() {}

    /// Every unknown field reference among skipped and failed rules, sorted.
    public var unknownFields: [String] {
        Set(skipped.flatMap(\.unknownFields) + failures.flatMap(\.unknownFields)).sorted()
    }
}
