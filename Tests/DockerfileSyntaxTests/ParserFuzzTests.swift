import DockerfileSyntax
import Foundation
import SecurityModel
import TestSupport
import Testing

struct ParserFuzzTests {
    /// Properties every parse must have, whatever the input.
    static func checkInvariants(_ text: String) -> [String] {
        var problems: [String] = []
        let df = Dockerfile(parsing: text)
        if df.description != text { problems.append("round trip") }
        let lineCount = max(1, text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count)
        for d in df.diagnostics where d.range.start.line < 1 || d.range.start.line > lineCount {
            problems.append("diagnostic line \(d.range.start.line) outside 1...\(lineCount)")
        }
        for ins in df.instructions {
            _ = ins.runScript?.commands.map(\.flags)
            _ = ins.keyValuePairs
            _ = ins.copyParts
            _ = ins.fromParts
        }
        _ = df.stages
        return problems
    }

    static let alphabet: [String] = [
        "FROM ", "RUN ", "COPY ", "ONBUILD ", "<<EOF", "<<-'X'", "EOF", "X", "\\", "`", "\n", "\r\n", " ", "\t", "#",
        "# escape=`\n", "\"", "'", "[", "]", "\"a\",", "&&", "||", "|", ";", "$(", ")", "${A:-b}", "--from=x ", "--",
        "sh -c '", "é", "\u{0}", "=",
    ]

    @Test func randomTokenSoupKeepsInvariants() {
        var rng = SplitMix64(seed: 42)
        var failures: [String] = []
        for _ in 0..<3000 {
            let n = Int.random(in: 0..<40, using: &rng)
            let text = (0..<n).map { _ in Self.alphabet.randomElement(using: &rng) ?? "" }.joined()
            for p in Self.checkInvariants(text) { failures.append("\(p): \(text.debugDescription)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 7)
        var failures: [String] = []
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            failures.append(contentsOf: Self.checkInvariants(text))
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func mutatedCorpusFilesKeepInvariants() throws {
        var rng = SplitMix64(seed: 2024)
        var failures: [String] = []
        for url in DockerfileCorpus.files.prefix(120) {
            let original = Array(try String(contentsOf: url, encoding: .utf8).utf8)
            for _ in 0..<5 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
                    let at = Int.random(in: 0..<bytes.count, using: &rng)
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(Array("\\\n<<EOF\"'`[".utf8).randomElement(using: &rng) ?? 0, at: at)
                    case 2: bytes.replaceSubrange(at..<min(bytes.count, at + 20), with: [])
                    default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 30)], at: at)
                    }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                for p in Self.checkInvariants(text) { failures.append("\(url.lastPathComponent): \(p)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func whitespaceMutationsKeepInstructions() throws {
        // Extra spaces after the keyword and trailing blanks do not change what is parsed.
        for url in DockerfileCorpus.files.prefix(60) {
            let text = try String(contentsOf: url, encoding: .utf8)
            let original = Dockerfile(parsing: text)
            let mutated = Dockerfile(parsing: text.replacingOccurrences(of: "\nRUN ", with: "\nRUN   "))
            #expect(original.instructions.map(\.kind) == mutated.instructions.map(\.kind), "\(url.lastPathComponent)")
        }
    }

    @Test func pathologicalInputsFinishQuickly() {
        let deepContinuation = String(repeating: "RUN a \\\n", count: 20_000)
        #expect(Dockerfile(parsing: deepContinuation).instructions.count == 1)
        let manyHeredocs = "RUN " + String(repeating: "<<EOF ", count: 2_000) + "\n"
        #expect(Dockerfile(parsing: manyHeredocs).diagnostics.count == 2_000)
        let longLine = "RUN " + String(repeating: "x", count: 2_000_000)
        #expect(Dockerfile(parsing: longLine).instructions.count == 1)
        let nested = "RUN " + String(repeating: "sh -c '", count: 200)
        #expect(Dockerfile(parsing: nested).instructions[0].runScript != nil)
    }
}
