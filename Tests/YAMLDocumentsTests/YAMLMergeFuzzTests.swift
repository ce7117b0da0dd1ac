import Foundation
import SecurityModel
import TestSupport
import Testing
import YAMLDocuments

@Suite struct YAMLMergeFuzzTests {
    /// A random document of anchored maps merged into others, in block and flow style.
    static func randomDocument(_ random: inout SplitMix64) -> String {
        var text = ""
        let keys = ["a", "b", "c", "d"]
        var anchors: [String] = []
        for index in 0..<(2 + Int(random.next() % 5)) {
            var members: [String] = []
            if !anchors.isEmpty, !random.oneIn(3) {
                let count = 1 + Int(random.next() % 3)
                let refs = (0..<count).map { _ in "*\(random.pick(anchors))" }
                members.append(
                    count == 1 && random.oneIn(2) ? "<<: \(refs[0])" : "<<: [\(refs.joined(separator: ", "))]"
                )
            }
            for key in keys where random.oneIn(2) { members.append("\(key): v\(index)\(key)") }
            if random.oneIn(2) { members.reverse() }
            text += "m\(index): &m\(index) {\(members.joined(separator: ", "))}\n"
            anchors.append("m\(index)")
        }
        return text
    }

    @Test func mergesAgreeWithPyYAML() throws {
        var random = SplitMix64(seed: 0x5EED_4E26)
        let documents = (0..<150).map { _ in Self.randomDocument(&random) }
        let script = """
            import json, sys, yaml
            for doc in json.load(sys.stdin):
                print(json.dumps(yaml.safe_load(doc), sort_keys=True))
            """
        let payload = JSONValue.array(documents.map(JSONValue.string)).serialized(pretty: false)
        let output = try runProcessBlocking(["python3", "-c", script], stdin: payload)
        guard output.status == 0 else {
            #expect(!Corpus.integrationRequired, "python3/PyYAML unavailable: \(output.stderr)")
            return
        }
        let expected = output.stdout.split(separator: "\n").map(String.init)
        #expect(expected.count == documents.count)
        for (document, reference) in zip(documents, expected) {
            let value = try #require(try YAMLDocumentReader().read(document).first?.get().value)
            #expect(Self.sortedJSON(value) == reference, "\(document)")
        }
    }

    /// `value` serialised like Python's `json.dumps(sort_keys=True)`.
    static func sortedJSON(_ value: JSONValue) -> String {
        switch value {
        case .object(let pairs):
            let body = pairs.sorted { $0.0 < $1.0 }.map { "\"\($0.0)\": \(sortedJSON($0.1))" }
            return "{" + body.joined(separator: ", ") + "}"
        case .array(let items): return "[" + items.map(sortedJSON).joined(separator: ", ") + "]"
        case .string(let s): return "\"\(s)\""
        default: return value.serialized(pretty: false)
        }
    }

    @Test func randomMutationsNeverCrash() {
        var random = SplitMix64(seed: 0xF0_22ED)
        let pieces = [
            "&a ", "*a", "<<: ", "<<: [*a, *b]", "&b {x: 1}", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "\"", "'",
            "#", "---\n", "!!str ", "?",
        ]
        for _ in 0..<1500 {
            var text = Self.randomDocument(&random)
            for _ in 0..<(1 + Int(random.next() % 5)) {
                var chars = Array(text)
                let at = chars.isEmpty ? 0 : Int(random.next() % UInt64(chars.count))
                if random.oneIn(3), !chars.isEmpty {
                    chars.remove(at: at)
                } else {
                    chars.insert(contentsOf: random.pick(pieces), at: at)
                }
                text = String(chars)
            }
            let reader = YAMLDocumentReader(
                maximumNodes: 10_000,
                schema: random.oneIn(2) ? .core : .yaml11,
                recordsLines: true
            )
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            for result in reader.read(text) {
                switch result {
                case .success(let document):
                    #expect(document.lines.values.allSatisfy { $0 >= 1 && $0 <= lineCount })
                case .failure(let failure):
                    #expect(failure.line >= 1 && failure.line <= lineCount + 1)
                }
            }
        }
    }
}
