import ContainerAudit
import Foundation
import SecurityModel

/// Reads the `docker inspect` fixtures recorded next to this file (Fixtures/*.json).
enum FixtureLoader {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: "\(directory)/\(name).json", encoding: .utf8)
    }

    static func container(_ name: String) throws -> ContainerConfig {
        let containers = try ContainerConfig.decode(try text(name), source: "\(name).json")
        guard containers.count == 1, let first = containers.first else {
            throw FixtureError(message: "\(name).json holds \(containers.count) containers")
        }
        return first
    }

    static func ruleIDs(_ container: ContainerConfig) -> Set<String> {
        Set(ContainerCheckCatalogue.run(container).map(\.ruleID))
    }

    /// Decodes a single inspect object given as JSON text.
    static func decodeOne(_ json: String) throws -> ContainerConfig {
        try ContainerConfig(json: try JSONParser.parse(json), source: "test")
    }

    static func ids(_ json: String) throws -> Set<String> {
        ruleIDs(try decodeOne(json))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
