import ComposeAudit
import Foundation
import SecurityModel
import TestSupport
import Testing

@Suite("Compose corpus files")
struct CorpusComposeTests {
    /// Lists, per file, the service names with PyYAML (its own anchor, alias and merge-key handling): the
    /// independent reference.
    static let pythonLister = #"""
        import json, os, sys, yaml
        out = {}
        root = sys.argv[1]
        for name in sorted(os.listdir(root)):
            if not name.endswith((".yaml", ".yml")): continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                doc = yaml.safe_load(f)
            out[name] = sorted((doc.get("services") or {}).keys())
        print(json.dumps(out))
        """#

    static var directory: String? { Corpus.path("compose-files") }

    static func files() throws -> [String] {
        guard let directory else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    static func text(_ name: String) throws -> String {
        let directory = try #require(directory)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
        return String(decoding: data, as: UTF8.self)
    }

    @Test func everyFileLoadsWithTheServicesPyYAMLFinds() throws {
        guard let directory = Self.directory else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let output = try runProcessBlocking(["python3", "-c", Self.pythonLister, directory])
        guard output.status == 0 else {
            #expect(!Corpus.integrationRequired, "python3/PyYAML unavailable: \(output.stderr)")
            return
        }
        let reference = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: [String]]
        )
        let files = try Self.files()
        #expect(files.count == reference.count)
        #expect(files.count >= 39)
        var total = 0
        for name in files {
            let result = ComposeAuditor().audit(text: try Self.text(name), path: name)
            #expect(result.errors.isEmpty, "\(name): \(result.errors)")
            #expect(result.auditedServices.sorted() == reference[name], "\(name)")
            total += result.auditedServices.count
            for finding in result.findings {
                #expect(finding.location.file == name)
                #expect(finding.location.range != nil, "\(name): \(finding.ruleID) has no line")
                #expect(finding.location.fieldPath?.hasPrefix("services.") == true)
            }
        }
        #expect(total == reference.values.map(\.count).reduce(0, +))
    }

    @Test func corpusFilesNeverFireTheDefaultBridgeCheck() throws {
        for name in try Self.files() {
            let result = ComposeAuditor().audit(text: try Self.text(name), path: name)
            #expect(!result.findings.contains { $0.ruleID == "CIS-DOCKER-5.30" }, "\(name)")
        }
    }

    @Test func randomMutationsOfCorpusFilesNeverCrash() throws {
        let files = try Self.files()
        guard !files.isEmpty else { return }
        var random = SplitMix64(seed: 0xC0_4205E)
        let fragments = [
            "<<: *x", "&x ", "*x", "${", "${A:?}", "$$", ": ", "\n  - ", "[", "{", "\"", "privileged: maybe",
            "ports: [\"99999:1\"]", "volumes: [1]", "extends: web", "\t", "8000-1:80", "- ", "#", "\n---\n",
        ]
        for _ in 0..<400 {
            var chars = Array(try Self.text(random.pick(files)))
            for _ in 0..<(1 + Int(random.next() % 4)) {
                guard !chars.isEmpty else { break }
                let at = Int(random.next() % UInt64(chars.count))
                switch random.next() % 3 {
                case 0: chars.insert(contentsOf: random.pick(fragments), at: at)
                case 1: chars.removeSubrange(at..<min(chars.count, at + Int(random.next() % 20)))
                default: chars[at] = random.pick(Array(":-[]{}&*!|>'\"%@`$ \n"))
                }
            }
            let result = ComposeAuditor().audit(text: String(chars), path: "fuzz.yaml", environment: ["A": "1"])
            for error in result.errors { #expect(error.file == "fuzz.yaml") }
            for finding in result.findings {
                #expect(result.auditedServices.contains(finding.location.container ?? ""))
            }
        }
    }
}
