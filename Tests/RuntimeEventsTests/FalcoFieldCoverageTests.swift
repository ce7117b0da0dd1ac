import Foundation
import RuntimeEvents
import TestSupport
import Testing

/// Which fields used by the Falco rule files the event model serves.
@Suite struct FalcoFieldCoverageTests {
    static let files = ["falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"]
    static let classes: Set<String> = [
        "evt", "proc", "thread", "fd", "fs", "user", "group", "container", "k8s", "fdlist",
    ]

    /// Field references (`class.name`, with an optional `[arg]`) in the `condition:`, `output:` and
    /// exception `fields:` values of a rules file, outside quoted strings and comments.
    static func fieldReferences(in text: String) -> [String] {
        var out: [String] = []
        var inBlock = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Substring(rawLine)
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            if trimmed.hasPrefix("#") { continue }
            if let colon = trimmed.firstIndex(of: ":"),
                trimmed[..<colon].allSatisfy({ $0.isLetter || $0 == "_" || $0 == "-" }), !trimmed[..<colon].isEmpty
            {
                let key = trimmed[..<colon]
                inBlock = key == "condition" || key == "output" || key == "fields"
                if inBlock { scan(trimmed[trimmed.index(after: colon)...], into: &out) }
            } else if inBlock {
                scan(line, into: &out)
            }
        }
        return out
    }

    private static func isTokenCharacter(_ c: Character) -> Bool {
        (c.isASCII && (c.isLowercase || c.isNumber)) || c == "_" || c == "."
    }

    private static func scan(_ text: Substring, into out: inout [String]) {
        let chars = Array(text)
        var i = 0
        var quote: Character?
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil }
                i += 1
                continue
            }
            if c == "\"" || c == "'" {
                quote = c
                i += 1
                continue
            }
            let startsToken =
                isTokenCharacter(c) && c != "."
                && (i == 0 || !(isTokenCharacter(chars[i - 1]) || chars[i - 1] == "/" || chars[i - 1] == "-"))
            guard startsToken else {
                i += 1
                continue
            }
            var j = i
            while j < chars.count, isTokenCharacter(chars[j]) { j += 1 }
            var token = String(chars[i..<j])
            while token.hasSuffix(".") { token.removeLast() }
            let parts = token.split(separator: ".")
            if parts.count >= 2, let first = parts.first, classes.contains(String(first)) {
                if j < chars.count, chars[j] == "[", let close = chars[j...].firstIndex(of: "]") {
                    token += String(chars[j...close])
                    j = close + 1
                }
                out.append(token)
            }
            i = max(j, i + 1)
        }
    }

    @Test func servedAndMissingFieldsOfTheFalcoRuleFiles() throws {
        var all: [String: Int] = [:]
        var found = 0
        for file in Self.files {
            guard let path = Corpus.path("falco/rules-current/" + file) else {
                if Corpus.integrationRequired { Issue.record("corpus file \(file) missing") }
                continue
            }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            found += 1
            for reference in Self.fieldReferences(in: text) { all[reference, default: 0] += 1 }
        }
        guard found > 0 else { return }
        let served = all.keys.filter { EventFields.serves($0) }.sorted()
        let missing = all.keys.filter { !EventFields.serves($0) }.sorted()
        print("served field references (\(served.count)):", served.joined(separator: " "))
        print(
            "missing field references (\(missing.count)):",
            missing.map { "\($0)×\(all[$0] ?? 0)" }.joined(separator: " ")
        )
        // The scan sees the fields every stable rule depends on.
        for needed in [
            "proc.name", "proc.aname[2]", "fd.name", "evt.type", "user.loginuid", "container.image.repository",
        ] {
            #expect(all[needed] != nil, "\(needed) not found by the scan")
            #expect(EventFields.serves(needed), "\(needed)")
        }
        let uses = all.values.reduce(0, +)
        let servedUses = served.map { all[$0] ?? 0 }.reduce(0, +)
        print("field uses served: \(servedUses) of \(uses)")
        #expect(servedUses * 100 >= uses * 95, "served \(servedUses) of \(uses) field uses")
        // Every field the three rules-current files use is served.
        #expect(missing.isEmpty, "\(missing)")
    }

    @Test func scannerFindsFieldsOnlyInConditionsOutputsAndExceptionFields() {
        let yaml = """
            - rule: R
              desc: uses proc.fake in prose
              condition: >
                spawned_process and proc.aname[2]=sshd and fd.name="k8s.io/x"
                and container.label.app exists # not k8s.io.comment here? (comment text is scanned)
              output: "shell %proc.cmdline (%user.name)"
              exceptions:
                - name: e
                  fields: [proc.pname, fd.directory]
            # condition: proc.commented
            """
        let refs = FalcoFieldCoverageTests.fieldReferences(in: yaml)
        #expect(refs.contains("proc.aname[2]"))
        #expect(refs.contains("fd.name"))
        #expect(refs.contains("container.label.app"))
        #expect(refs.contains("proc.pname"))
        #expect(refs.contains("fd.directory"))
        #expect(!refs.contains("proc.fake"))
        #expect(!refs.contains("proc.commented"))
        #expect(!refs.contains("k8s.io/x"))
    }
}
