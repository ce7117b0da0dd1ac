import SecurityModel

extension RuleCatalogue {
    /// All rules, enabled or not by default, in id order.
    public static var all: [any DockerfileRule] {
        (instructionRules + shellRules + securityRules).sorted { $0.descriptor.id < $1.descriptor.id }
    }
}
