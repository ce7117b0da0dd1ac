import Foundation
import ProjectConfiguration

/// Finds and reads the configuration: `--config`, else the nearest `.bulkhead.yaml` walking up
/// from the start directory, else the nearest `.hadolint.yaml`.
struct ConfigurationLoader {
    static let bulkheadNames = [".bulkhead.yaml", ".bulkhead.yml"]
    static let hadolintNames = [".hadolint.yaml", ".hadolint.yml"]

    func load(explicit: String?, startDirectory: String) throws(ConfigurationError) -> ConfigurationFile? {
        if let explicit {
            let name = (explicit as NSString).lastPathComponent
            return try read(explicit, hadolint: name.hasPrefix(".hadolint") || name.hasPrefix("hadolint"))
        }
        if let found = nearest(Self.bulkheadNames, from: startDirectory) { return try read(found, hadolint: false) }
        if let found = nearest(Self.hadolintNames, from: startDirectory) { return try read(found, hadolint: true) }
        return nil
    }

    private func nearest(_ names: [String], from start: String) -> String? {
        var dir = URL(fileURLWithPath: start).standardizedFileURL
        for _ in 0..<64 {
            for name in names {
                let candidate = dir.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return nil
    }

    private func read(_ path: String, hadolint: Bool) throws(ConfigurationError) -> ConfigurationFile {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > ConfigurationFile.maximumSize {
            throw ConfigurationError(code: .tooLarge, path: path, message: "configuration is larger than 1 MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(code: .invalidValue, path: path, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(code: .invalidYAML, path: path, message: "configuration is not valid UTF-8")
        }
        return hadolint
            ? try ConfigurationFile.parse(hadolintYAML: text, path: path)
            : try ConfigurationFile.parse(bulkheadYAML: text, path: path)
    }
}
