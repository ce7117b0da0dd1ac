import Foundation
import KubernetesAudit
import SecurityModel
import TestSupport
import Testing

@Suite("securityContext patches")
struct SecurityContextPatchTests {
    static func workload(_ text: String) throws -> Workload {
        try #require(
            KubernetesManifestLoader.workloads(in: KubernetesManifestLoader.load(text: text, path: "t.yaml")).first
        )
    }

    /// Parses `yaml` back (through the manifest loader, i.e. YAMLDocumentReader) into one JSON value.
    static func parse(_ yaml: String) throws -> JSONValue {
        let results = KubernetesManifestLoader.load(text: yaml, path: "patch.yaml")
        #expect(results.count == 1)
        return try #require(try results.first?.get()).content
    }

    @Test func containerPatchParsesBackAndSetsTheField() throws {
        let w = try Self.workload(
            "kind: CronJob\nmetadata: {name: c, namespace: ns}\nspec:\n  jobTemplate:\n    spec:\n      template:\n"
                + "        spec:\n          initContainers: [{name: 'in it', image: i}]\n"
        )
        let container = try #require(PodView(w).containers.first)
        let patch = try #require(
            SecurityContextPatch(
                workload: w,
                container: container,
                settings: .object([
                    ("readOnlyRootFilesystem", .bool(true)),
                    ("capabilities", .object([("drop", .array([.string("ALL")]))])),
                ])
            )
        )
        let parsed = try Self.parse(patch.yaml)
        let entry = try #require(
            parsed["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]?["initContainers"]?.arrayValue?.first
        )
        #expect(entry["name"]?.stringValue == "in it")
        #expect(entry["securityContext"]?["readOnlyRootFilesystem"]?.booleanValue == true)
        #expect(entry["securityContext"]?["capabilities"]?["drop"]?.strings == ["ALL"])
        #expect(parsed == patch.patch)
        #expect(patch.kubectlCommand.hasPrefix("kubectl patch cronjob/c -n ns --type=strategic -p '"))
    }

    @Test func podPatchTargetsThePodSecurityContext() throws {
        let w = try Self.workload("kind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: i}]\n")
        let patch = try #require(
            SecurityContextPatch(
                workload: w,
                container: nil,
                settings: .object([("seccompProfile", .object([("type", .string("RuntimeDefault"))]))])
            )
        )
        let parsed = try Self.parse(patch.yaml)
        #expect(parsed["spec"]?["securityContext"]?["seccompProfile"]?["type"]?.stringValue == "RuntimeDefault")
        #expect(parsed["spec"]?["containers"] == nil)
    }

    @Test func unnamedContainersGetNoPatch() throws {
        let w = try Self.workload("kind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{image: i}]\n")
        let container = try #require(PodView(w).containers.first)
        #expect(SecurityContextPatch(workload: w, container: container, settings: .object([])) == nil)
    }

    @Test func everySecurityContextFindingCarriesAPatchThatFixesIt() throws {
        // A workload failing every securityContext check; applying each finding's patch (a strategic merge of one
        // container or the pod) to the pod spec must make that finding disappear.
        let text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d, namespace: ns}
            spec:
              template:
                spec:
                  containers: [{name: web, image: 'n:1'}, {name: side, image: 's:1', securityContext: {runAsUser: 0}}]
            """
        let objects = KubernetesManifestLoader.load(text: text, path: "t.yaml").compactMap { try? $0.get() }
        let ids = ["K8S-BP-017", "K8S-BP-018", "K8S-BP-019", "K8S-BP-020", "K8S-BP-021", "K8S-BP-022", "K8S-BP-023"]
        for id in ids {
            let check = try #require(BestPracticeCatalogue.all.first { $0.descriptor.id == id })
            let findings = check.check(all: objects)
            #expect(!findings.isEmpty, "\(id)")
            for finding in findings {
                let remediation = finding.remediation ?? ""
                let marker = "(strategic merge; merge it into the manifest or apply it):\n"
                let range = try #require(remediation.range(of: marker), "\(id): no patch")
                let yaml = String(remediation[range.upperBound...].split(separator: "kubectl patch")[0])
                let patch = try Self.parse(yaml)
                let merged = Self.merge(objects[0].content, patch)
                let fixed = [ManifestDocument(file: "t.yaml", documentIndex: 0, line: 1, content: merged)]
                let remaining = check.check(all: fixed).filter {
                    $0.location.container == finding.location.container
                        && $0.location.fieldPath == finding.location.fieldPath
                }
                #expect(
                    remaining.isEmpty,
                    "\(id) \(finding.location.container ?? "pod"): patch does not fix it\n\(yaml)"
                )
            }
        }
    }

    /// A minimal strategic merge: objects merge recursively, lists of named objects merge by `name`, other lists
    /// are replaced.
    static func merge(_ base: JSONValue, _ patch: JSONValue) -> JSONValue {
        switch (base, patch) {
        case (.object(var members), .object(let patchMembers)):
            for (key, value) in patchMembers {
                if let i = members.firstIndex(where: { $0.0 == key }) {
                    members[i].1 = merge(members[i].1, value)
                } else {
                    members.append((key, value))
                }
            }
            return .object(members)
        case (.array(var items), .array(let patchItems)) where patchItems.allSatisfy({ $0["name"] != nil }):
            for item in patchItems {
                if let i = items.firstIndex(where: { $0["name"] == item["name"] }) {
                    items[i] = merge(items[i], item)
                } else {
                    items.append(item)
                }
            }
            return .array(items)
        default:
            return patch
        }
    }
}
