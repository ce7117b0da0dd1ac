/// What `bulkhead audit k8s` checks.
public struct KubernetesAuditOptions: Sendable, Hashable {
    /// The Pod Security Standards level enforced; nil for none.
    public var pssLevel: PSSLevel?
    /// The Pod Security Standards policy version.
    public var pssVersion: PSSVersion
    /// Whether the best-practice checks run.
    public var bestPractices: Bool

    /// Creates options; by default the restricted level at the latest version, with best practices.
    public init(pssLevel: PSSLevel? = .restricted, pssVersion: PSSVersion = .latest, bestPractices: Bool = true) {
        self.pssLevel = pssLevel
        self.pssVersion = pssVersion
        self.bestPractices = bestPractices
    }
}
