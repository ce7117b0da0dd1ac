public import SecurityModel

/// One Kubernetes best-practice check: a small pure value that looks at one loaded object, or (for checks
/// that need the whole run, such as a missing NetworkPolicy) at every object of the run.
public protocol BestPracticeCheck: Sendable {
    /// Identity (`K8S-BP-001`), default severity, aliases (checkov `CKV_K8S_10`, trivy `KSV015`, kube-linter
    /// check names) and texts.
    var descriptor: RuleDescriptor { get }
    /// The findings for one object.
    func check(_ object: ManifestDocument) -> [Finding]
    /// The findings for every object of one run; by default the union of ``check(_:)`` over `objects`.
    func check(all objects: [ManifestDocument]) -> [Finding]
}

extension BestPracticeCheck {
    /// Runs ``check(_:)`` on every object.
    public func check(all objects: [ManifestDocument]) -> [Finding] {
        objects.flatMap { check($0) }
    }

    /// Checks that only judge whole runs report nothing per object.
    public func check(_ object: ManifestDocument) -> [Finding] { [] }
}

/// A best-practice check judged one container at a time (checkov's container checks).
public protocol ContainerBestPracticeCheck: BestPracticeCheck {
    /// The container lists read: `containers` and `initContainers` unless the check says otherwise.
    var containerLists: [String] { get }
    /// The workload kinds judged; nil for every workload kind.
    var kinds: Set<String>? { get }
    /// The finding for one container, or nil when it is fine.
    func check(_ container: PodView.Container, in pod: PodView) -> Finding?
}

extension ContainerBestPracticeCheck {
    /// `containers` and `initContainers`, as checkov reads them.
    public var containerLists: [String] { ["containers", "initContainers"] }
    /// Every workload kind.
    public var kinds: Set<String>? { nil }

    /// One finding per offending container of a workload; nothing for other objects.
    public func check(_ object: ManifestDocument) -> [Finding] {
        guard let workload = object.workload, kinds?.contains(workload.kind) ?? true else { return [] }
        let pod = PodView(workload)
        return pod.containers(in: containerLists).compactMap { check($0, in: pod) }
    }
}
