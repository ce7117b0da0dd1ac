import Foundation
import KubernetesAudit
import SecurityModel
import TestSupport
import Testing

@Suite("Manifest loader fuzzing")
struct ManifestLoaderFuzzTests {
    static let fragments = [
        "---\n", "&a ", "*a", "[", "]", "{", "}", ": ", "- ", "\t", "\"", "'", "|\n", ">-\n", "\u{0}", "\r\n",
        "!!binary ", "? ", "%YAML 1.2\n", "<<: *a\n", "#", "...\n", "\u{FEFF}", "kind: List\nitems: [",
    ]

    /// Mutates `text` (bytes flipped, fragments inserted, ranges deleted or duplicated).
    static func mutate(_ text: String, _ random: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + Int(random.next() % 6)) {
            let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            switch random.next() % 5 {
            case 0 where !bytes.isEmpty: bytes[position] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.insert(contentsOf: Array(random.pick(fragments).utf8), at: position)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int(random.next() % 64))
                bytes.removeSubrange(position..<end)
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int(random.next() % 128))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default: bytes.insert(UInt8(ascii: " "), at: position)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func mutatedCorpusManifestsNeverCrash() throws {
        guard let directory = Corpus.path("k8s-manifests") else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasSuffix(".tsv") }
            .sorted()
        var random = SplitMix64(seed: 0x5EED_CAFE)
        let loader = KubernetesManifestLoader(maximumNodes: 200_000)
        var loaded = 0, failed = 0
        for _ in 0..<1_500 {
            let name = random.pick(names)
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
            let text = Self.mutate(String(decoding: data, as: UTF8.self), &random)
            for result in loader.load(text: text, path: name) {
                switch result {
                case .success(let document):
                    loaded += 1
                    #expect(document.file == name)
                    if let workload = document.workload { _ = PodSecurityCatalogue.check(workload) }
                case .failure(let error):
                    failed += 1
                    #expect(error.file == name)
                    #expect(!error.message.isEmpty)
                    #expect(error.message.utf8.count < 2_000)
                }
            }
        }
        #expect(loaded > 0)
        #expect(failed > 0)
    }

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 200) {
                bytes +=
                    random.oneIn(3)
                    ? Array(random.pick(Self.fragments).utf8) : [UInt8(truncatingIfNeeded: random.next())]
            }
            for case .failure(let error) in KubernetesManifestLoader.load(
                text: String(decoding: bytes, as: UTF8.self),
                path: "random"
            ) {
                #expect(error.file == "random")
            }
        }
    }
}
