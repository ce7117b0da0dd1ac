import SecurityModel

extension RuleDescriptor {
    /// A descriptor for a CIS Docker Benchmark v1.6.0 daemon or host-file check: id `CIS-DOCKER-<n>`, aliases the
    /// docker-bench id (`2_2`) and `CIS 2.2`, tags `docker-host`, `cis:<n>`.
    static func cisDockerHost(
        _ number: String,
        slug: String,
        title: String,
        severity: Severity,
        remediation: String
    ) -> RuleDescriptor {
        RuleDescriptor(
            id: "CIS-DOCKER-\(number)",
            slug: slug,
            aliases: [String(number.map { $0 == "." ? "_" : $0 }), "CIS \(number)"],
            title: title,
            severity: severity,
            remediation: remediation,
            references: [
                "docs/rules/CIS-DOCKER-\(number).md",
                "https://www.cisecurity.org/benchmark/docker",
                "https://github.com/docker/docker-bench-security",
            ],
            tags: ["docker-host", "cis:\(number)", "security"]
        )
    }
}
