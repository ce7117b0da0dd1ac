import KubernetesAudit
import SecurityModel
import Testing

/// A fires / does-not-fire pair for one control: two pod specs (YAML flow style) and the expected field path.
struct ControlCase: Sendable, CustomStringConvertible {
    var checkID: String
    var fires: String
    var quiet: String
    var fieldPath: String
    var container: String?
    var description: String { checkID }
}

@Suite("Pod Security Standards controls")
struct PodSecurityControlTests {
    static let restrictedContainer =
        "{name: app, image: i, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}"
    static let restrictedPod = "securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}"

    static func workload(_ spec: String, kind: String = "Deployment", annotations: String = "{}") throws -> Workload {
        let text: String
        if kind == "Pod" {
            text = "kind: Pod\nmetadata: {name: p, annotations: \(annotations)}\nspec:\n\(indent(spec, 2))\n"
        } else {
            text =
                "kind: \(kind)\nmetadata: {name: d, namespace: ns}\nspec:\n  template:\n"
                + "    metadata: {annotations: \(annotations)}\n    spec:\n\(indent(spec, 6))\n"
        }
        let results = KubernetesManifestLoader.load(text: text, path: "t.yaml")
        return try #require(KubernetesManifestLoader.workloads(in: results).first)
    }

    static func indent(_ text: String, _ n: Int) -> String {
        text.split(separator: "\n").map { String(repeating: " ", count: n) + $0 }.joined(separator: "\n")
    }

    static func control(_ checkID: String) throws -> any PodSecurityControl {
        try #require(PodSecurityCatalogue.all.first { $0.checkID == checkID })
    }

    static func spec(containers: String, pod: String = restrictedPod) -> String {
        "\(pod)\ncontainers: [\(containers)]"
    }

    static let c = restrictedContainer
    static let cases: [ControlCase] = [
        ControlCase(
            checkID: "windowsHostProcess",
            fires: spec(containers: "{name: app, securityContext: {windowsOptions: {hostProcess: true}}}"),
            quiet: spec(containers: "{name: app, securityContext: {windowsOptions: {hostProcess: false}}}"),
            fieldPath: "spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess",
            container: "app"
        ),
        ControlCase(
            checkID: "hostNamespaces",
            fires: "hostPID: true\n" + spec(containers: c),
            quiet: "hostPID: false\nhostNetwork: false\n" + spec(containers: c),
            fieldPath: "spec.template.spec.hostPID"
        ),
        ControlCase(
            checkID: "privileged",
            fires: spec(containers: "\(c), {name: side, securityContext: {privileged: true}}"),
            quiet: spec(containers: "{name: side, securityContext: {privileged: false}}"),
            fieldPath: "spec.template.spec.containers[1].securityContext.privileged",
            container: "side"
        ),
        ControlCase(
            checkID: "capabilities_baseline",
            fires: spec(containers: "{name: app, securityContext: {capabilities: {add: [CHOWN, SYS_ADMIN]}}}"),
            quiet: spec(containers: "{name: app, securityContext: {capabilities: {add: [CHOWN, NET_BIND_SERVICE]}}}"),
            fieldPath: "spec.template.spec.containers[0].securityContext.capabilities.add[1]",
            container: "app"
        ),
        ControlCase(
            checkID: "hostPathVolumes",
            fires: spec(containers: c) + "\nvolumes: [{name: v, emptyDir: {}}, {name: h, hostPath: {path: /etc}}]",
            quiet: spec(containers: c) + "\nvolumes: [{name: v, emptyDir: {}}]",
            fieldPath: "spec.template.spec.volumes[1].hostPath"
        ),
        ControlCase(
            checkID: "hostPorts",
            fires: spec(containers: "{name: app, ports: [{containerPort: 80, hostPort: 8080}]}"),
            quiet: spec(containers: "{name: app, ports: [{containerPort: 80, hostPort: 0}, {containerPort: 81}]}"),
            fieldPath: "spec.template.spec.containers[0].ports[0].hostPort",
            container: "app"
        ),
        ControlCase(
            checkID: "hostProbesAndHostLifecycle",
            fires: spec(containers: "{name: app, livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}}"),
            quiet: spec(containers: "{name: app, livenessProbe: {httpGet: {host: '', port: 80}}}"),
            fieldPath: "spec.template.spec.containers[0].livenessProbe.httpGet.host",
            container: "app"
        ),
        ControlCase(
            checkID: "appArmorProfile",
            fires: spec(containers: "{name: app, securityContext: {appArmorProfile: {type: Unconfined}}}"),
            quiet: spec(containers: "{name: app, securityContext: {appArmorProfile: {type: RuntimeDefault}}}"),
            fieldPath: "spec.template.spec.containers[0].securityContext.appArmorProfile.type",
            container: "app"
        ),
        ControlCase(
            checkID: "seLinuxOptions",
            fires: "securityContext: {seLinuxOptions: {type: spc_t}}\ncontainers: [\(c)]",
            quiet: "securityContext: {seLinuxOptions: {type: container_t}}\ncontainers: [\(c)]",
            fieldPath: "spec.template.spec.securityContext.seLinuxOptions.type"
        ),
        ControlCase(
            checkID: "procMount_baseline",
            fires: spec(containers: "{name: app, securityContext: {procMount: Unmasked}}"),
            quiet: spec(containers: "{name: app, securityContext: {procMount: Default}}"),
            fieldPath: "spec.template.spec.containers[0].securityContext.procMount",
            container: "app"
        ),
        ControlCase(
            checkID: "seccompProfile_baseline",
            fires: "securityContext: {seccompProfile: {type: Unconfined}}\ncontainers: [\(c)]",
            quiet: "securityContext: {seccompProfile: {type: Localhost}}\ncontainers: [\(c)]",
            fieldPath: "spec.template.spec.securityContext.seccompProfile.type"
        ),
        ControlCase(
            checkID: "sysctls",
            fires:
                "securityContext: {sysctls: [{name: kernel.shm_rmid_forced, value: '0'}, {name: kernel.msgmax, value: '1'}]}\ncontainers: [\(c)]",
            quiet: "securityContext: {sysctls: [{name: net.ipv4.tcp_syncookies, value: '1'}]}\ncontainers: [\(c)]",
            fieldPath: "spec.template.spec.securityContext.sysctls[1].name"
        ),
        ControlCase(
            checkID: "restrictedVolumes",
            fires: spec(containers: c) + "\nvolumes: [{name: n, nfs: {server: s, path: /}}]",
            quiet: spec(containers: c)
                + "\nvolumes: [{name: s, secret: {secretName: x}}, {name: p, projected: {sources: []}}]",
            fieldPath: "spec.template.spec.volumes[0].nfs"
        ),
        ControlCase(
            checkID: "allowPrivilegeEscalation",
            fires: spec(containers: "{name: app, securityContext: {capabilities: {drop: [ALL]}}}"),
            quiet: spec(containers: c),
            fieldPath: "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
            container: "app"
        ),
        ControlCase(
            checkID: "runAsNonRoot",
            fires: spec(containers: c, pod: "securityContext: {seccompProfile: {type: RuntimeDefault}}"),
            quiet: spec(
                containers: "{name: app, securityContext: {runAsNonRoot: true}}",
                pod: "securityContext: {seccompProfile: {type: RuntimeDefault}}"
            ),
            fieldPath: "spec.template.spec.containers[0].securityContext.runAsNonRoot",
            container: "app"
        ),
        ControlCase(
            checkID: "runAsUser",
            fires: spec(containers: "{name: app, securityContext: {runAsUser: 0}}"),
            quiet: spec(containers: "{name: app, securityContext: {runAsUser: 1000}}"),
            fieldPath: "spec.template.spec.containers[0].securityContext.runAsUser",
            container: "app"
        ),
        ControlCase(
            checkID: "seccompProfile_restricted",
            fires: spec(containers: c, pod: "securityContext: {runAsNonRoot: true}"),
            quiet: spec(
                containers: "{name: app, securityContext: {seccompProfile: {type: RuntimeDefault}}}",
                pod: "securityContext: {runAsNonRoot: true}"
            ),
            fieldPath: "spec.template.spec.containers[0].securityContext.seccompProfile.type",
            container: "app"
        ),
        ControlCase(
            checkID: "capabilities_restricted",
            fires: spec(containers: "{name: app, securityContext: {capabilities: {drop: [NET_RAW]}}}"),
            quiet: spec(
                containers: "{name: app, securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}}"
            ),
            fieldPath: "spec.template.spec.containers[0].securityContext.capabilities.drop",
            container: "app"
        ),
    ]

    @Test(arguments: cases)
    func controlFiresWithExactPath(_ testCase: ControlCase) throws {
        let control = try Self.control(testCase.checkID)
        let findings = control.check(PodView(try Self.workload(testCase.fires)), version: .latest)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.ruleID == control.descriptor.id)
        #expect(finding.aliases.first == testCase.checkID)
        #expect(finding.location.fieldPath == testCase.fieldPath)
        #expect(finding.location.container == testCase.container)
        #expect(finding.location.object == "Deployment/ns/d")
        #expect(finding.location.file == "t.yaml")
        #expect(finding.remediation?.contains(":") == true)
    }

    @Test(arguments: cases)
    func controlIsQuietOnCompliantSpec(_ testCase: ControlCase) throws {
        let control = try Self.control(testCase.checkID)
        #expect(control.check(PodView(try Self.workload(testCase.quiet)), version: .latest).isEmpty)
    }

    @Test func catalogueCoversEveryControlWithUniqueIDs() {
        let ids = PodSecurityCatalogue.all.map(\.descriptor.id)
        #expect(Set(ids).count == 18)
        #expect(Set(PodSecurityCatalogue.all.map(\.checkID)) == Set(Self.cases.map(\.checkID)))
        #expect(ids.contains("K8S-PSS-B-PRIVILEGED"))
        #expect(Set(PodSecurityCatalogue.all.map(\.descriptor.slug)).count == 18)
        #expect(PodSecurityCatalogue.all.contains { $0.descriptor.slug == "restricted-seccomp" })
        #expect(PodSecurityCatalogue.all.allSatisfy { $0.descriptor.remediation.contains("\n") })
    }

    @Test func versionGatesAndOverrides() {
        let latestRestricted = Set(PodSecurityCatalogue.controls(level: .restricted).map(\.checkID))
        #expect(!latestRestricted.contains("seccompProfile_baseline"))
        #expect(!latestRestricted.contains("capabilities_baseline"))
        #expect(latestRestricted.count == 16)
        let baseline = Set(PodSecurityCatalogue.controls(level: .baseline).map(\.checkID))
        #expect(baseline.count == 12)
        let old = Set(PodSecurityCatalogue.controls(level: .restricted, version: .v1_21).map(\.checkID))
        #expect(old.contains("capabilities_baseline"))
        #expect(!old.contains("capabilities_restricted"))
        #expect(!old.contains("runAsUser"))
        #expect(!old.contains("hostProbesAndHostLifecycle"))
        let v125 = Set(
            PodSecurityCatalogue.controls(level: .restricted, version: PSSVersion(major: 1, minor: 25)).map(\.checkID)
        )
        #expect(v125.contains("runAsUser") && v125.contains("capabilities_restricted"))
        #expect(!v125.contains("hostProbesAndHostLifecycle"))
    }

    @Test func versionParsing() {
        #expect(PSSVersion(parsing: "latest") == .latest)
        #expect(PSSVersion(parsing: "v1.25") == PSSVersion(major: 1, minor: 25))
        #expect(PSSVersion(parsing: "1.9") == PSSVersion(major: 1, minor: 9))
        #expect(PSSVersion(parsing: "1.x") == nil)
        #expect(PSSVersion(parsing: "") == nil)
        #expect(PSSVersion(major: 1, minor: 9) < PSSVersion(major: 1, minor: 25))
        #expect(PSSVersion.latest.description == "latest")
    }

    @Test func sysctlListDependsOnVersion() throws {
        let w = try Self.workload(
            "securityContext: {sysctls: [{name: net.ipv4.tcp_keepalive_time, value: '1'}]}\ncontainers: [\(Self.c)]"
        )
        #expect(Sysctls().check(PodView(w), version: PSSVersion(major: 1, minor: 28)).count == 1)
        #expect(Sysctls().check(PodView(w), version: PSSVersion(major: 1, minor: 29)).isEmpty)
    }

    @Test func seLinuxEngineTypeDependsOnVersion() throws {
        let w = try Self.workload(
            "securityContext: {seLinuxOptions: {type: container_engine_t, user: u}}\ncontainers: []"
        )
        let old = SELinuxOptions().check(PodView(w), version: PSSVersion(major: 1, minor: 30))
        #expect(old.count == 2)
        #expect(
            SELinuxOptions().check(PodView(w), version: .latest).map(\.location.fieldPath) == [
                "spec.template.spec.securityContext.seLinuxOptions.user"
            ]
        )
    }

    @Test func procMountRelaxedForUserNamespacesFrom135() throws {
        let w = try Self.workload("hostUsers: false\ncontainers: [{name: a, securityContext: {procMount: Unmasked}}]")
        #expect(ProcMount().check(PodView(w), version: PSSVersion(major: 1, minor: 34)).count == 1)
        #expect(ProcMount().check(PodView(w), version: .latest).isEmpty)
    }

    @Test func legacyAppArmorAnnotation() throws {
        let bad = try Self.workload(
            "containers: [{name: app}]",
            kind: "Pod",
            annotations: "{container.apparmor.security.beta.kubernetes.io/app: unconfined}"
        )
        let findings = AppArmor().check(PodView(bad), version: .latest)
        #expect(
            findings.map(\.location.fieldPath) == [
                "metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]"
            ]
        )
        #expect(findings.first?.location.object == "Pod/default/p")
        let good = try Self.workload(
            "containers: [{name: app}]",
            kind: "Pod",
            annotations: "{container.apparmor.security.beta.kubernetes.io/app: localhost/x}"
        )
        #expect(AppArmor().check(PodView(good), version: .latest).isEmpty)
    }

    @Test func initAndEphemeralContainersAreChecked() throws {
        let w = try Self.workload(
            "containers: []\ninitContainers: [{name: i, securityContext: {privileged: true}}]\n"
                + "ephemeralContainers: [{name: e, securityContext: {privileged: true}}]"
        )
        #expect(
            Privileged().check(PodView(w), version: .latest).map(\.location.fieldPath) == [
                "spec.template.spec.initContainers[0].securityContext.privileged",
                "spec.template.spec.ephemeralContainers[0].securityContext.privileged",
            ]
        )
    }

    @Test func fullyRestrictedPodHasNoFindings() throws {
        let w = try Self.workload(Self.spec(containers: Self.c))
        #expect(PodSecurityCatalogue.check(w).isEmpty)
        let bare = try Self.workload("containers: [{name: a, image: i}]")
        #expect(PodSecurityCatalogue.check(bare, level: .baseline).isEmpty)
        #expect(
            Set(PodSecurityCatalogue.check(bare).compactMap(\.aliases.first)) == [
                "allowPrivilegeEscalation", "runAsNonRoot", "seccompProfile_restricted", "capabilities_restricted",
            ]
        )
    }
}

extension PSSVersion {
    static let v1_21 = PSSVersion(major: 1, minor: 21)
}
