import Foundation
import KubernetesAudit
import SecurityModel
import TestSupport
import Testing

/// Agreement with third-party labelled pass/fail examples for the PSS controls they concern.
@Suite("PSS controls against labelled examples")
struct LabelledExamplesTests {
    /// trivy-checks `kubernetes-examples/<file>.yaml` → PSA check id (from trivy's PSS compliance specs).
    static let trivy: [String: String] = [
        "privileged": "privileged", "host_ipc": "hostNamespaces", "host_network": "hostNamespaces",
        "host_pid": "hostNamespaces", "hostpath_volumes_mounted": "hostPathVolumes",
        "access_to_host_ports": "hostPorts", "apparmor_policy_disabled": "appArmorProfile",
        "selinux_custom_options_set": "seLinuxOptions", "non_default_proc_masks_set": "procMount_baseline",
        "unsafe_sysctl_options_set": "sysctls", "non_core_volume_types": "restrictedVolumes",
        "can_elevate_its_own_privileges": "allowPrivilegeEscalation", "runs_as_root": "runAsNonRoot",
        "specific_capabilities_added": "capabilities_baseline", "SYS_ADMIN_capability": "capabilities_baseline",
        "capabilities_no_drop_all": "capabilities_restricted",
        "runtime_default_seccomp_profile_not_set": "seccompProfile_restricted",
    ]

    /// checkov `kubernetes/checks/example_<Check>/*-PASSED|FAILED.*` → PSA check id.
    static let checkov: [String: String] = [
        "PrivilegedContainers": "privileged", "HostPort": "hostPorts",
        "AllowPrivilegeEscalation": "allowPrivilegeEscalation", "AllowedCapabilitiesSysAdmin": "capabilities_baseline",
        "RootContainers": "runAsNonRoot", "ShareHostPID": "hostNamespaces", "ShareHostIPC": "hostNamespaces",
        "SharedHostNetworkNamespace": "hostNamespaces",
    ]

    struct Tally {
        var agree = 0
        var disagree: [String] = []
    }

    static func fires(_ checkID: String, in text: String, path: String) throws -> Bool {
        let control = try #require(PodSecurityCatalogue.all.first { $0.checkID == checkID })
        let workloads = KubernetesManifestLoader.workloads(in: KubernetesManifestLoader.load(text: text, path: path))
        return workloads.contains { !control.check(PodView($0), version: .latest).isEmpty }
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test func trivyGoodAndBadExamples() throws {
        guard let directory = Corpus.path("labelled/trivy-checks/kubernetes-examples") else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        var tally = Tally()
        for (file, checkID) in Self.trivy.sorted(by: { $0.key < $1.key }) {
            let path = "\(directory)/\(file).yaml"
            let outer = try #require(try KubernetesManifestLoader.load(text: Self.read(path), path: path).first?.get())
            for (label, expected) in [("good", false), ("bad", true)] {
                for (i, example) in (outer.content["kubernetes"]?[label]?.strings ?? []).enumerated() {
                    if try Self.fires(checkID, in: example, path: "\(file)#\(label)[\(i)]") == expected {
                        tally.agree += 1
                    } else {
                        tally.disagree.append("\(file) \(label)[\(i)] (\(checkID))")
                    }
                }
            }
        }
        print("trivy-checks PSS examples: \(tally.agree) agree, \(tally.disagree.count) disagree: \(tally.disagree)")
        // Known, deliberate differences: PSA compares capability names case-sensitively (`drop: [all]` does not
        // drop ALL), and baseline allows adding NET_BIND_SERVICE, which trivy's KSV022 flags.
        #expect(tally.agree == 32)
        #expect(
            tally.disagree == [
                "capabilities_no_drop_all good[0] (capabilities_restricted)",
                "specific_capabilities_added bad[0] (capabilities_baseline)",
            ]
        )
    }

    @Test func checkovPassedAndFailedExamples() throws {
        guard let directory = Corpus.path("labelled/checkov/kubernetes/checks") else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        var tally = Tally()
        for (check, checkID) in Self.checkov.sorted(by: { $0.key < $1.key }) {
            let folder = "\(directory)/example_\(check)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() {
                let expected: Bool
                if name.contains("FAILED") {
                    expected = true
                } else if name.contains("PASSED") {
                    expected = false
                } else {
                    continue
                }
                if try Self.fires(checkID, in: Self.read("\(folder)/\(name)"), path: name) == expected {
                    tally.agree += 1
                } else {
                    tally.disagree.append("\(check)/\(name) (\(checkID))")
                }
            }
        }
        print("checkov PSS examples: \(tally.agree) agree, \(tally.disagree.count) disagree: \(tally.disagree)")
        // Known differences, all where checkov's semantics differ from PSA's: checkov reads OpenShift
        // DeploymentConfig (not a PSS workload kind), fails a Pod whose `containers:` is null and one whose `spec`
        // is a list (neither has a container to judge), and lets container-level `runAsNonRoot: true` override
        // a pod-level `runAsNonRoot: false` (PSA flags the explicit false).
        #expect(tally.agree == 17)
        #expect(
            tally.disagree == [
                "AllowPrivilegeEscalation/oc-deploymentConfig-FAILED.yml (allowPrivilegeEscalation)",
                "AllowedCapabilitiesSysAdmin/pod-FAILED2.yaml (capabilities_baseline)",
                "RootContainers/rootContainersFAILED-malformed-spec.yaml (runAsNonRoot)",
                "RootContainers/rootContainersPASSED.yaml (runAsNonRoot)",
            ]
        )
    }
}
