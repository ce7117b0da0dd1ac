public import SecurityModel

/// The pure core of `bulkhead audit k8s`: runs the Pod Security Standards controls and the best-practice checks
/// over every object loaded in one run.
public enum KubernetesAuditor {
    /// The rules active under `options`.
    public static func rules(_ options: KubernetesAuditOptions) -> [RuleDescriptor] {
        var rules: [RuleDescriptor] = []
        if let level = options.pssLevel {
            rules += PodSecurityCatalogue.controls(level: level, version: options.pssVersion).map(\.descriptor)
        }
        if options.bestPractices { rules += BestPracticeCatalogue.descriptors }
        return rules
    }

    /// Audits the load results of every file of one run (objects and per-document errors, in file order).
    public static func audit(
        _ results: [Result<ManifestDocument, ManifestLoadError>],
        options: KubernetesAuditOptions = KubernetesAuditOptions()
    ) -> KubernetesAuditResult {
        var objects: [ManifestDocument] = []
        var errors: [TargetError] = []
        for result in results {
            switch result {
            case .success(let object): objects.append(object)
            case .failure(let error): errors.append(error.targetError)
            }
        }
        return audit(objects: objects, errors: errors, options: options)
    }

    /// Audits `objects`, all loaded in one run; `errors` are passed through.
    public static func audit(
        objects: [ManifestDocument],
        errors: [TargetError] = [],
        options: KubernetesAuditOptions = KubernetesAuditOptions()
    ) -> KubernetesAuditResult {
        var findings: [Finding] = []
        if let level = options.pssLevel {
            for workload in objects.compactMap(\.workload) {
                findings += PodSecurityCatalogue.check(workload, level: level, version: options.pssVersion)
            }
        }
        if options.bestPractices { findings += BestPracticeCatalogue.check(objects) }
        return KubernetesAuditResult(
            findings: findings.sorted(by: order),
            errors: errors,
            rules: rules(options),
            objectCount: objects.count
        )
    }

    /// Report order, then object, field path and message, so that the output is deterministic.
    static func order(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if Finding.reportOrder(lhs, rhs) { return true }
        if Finding.reportOrder(rhs, lhs) { return false }
        let l = (lhs.location.object ?? "", lhs.location.fieldPath ?? "", lhs.message)
        let r = (rhs.location.object ?? "", rhs.location.fieldPath ?? "", rhs.message)
        return l < r
    }
}
