import SecurityModel

extension RuleDescriptor {
    /// A descriptor of a Kubernetes best-practice check: id `K8S-BP-<nnn>`, tags `kubernetes`,
    /// `best-practice` plus `tags`.
    static func bestPractice(
        _ number: Int,
        slug: String,
        aliases: [String],
        title: String,
        severity: Severity,
        remediation: String,
        references: [String] = [],
        tags: [String] = []
    ) -> RuleDescriptor {
        let digits = String(number)
        let id = "K8S-BP-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return RuleDescriptor(
            id: id,
            slug: slug,
            aliases: aliases,
            title: title,
            severity: severity,
            remediation: remediation,
            references: ["docs/rules/\(id).md"] + references,
            tags: ["kubernetes", "best-practice"] + tags
        )
    }
}
