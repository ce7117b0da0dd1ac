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
        let (objects, errors) = partition(results)
        return audit(objects: objects, errors: errors, options: options)
    }

    /// The loaded objects and the per-document errors (as reportable target errors) of load results, in order.
    public static func partition(
        _ results: [Result<ManifestDocument, ManifestLoadError>]
    ) -> (objects: [ManifestDocument], errors: [TargetError]) {
        var objects: [ManifestDocument] = []
        var errors: [TargetError] = []
        for result in results {
            switch result {
            case .success(let object): objects.append(object)
            case .failure(let error): errors.append(error.targetError)
            }
        }
        return (objects, errors)
    }

    /// Audits loaded objects (`errors` are passed through into the result).
    public static func audit(
        objects: [ManifestDocument],
        errors: [TargetError] = [],
        options: KubernetesAuditOptions = KubernetesAuditOptions()
    ) -> KubernetesAuditResult {
        combine(
            units(objects: objects, options: options).map { $0() },
            objects: objects,
            errors: errors,
            options: options
        )
    }

    /// The audit of `objects` split into independent units of work — the PSS controls per slice of workloads and
    /// each best-practice check over all objects — so that a caller may run them in parallel; ``combine(_:objects:errors:options:)``
    /// joins their findings into the same result ``audit(objects:errors:options:)`` gives.
    public static func units(
        objects: [ManifestDocument],
        options: KubernetesAuditOptions = KubernetesAuditOptions()
    ) -> [@Sendable () -> [Finding]] {
        var units: [@Sendable () -> [Finding]] = []
        if let level = options.pssLevel {
            let workloads = objects.compactMap(\.workload)
            let version = options.pssVersion
            let sliceSize = 64
            for start in stride(from: 0, to: workloads.count, by: sliceSize) {
                let slice = Array(workloads[start..<min(start + sliceSize, workloads.count)])
                units.append {
                    slice.flatMap { PodSecurityCatalogue.check($0, level: level, version: version) }
                }
            }
        }
        if options.bestPractices {
            for check in BestPracticeCatalogue.all {
                units.append { check.check(all: objects) }
            }
        }
        return units
    }

    /// The result of an audit whose ``units(objects:options:)`` produced `findings`.
    public static func combine(
        _ findings: [[Finding]],
        objects: [ManifestDocument],
        errors: [TargetError] = [],
        options: KubernetesAuditOptions = KubernetesAuditOptions()
    ) -> KubernetesAuditResult {
        KubernetesAuditResult(
            findings: findings.flatMap { $0 }.sorted(by: order),
            errors: errors,
            rules: rules(options),
            objectCount: objects.count
        )
    }

    static func order(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if Finding.reportOrder(lhs, rhs) { return true }
        if Finding.reportOrder(rhs, lhs) { return false }
        let l = (lhs.location.object ?? "", lhs.location.fieldPath ?? "", lhs.message)
        let r = (rhs.location.object ?? "", rhs.location.fieldPath ?? "", rhs.message)
        return l < r
    }
}
