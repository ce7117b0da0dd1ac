import SecurityModel

extension RuleDescriptor {
    /// A descriptor for a CIS Docker Benchmark v1.6.0 section 5 check: id `CIS-DOCKER-<n>`, aliases the
    /// docker-bench id (`5_5`) and `CIS 5.5`, tags `container`, `cis:<n>`.
    static func cisDocker(
        _ number: String,
        slug: String,
        title: String,
        severity: Severity,
        remediation: String,
        tags: [String] = ["security"]
    ) -> RuleDescriptor {
        let bench = number.replacingDots()
        let isCommunity = number.hasPrefix("C.")
        return RuleDescriptor(
            id: "CIS-DOCKER-\(number)",
            slug: slug,
            aliases: [bench] + (isCommunity ? [] : ["CIS \(number)"]),
            title: title,
            severity: severity,
            remediation: remediation,
            references: [
                "docs/rules/CIS-DOCKER-\(number).md",
                "https://www.cisecurity.org/benchmark/docker",
                "https://github.com/docker/docker-bench-security",
            ],
            tags: ["container", isCommunity ? "docker-bench:\(bench)" : "cis:\(number)"] + tags
        )
    }
}

extension String {
    /// `5.5` → `5_5`, `C.5.3.1` → `c_5_3_1` (docker-bench check names).
    fileprivate func replacingDots() -> String {
        String(lowercased().map { $0 == "." ? "_" : $0 })
    }
}
