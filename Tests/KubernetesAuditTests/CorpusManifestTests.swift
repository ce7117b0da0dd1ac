import Foundation
import KubernetesAudit
import SecurityModel
import TestSupport
import Testing

@Suite("Kubernetes corpus manifests")
struct CorpusManifestTests {
    /// Counts, per file, objects (List items expanded) and workloads with PyYAML (libyaml parser, Python
    /// composer, duplicate keys rejected as Bulkhead and kubectl do): the independent reference.
    static let pythonCounter = #"""
        import json, os, sys, yaml
        WORKLOAD = {"Pod": ["spec"], "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"]}
        for k in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"]:
            WORKLOAD[k] = ["spec", "template", "spec"]
        def workload(o):
            path = WORKLOAD.get(o.get("kind"))
            if path is None: return 0
            node = o
            for key in path:
                node = node.get(key) if isinstance(node, dict) else None
            return 1 if isinstance(node, dict) else 0
        class Loader(yaml.CSafeLoader):
            def construct_mapping(self, node, deep=False):
                keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
                if len(keys) != len(set(map(repr, keys))):
                    raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
                return super().construct_mapping(node, deep=deep)
        out = {}
        root = sys.argv[1]
        names = os.listdir(root)
        if len(sys.argv) > 2:
            names = [os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs]
        for name in sorted(names):
            if not name.endswith((".yaml", ".yml", ".json")): continue
            try:
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    docs = [d for d in yaml.load_all(f, Loader=Loader) if d is not None]
            except Exception:
                out[name] = None
                continue
            objects = []
            for d in docs:
                if not isinstance(d, dict): continue
                kind = d.get("kind")
                if isinstance(kind, str) and kind.endswith("List") and isinstance(d.get("items"), list):
                    objects += [i for i in d["items"] if isinstance(i, dict)]
                else:
                    objects.append(d)
            out[name] = [len(objects), sum(workload(o) for o in objects)]
        print(json.dumps(out))
        """#

    static var directory: String? { Corpus.path("k8s-manifests") }

    static func files() throws -> [String] {
        guard let directory else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
    }

    static func load(_ name: String) throws -> [Result<ManifestDocument, ManifestLoadError>] {
        let directory = try #require(directory)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
        return KubernetesManifestLoader.load(text: String(decoding: data, as: UTF8.self), path: name)
    }

    @Test func everyFileLoadsAndMatchesPyYAML() throws {
        guard let directory = Self.directory else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let output = try runProcessBlocking(["python3", "-c", Self.pythonCounter, directory])
        guard output.status == 0 else {
            #expect(!Corpus.integrationRequired, "python3/PyYAML unavailable: \(output.stderr)")
            return
        }
        let reference = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        )
        let files = try Self.files()
        #expect(files.count == reference.count)
        #expect(files.count >= 850)
        var compared = 0, pythonErrors = 0, totalObjects = 0, totalWorkloads = 0, swiftErrors: [String] = []
        for name in files {
            let results = try Self.load(name)
            let objects = results.compactMap { try? $0.get() }
            let workloads = KubernetesManifestLoader.workloads(in: results)
            for case .failure(let error) in results {
                swiftErrors.append(error.description)
                #expect(error.file == name)
            }
            guard let counts = reference[name] as? [Int] else {
                pythonErrors += 1
                #expect(results.contains { (try? $0.get()) == nil }, "\(name): PyYAML rejects it, Bulkhead must too")
                continue
            }
            compared += 1
            totalObjects += objects.count
            totalWorkloads += workloads.count
            #expect(objects.count == counts[0], "\(name): objects")
            #expect(workloads.count == counts[1], "\(name): workloads")
        }
        print(
            "k8s corpus: \(files.count) files, \(compared) compared with PyYAML, \(pythonErrors) PyYAML errors, "
                + "\(totalObjects) objects, \(totalWorkloads) workloads, \(swiftErrors.count) Bulkhead errors"
        )
        for error in swiftErrors { print("  \(error)") }
        #expect(pythonErrors <= 12)
        #expect(compared >= 840)
        #expect(totalWorkloads > 100)
    }

    /// The labelled examples of checkov, trivy-checks and kube-linter: every file loads (or gives per-document
    /// errors where PyYAML rejects it too) with the object and workload counts PyYAML gives.
    @Test(arguments: [
        "labelled/checkov/kubernetes", "labelled/trivy-checks/kubernetes-examples", "labelled/kube-linter/test-inputs",
    ])
    func labelledExamplesLoadLikePyYAML(_ relative: String) throws {
        guard let directory = Corpus.path(relative) else {
            #expect(!Corpus.integrationRequired, "corpus missing: \(relative)")
            return
        }
        let output = try runProcessBlocking(["python3", "-c", Self.pythonCounter, directory, "recursive"])
        guard output.status == 0 else {
            #expect(!Corpus.integrationRequired, "python3/PyYAML unavailable: \(output.stderr)")
            return
        }
        let reference = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        )
        #expect(reference.count >= 10, "\(relative): files found")
        var compared = 0
        for (name, counts) in reference {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
            let results = KubernetesManifestLoader.load(text: String(decoding: data, as: UTF8.self), path: name)
            guard let counts = counts as? [Int] else {
                #expect(results.contains { (try? $0.get()) == nil }, "\(name): PyYAML rejects it, Bulkhead must too")
                continue
            }
            compared += 1
            #expect(results.compactMap { try? $0.get() }.count == counts[0], "\(relative)/\(name): objects")
            #expect(
                KubernetesManifestLoader.workloads(in: results).count == counts[1],
                "\(relative)/\(name): workloads"
            )
        }
        #expect(compared * 10 >= reference.count * 9, "\(relative): most files are valid YAML")
    }

    @Test func corpusWorkloadsAuditWithoutCrashing() throws {
        var findings = 0
        for name in try Self.files() {
            for workload in KubernetesManifestLoader.workloads(in: try Self.load(name)) {
                for finding in PodSecurityCatalogue.check(workload) {
                    findings += 1
                    #expect(
                        finding.location.fieldPath?.hasPrefix(workload.podSpecPath) == true
                            || finding.location.fieldPath?.contains("metadata.annotations") == true
                    )
                }
            }
        }
        #expect(Self.directory == nil || findings > 0)
    }
}
