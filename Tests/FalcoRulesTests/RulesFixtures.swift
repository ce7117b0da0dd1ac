import Foundation
import SecurityModel
import TestSupport

/// Reading corpus files and asking PyYAML for an independent view of them.
enum RulesFixtures {
    /// The text of a corpus file, or nil when the corpus is missing.
    static func corpusText(_ relative: String) -> String? {
        guard let path = Corpus.path(relative) else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// Every regular file under `directory`, as (path, text).
    static func directoryFiles(_ directory: String) -> [(path: String, text: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name in
            let path = directory + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            return (path: path, text: text)
        }
    }

    /// Runs a Python program with `/usr/bin/python3` and parses what it prints as JSON.
    static func python(_ program: String, arguments: [String]) throws -> JSONValue {
        let output = try runProcessBlocking(["/usr/bin/python3", "-c", program] + arguments)
        guard output.status == 0 else {
            throw ProcessLaunchError(message: "python3 failed (\(output.status)): \(output.stderr)")
        }
        return try JSONParser.parse(output.stdout)
    }

    /// Whether PyYAML can be used.
    static var hasPyYAML: Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
            let output = try? runProcessBlocking(["/usr/bin/python3", "-c", "import yaml"])
        else { return false }
        return output.status == 0
    }
}
