import KubernetesAudit
import SecurityModel
import Testing

/// A fires / quiet pair for one best-practice check: two whole manifests and the expected finding.
struct BestPracticeCase: Sendable, CustomStringConvertible {
    var id: String
    var fires: String
    var quiet: String
    var fieldPath: String
    var container: String?
    var description: String { "\(id) \(fieldPath)" }
}

@Suite("Kubernetes best-practice checks")
struct BestPracticeCheckTests {
    /// A Deployment in namespace `ns` with one container `app` (YAML flow mapping `container`) and pod spec extras.
    static func deployment(_ container: String, pod: String = "", kind: String = "Deployment") -> String {
        """
        apiVersion: apps/v1
        kind: \(kind)
        metadata: {name: d, namespace: ns}
        spec:
          template:
            metadata: {labels: {app: d}}
            spec:
              \(pod.isEmpty ? "" : pod + "\n      ")containers: [\(container)]

        """
    }

    static let good =
        "{name: app, image: 'r.io/app:1.0@sha256:abc', imagePullPolicy: Always, "
        + "resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}}, "
        + "livenessProbe: {exec: {command: [true]}}, readinessProbe: {exec: {command: [true]}}, "
        + "securityContext: {readOnlyRootFilesystem: true, runAsUser: 10001, capabilities: {drop: [ALL]}}}"
    static let goodPod =
        "automountServiceAccountToken: false\n      securityContext: {seccompProfile: {type: RuntimeDefault}}"

    static func with(_ extra: String) -> String {
        String(good.dropLast()) + ", " + extra + "}"
    }

    static let c0 = "spec.template.spec.containers[0]"

    static let cases: [BestPracticeCase] = [
        BestPracticeCase(
            id: "K8S-BP-001",
            fires: deployment(
                good.replacing(
                    "requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}",
                    with: "requests: {memory: 64Mi}"
                ),
                pod: goodPod
            ),
            quiet: deployment(
                good.replacing(
                    "requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}",
                    with: "limits: {cpu: 1, memory: 1Gi}"
                ),
                pod: goodPod
            ),
            fieldPath: c0 + ".resources.requests.cpu",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-002",
            fires: deployment(
                good.replacing("limits: {cpu: 200m, memory: 128Mi}", with: "limits: {memory: 128Mi}"),
                pod: goodPod
            ),
            quiet: deployment(good, pod: goodPod),
            fieldPath: c0 + ".resources.limits.cpu",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-003",
            fires: deployment(
                good.replacing(
                    "requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}",
                    with: "requests: {cpu: 1}, limits: {cpu: 1}"
                ),
                pod: goodPod
            ),
            quiet: deployment(good, pod: goodPod),
            fieldPath: c0 + ".resources.requests.memory",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-004",
            fires: deployment(
                good.replacing("limits: {cpu: 200m, memory: 128Mi}", with: "limits: {cpu: 1}"),
                pod: goodPod
            ),
            quiet: deployment(good, pod: goodPod),
            fieldPath: c0 + ".resources.limits.memory",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-005",
            fires: deployment(good.replacing("livenessProbe: {exec: {command: [true]}}, ", with: ""), pod: goodPod),
            quiet: deployment(
                good.replacing("livenessProbe: {exec: {command: [true]}}, ", with: ""),
                pod: goodPod,
                kind: "Job"
            ),
            fieldPath: c0 + ".livenessProbe",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-006",
            fires: deployment(
                good.replacing("readinessProbe: {exec: {command: [true]}}, ", with: "readinessProbe: {}, "),
                pod: goodPod
            ),
            quiet: deployment(good, pod: goodPod),
            fieldPath: c0 + ".readinessProbe",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-007",
            fires: deployment(
                good.replacing(
                    "'r.io/app:1.0@sha256:abc', imagePullPolicy: Always",
                    with: "'r.io:5000/app', imagePullPolicy: Always"
                ),
                pod: goodPod
            ),
            quiet: deployment(good, pod: goodPod),
            fieldPath: c0 + ".image",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-008",
            fires: deployment(good.replacing("@sha256:abc", with: ""), pod: goodPod),
            quiet: deployment(good, pod: goodPod),
            fieldPath: c0 + ".image",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-009",
            fires: deployment(
                good.replacing("'r.io/app:1.0@sha256:abc', imagePullPolicy: Always", with: "'r.io/app:1.0'"),
                pod: goodPod
            ),
            quiet: deployment(
                good.replacing(
                    "'r.io/app:1.0@sha256:abc', imagePullPolicy: Always",
                    with: "'r.io/app:1.0', imagePullPolicy: Always"
                ),
                pod: goodPod
            ),
            fieldPath: c0 + ".imagePullPolicy",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-010",
            fires: deployment(
                good,
                pod:
                    "automountServiceAccountToken: true\n      securityContext: {seccompProfile: {type: RuntimeDefault}}"
            ),
            quiet: deployment(good, pod: goodPod),
            fieldPath: "spec.template.spec.automountServiceAccountToken"
        ),
        BestPracticeCase(
            id: "K8S-BP-012",
            fires: deployment(good, pod: goodPod).replacing(
                "metadata: {name: d, namespace: ns}",
                with: "metadata: {name: d}"
            ),
            quiet: deployment(good, pod: goodPod),
            fieldPath: "metadata.namespace"
        ),
        BestPracticeCase(
            id: "K8S-BP-013",
            fires: deployment(
                good,
                pod: goodPod + "\n      volumes: [{name: s, hostPath: {path: /var/run//docker.sock}}]"
            ),
            quiet: deployment(good, pod: goodPod + "\n      volumes: [{name: s, hostPath: {path: /var/run/app}}]"),
            fieldPath: "spec.template.spec.volumes[0].hostPath.path"
        ),
        BestPracticeCase(
            id: "K8S-BP-014",
            fires: deployment(
                good,
                pod: goodPod + "\n      volumes: [{name: a, emptyDir: {}}, {name: s, hostPath: {path: /etc/}}]"
            ),
            quiet: deployment(good, pod: goodPod + "\n      volumes: [{name: s, hostPath: {path: /etc/app}}]"),
            fieldPath: "spec.template.spec.volumes[1].hostPath.path"
        ),
        BestPracticeCase(
            id: "K8S-BP-015",
            fires: deployment(
                with("env: [{name: LOG_LEVEL, value: info}, {name: dbPassword, value: hunter22}]"),
                pod: goodPod
            ),
            quiet: deployment(
                with(
                    "env: [{name: PASSWORD_FILE, value: /run/pw}, {name: CACHE_KEY, value: abcdef}, {name: API_TOKEN, value: '$(TOKEN)'}]"
                ),
                pod: goodPod
            ),
            fieldPath: c0 + ".env[1].value",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-016",
            fires: deployment(with("envFrom: [{configMapRef: {name: c}}, {secretRef: {name: s}}]"), pod: goodPod),
            quiet: deployment(with("envFrom: [{configMapRef: {name: c}}]"), pod: goodPod),
            fieldPath: c0 + ".envFrom[1].secretRef",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-017",
            fires: deployment(
                good.replacing("readOnlyRootFilesystem: true", with: "readOnlyRootFilesystem: false"),
                pod: goodPod
            ),
            quiet: deployment(good, pod: goodPod),
            fieldPath: c0 + ".securityContext.readOnlyRootFilesystem",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-018",
            fires: deployment(good.replacing("runAsUser: 10001", with: "runAsUser: 1000"), pod: goodPod),
            quiet: deployment(
                good.replacing("runAsUser: 10001, ", with: ""),
                pod: goodPod + "\n      hostUsers: false"
            ),
            fieldPath: c0 + ".securityContext.runAsUser",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-019",
            fires: deployment(good.replacing("drop: [ALL]", with: "drop: [ALL], add: [CAP_NET_RAW]"), pod: goodPod),
            quiet: deployment(good.replacing("drop: [ALL]", with: "drop: [net_raw]"), pod: goodPod),
            fieldPath: c0 + ".securityContext.capabilities.drop",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-020",
            fires: deployment(good.replacing("drop: [ALL]", with: "drop: [NET_RAW]"), pod: goodPod),
            quiet: deployment(good.replacing("drop: [ALL]", with: "drop: [all]"), pod: goodPod),
            fieldPath: c0 + ".securityContext.capabilities.drop",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-021",
            fires: deployment(
                good,
                pod: "automountServiceAccountToken: false\n      securityContext: {runAsNonRoot: true}"
            ),
            quiet: deployment(
                good,
                pod: "automountServiceAccountToken: false\n      securityContext: {runAsNonRoot: true}"
            )
            .replacing(
                "metadata: {labels: {app: d}}",
                with: "metadata: {annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}}"
            ),
            fieldPath: "spec.template.spec.securityContext.seccompProfile.type"
        ),
        BestPracticeCase(
            id: "K8S-BP-022",
            fires: deployment(
                good.replacing("runAsUser: 10001", with: "runAsUser: 10001, seccompProfile: {type: RuntimeDefault}"),
                pod: "automountServiceAccountToken: false\n      securityContext: {}"
            ),
            quiet: deployment(good, pod: goodPod),
            fieldPath: "spec.template.spec.securityContext"
        ),
        BestPracticeCase(
            id: "K8S-BP-025",
            fires: deployment(good.replacing("r.io/app", with: "kubernetesui/dashboard"), pod: goodPod),
            quiet: deployment(good, pod: goodPod),
            fieldPath: c0 + ".image",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-026",
            fires: deployment(good.replacing("r.io/app", with: "gcr.io/kubernetes-helm/tiller"), pod: goodPod),
            quiet: deployment(good, pod: goodPod),
            fieldPath: c0 + ".image",
            container: "app"
        ),
        BestPracticeCase(
            id: "K8S-BP-027",
            fires: deployment(with("env: [{name: GITSYNC_GIT, value: /bin/sh}]"), pod: goodPod),
            quiet: deployment(with("env: [{name: GITSYNC_REPO, value: https://x}]"), pod: goodPod),
            fieldPath: c0 + ".env[0]",
            container: "app"
        ),
    ]

    static func objects(_ text: String, path: String = "t.yaml") -> [ManifestDocument] {
        KubernetesManifestLoader.load(text: text, path: path).compactMap { try? $0.get() }
    }

    static func check(_ id: String) throws -> any BestPracticeCheck {
        try #require(BestPracticeCatalogue.all.first { $0.descriptor.id == id })
    }

    @Test(arguments: cases)
    func checkFiresWithExactPathAndStaysQuiet(_ testCase: BestPracticeCase) throws {
        let check = try Self.check(testCase.id)
        let fired = check.check(all: Self.objects(testCase.fires))
        #expect(fired.count == 1, "\(fired.map(\.message))")
        let finding = try #require(fired.first)
        #expect(finding.ruleID == testCase.id)
        #expect(finding.location.fieldPath == testCase.fieldPath)
        #expect(finding.location.container == testCase.container)
        #expect(finding.location.file == "t.yaml")
        let lineCount = testCase.fires.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect((1...lineCount).contains(finding.location.range?.start.line ?? 0), "line inside the document")
        #expect(check.check(all: Self.objects(testCase.quiet)).isEmpty)
    }

    @Test func hardenedDeploymentHasNoBestPracticeFindingButTheNetworkPolicy() {
        let findings = BestPracticeCatalogue.check(Self.objects(Self.deployment(Self.good, pod: Self.goodPod)))
        #expect(findings.map(\.ruleID) == ["K8S-BP-024"])
        let withPolicy =
            Self.deployment(Self.good, pod: Self.goodPod)
            + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: ns}\n"
            + "spec: {podSelector: {}}\n"
        #expect(BestPracticeCatalogue.check(Self.objects(withPolicy)).isEmpty)
    }

    @Test func networkPolicyIsJudgedPerNamespaceOverTheWholeRun() {
        let run =
            Self.objects(Self.deployment(Self.good, pod: Self.goodPod), path: "a.yaml")
            + Self.objects(
                Self.deployment(Self.good, pod: Self.goodPod).replacing("namespace: ns", with: "namespace: other"),
                path: "b.yaml"
            )
            + Self.objects(
                "kind: NetworkPolicy\nmetadata: {name: deny, namespace: other}\nspec: {podSelector: {}}\n",
                path: "c.yaml"
            )
            + Self.objects(
                Self.deployment(Self.good, pod: Self.goodPod).replacing("name: d,", with: "name: e,"),
                path: "d.yaml"
            )
        let findings = NetworkPolicyMissing().check(all: run)
        #expect(findings.count == 1)
        #expect(findings.first?.location.file == "a.yaml")
        #expect(findings.first?.location.object == "Deployment/ns/d")
        #expect(findings.first?.message.contains("2 workload(s)") == true)
    }

    @Test func serviceAccountObjectsAreJudged() throws {
        let check = try Self.check("K8S-BP-011")
        let fires = Self.objects("kind: ServiceAccount\nmetadata: {name: default, namespace: ns}\n")
        let quiet = Self.objects(
            "kind: ServiceAccount\nmetadata: {name: default, namespace: ns}\nautomountServiceAccountToken: false\n"
                + "---\nkind: ServiceAccount\nmetadata: {name: app, namespace: ns}\n"
        )
        #expect(check.check(all: fires).map(\.location.fieldPath) == ["automountServiceAccountToken"])
        #expect(check.check(all: quiet).isEmpty)
    }

    @Test func defaultNamespaceExemptsWhatMustLiveThere() throws {
        let check = try Self.check("K8S-BP-012")
        let text = """
            kind: ServiceAccount
            metadata: {name: default}
            ---
            kind: Service
            metadata: {name: kubernetes, namespace: default}
            ---
            kind: Service
            metadata: {name: web, namespace: default}
            ---
            kind: ClusterRole
            metadata: {name: reader}
            """
        #expect(check.check(all: Self.objects(text)).map(\.location.object) == ["Service/default/web"])
    }

    @Test func cronJobFindingsGoThroughTheJobTemplate() throws {
        let text = Self.deployment(Self.good.replacing("readOnlyRootFilesystem: true", with: "privileged: false"))
            .replacing("kind: Deployment", with: "kind: CronJob")
            .replacing(
                "spec:\n  template:",
                with: "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n   spec:\n    template:"
            )
            .replacing("    metadata: {labels", with: "     metadata: {labels")
            .replacing("    spec:\n      containers", with: "     spec:\n      containers")
        let objects = Self.objects(text)
        #expect(objects.first?.workload != nil, "\(text)")
        let findings = try Self.check("K8S-BP-017").check(all: objects)
        #expect(
            findings.map(\.location.fieldPath) == [
                "spec.jobTemplate.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem"
            ]
        )
        // Probes are not expected of run-to-completion workloads.
        let noProbes = Self.objects(text.replacing("livenessProbe", with: "x").replacing("readinessProbe", with: "y"))
        #expect(try Self.check("K8S-BP-005").check(all: noProbes).isEmpty)
        let remediation = try #require(findings.first?.remediation)
        #expect(remediation.contains("jobTemplate"))
    }

    @Test func listItemsCarryTheItemsPrefix() throws {
        let text = """
            apiVersion: v1
            kind: List
            items:
            - kind: ConfigMap
              metadata: {name: c, namespace: ns}
            - kind: Pod
              metadata: {name: p, namespace: ns}
              spec:
                containers: [{name: a, image: x}, {name: b, image: 'y:1', securityContext: {readOnlyRootFilesystem: true}}]
            """
        let findings = try Self.check("K8S-BP-017").check(all: Self.objects(text))
        #expect(
            findings.map(\.location.fieldPath) == ["items[1].spec.containers[0].securityContext.readOnlyRootFilesystem"]
        )
        #expect(findings.map(\.location.object) == ["Pod/ns/p"])
        #expect(findings.map(\.location.container) == ["a"])
        let namespace = try Self.check("K8S-BP-012").check(
            all: Self.objects(text.replacing("namespace: ns}\n  spec", with: "}\n  spec"))
        )
        #expect(namespace.map(\.location.fieldPath) == ["items[1].metadata.namespace"])
    }

    @Test func initContainersAreJudgedButNotForProbes() throws {
        let text = Self.deployment(
            Self.good,
            pod: Self.goodPod + "\n      initContainers: [{name: init, image: 'i:1'}]"
        )
        let objects = Self.objects(text)
        let memory = try Self.check("K8S-BP-004").check(all: objects)
        #expect(memory.map(\.location.fieldPath) == ["spec.template.spec.initContainers[0].resources.limits.memory"])
        #expect(memory.map(\.location.container) == ["init"])
        #expect(try Self.check("K8S-BP-005").check(all: objects).isEmpty)
    }

    @Test func secretNamesAreRecognisedWithFewFalsePositives() {
        for name in [
            "DB_PASSWORD", "GITHUB_TOKEN", "client-secret", "AWS_SECRET_ACCESS_KEY", "apiKey", "API_KEY",
            "privateKey", "MYSQL_ROOT_PASSWD",
        ] {
            #expect(SecretInEnvValue.isSecretName(name), "\(name)")
        }
        for name in [
            "PASSWORD_FILE", "TOKEN_URL", "SECRET_NAME", "CACHE_KEY", "PARTITION_KEY", "KEY", "PATH",
            "SSH_KEY_PATH", "TOKENIZER",
        ] {
            #expect(!SecretInEnvValue.isSecretName(name), "\(name)")
        }
    }

    @Test func secretValuesAreNeverPrinted() throws {
        let text = Self.deployment(Self.with("env: [{name: DB_PASSWORD, value: s3cr3t-v4lue}]"))
        let finding = try #require(try Self.check("K8S-BP-015").check(all: Self.objects(text)).first)
        #expect(!finding.message.contains("s3cr3t"))
        #expect(!(finding.remediation ?? "").contains("s3cr3t"))
    }

    @Test func catalogueIdsAreUniqueOrderedAndDocumented() {
        let ids = BestPracticeCatalogue.descriptors.map(\.id)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(Set(BestPracticeCatalogue.descriptors.map(\.slug)).count == ids.count)
        for descriptor in BestPracticeCatalogue.descriptors {
            #expect(descriptor.id.hasPrefix("K8S-BP-"))
            #expect(!descriptor.remediation.isEmpty)
            #expect(descriptor.tags.contains("best-practice"))
        }
        // Each checkov id is claimed by at most one rule.
        let checkov = (BestPracticeCatalogue.descriptors + PodSecurityCatalogue.descriptors).flatMap(\.aliases)
            .filter { $0.hasPrefix("CKV_K8S_") }
        #expect(Set(checkov).count == checkov.count)
    }

    /// Findings point at the line of their field, or of the nearest field that exists when the finding is about
    /// a missing one; inside a List, at the item's own lines. (Line numbers counted by hand in the text.)
    @Test func findingsPointAtTheirFieldsLine() throws {
        let text = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: a, namespace: shop}
                spec:
                  containers:
                    - name: app
                      image: nginx:latest
                      securityContext:
                        readOnlyRootFilesystem: false
            """
        let objects = Self.objects(text)
        #expect(objects.first?.line == 4, "a List item starts at its own line")
        let tag = try #require(try Self.check("K8S-BP-007").check(all: objects).first)
        #expect(tag.location.fieldPath == "items[0].spec.containers[0].image")
        #expect(tag.location.range?.start.line == 10)
        let readOnly = try #require(try Self.check("K8S-BP-017").check(all: objects).first)
        #expect(readOnly.location.range?.start.line == 12)
        let cpu = try #require(try Self.check("K8S-BP-001").check(all: objects).first)
        #expect(cpu.location.fieldPath == "items[0].spec.containers[0].resources.requests.cpu")
        #expect(cpu.location.range?.start.line == 9, "missing resources: the container's line")
    }
}
