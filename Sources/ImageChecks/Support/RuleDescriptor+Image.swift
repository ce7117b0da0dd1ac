import SecurityModel

extension RuleDescriptor {
    /// A descriptor for an image check: dockle id and CIS number become aliases (`CIS-DI-0001`, `CIS 4.1`),
    /// tags always start with `image` and get `cis:<n>` and `dockle:<id>` entries, and references point at
    /// the rule's page and at dockle's checkpoint list.
    static func image(
        id: String,
        slug: String,
        title: String,
        severity: Severity,
        dockle: String? = nil,
        cis: String? = nil,
        remediation: String,
        tags: [String],
        references: [String] = [],
        version: Int = 1
    ) -> RuleDescriptor {
        var aliases: [String] = []
        var allTags = ["image"]
        var refs = ["docs/rules/\(id).md"]
        if let dockle {
            aliases.append(dockle)
            allTags.append("dockle:\(dockle)")
            refs.append("https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#\(dockle.lowercased())")
        }
        if let cis {
            aliases.append("CIS \(cis)")
            allTags.append("cis:\(cis)")
        }
        return RuleDescriptor(
            id: id,
            slug: slug,
            aliases: aliases,
            title: title,
            severity: severity,
            remediation: remediation,
            references: refs + references,
            tags: allTags + tags,
            version: version
        )
    }
}
