import DockerfileSyntax
import Foundation
import SecurityModel
import Testing

/// Locates ../shared/corpus (or $BULKHEAD_CORPUS).
enum DockerfileCorpus {
    static var directory: URL {
        if let env = ProcessInfo.processInfo.environment["BULKHEAD_CORPUS"], !env.isEmpty {
            return URL(fileURLWithPath: env).appendingPathComponent("dockerfiles")
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/corpus/dockerfiles")
    }

    static var files: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("Dockerfile") }.sorted().map { directory.appendingPathComponent($0) }
    }

    static var isAvailable: Bool { !files.isEmpty }
    static var required: Bool { ProcessInfo.processInfo.environment["BULKHEAD_INTEGRATION"] == "1" }
}

struct CorpusRoundTripTests {
    @Test func corpusIsPresentWhenRequired() {
        if DockerfileCorpus.required {
            #expect(DockerfileCorpus.files.count > 400, "corpus missing at \(DockerfileCorpus.directory.path)")
        } else if !DockerfileCorpus.isAvailable {
            print("skipping corpus tests: no corpus at \(DockerfileCorpus.directory.path) (set BULKHEAD_CORPUS)")
        }
    }

    @Test func everyCorpusFileRoundTripsByteForByte() throws {
        var failures: [String] = []
        for url in DockerfileCorpus.files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let parsed = Dockerfile(parsing: text)
            if parsed.description != text { failures.append(url.lastPathComponent) }
            // Nodes are contiguous and cover the whole file.
            var expected = 0
            for node in parsed.nodes {
                if node.byteRange.lowerBound != expected { failures.append("gap in \(url.lastPathComponent)") }
                expected = node.byteRange.upperBound
            }
            if expected != text.utf8.count { failures.append("short cover in \(url.lastPathComponent)") }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func everyCorpusFileParsesWithoutErrors() throws {
        var failures: [String] = []
        for url in DockerfileCorpus.files {
            let parsed = Dockerfile(parsing: try String(contentsOf: url, encoding: .utf8))
            for d in parsed.diagnostics where d.isError {
                failures.append("\(url.lastPathComponent):\(d.range.start.line): \(d.message)")
            }
            if parsed.instructions.isEmpty { failures.append("\(url.lastPathComponent): no instructions") }
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}
