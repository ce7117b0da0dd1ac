public import SecurityModel

/// The explicit catalogue of Kubernetes best-practice checks.
///
/// checkov Kubernetes checks deliberately left out (see docs/audit-compat.md#kubernetes-checkov): the PodSecurityPolicy checks
/// CKV_K8S_1–7, 24, 32, 36 (PSP was removed in Kubernetes 1.25), the control-plane flag checks CKV_K8S_68–151
/// (they read kube-apiserver/etcd/kubelet command lines: a node benchmark, not a workload audit), the RBAC checks
/// CKV_K8S_42, 49, 155–158 and the CKV2 graph checks (RBAC analysis is not part of `audit k8s`), the Tiller
/// Service/listener checks CKV_K8S_44–45 and the ingress-nginx snippet checks CKV_K8S_152–154. CKV_K8S_16–20,
/// 23, 25, 26 and 39 are covered by the Pod Security Standards controls.
public enum BestPracticeCatalogue {
    /// Every check, in id order.
    public static let all: [any BestPracticeCheck] =
        ResourceSetting.all.map { $0 as any BestPracticeCheck } + [MissingProbe.liveness, MissingProbe.readiness] + [
            ImageTagNotFixed(), ImageNotPinnedByDigest(), ImagePullPolicyNotAlways(), ServiceAccountTokenMounted(),
            DefaultServiceAccountToken(), DefaultNamespace(), DockerSocketVolume(), SensitiveHostPath(),
            SecretInEnvValue(), SecretFromEnvironment(), ReadOnlyRootFilesystem(), LowUserID(), NetRawCapability(),
            CapabilitiesNotDropped(), SeccompProfileNotSet(), PodSecurityContextMissing(),
            ContainerSecurityContextMissing(), NetworkPolicyMissing(), KubernetesDashboard(), TillerDeployed(),
            GitSyncExecHook(),
        ]

    /// The descriptors of every check.
    public static var descriptors: [RuleDescriptor] { all.map(\.descriptor) }

    /// Runs every check over the objects of one run.
    public static func check(_ objects: [ManifestDocument]) -> [Finding] {
        all.flatMap { $0.check(all: objects) }
    }
}
