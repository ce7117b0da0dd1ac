import DockerHostAudit
import Foundation
import SecurityModel

/// Reads the recorded Engine API answers and dockerd command lines next to this file (Fixtures/).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
    }

    /// A recorded `GET /info` answer.
    static func info(_ name: String) throws -> JSONValue { try JSONParser.parse(try text(name)) }

    /// A recorded `/proc/<pid>/cmdline`, one argument per line.
    static func argv(_ name: String) throws -> [String] {
        try text(name).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}

/// Builds daemon facts from short inputs.
func facts(_ argv: [String]? = ["dockerd"], json: String? = nil, info: JSONValue? = nil) throws -> DaemonFacts {
    DaemonFacts(info: info, configuration: try json.map { try JSONParser.parse($0) }, commandLine: argv)
}

/// The result of `check` on `daemon`.
func verdict(_ check: some DaemonCheck, _ daemon: DaemonFacts) -> CheckResult.Verdict {
    check.evaluate(daemon).verdict
}
