import Crypto
import Foundation
import SecurityModel

/// Caches rendered SBOM documents by image identity (config digest), tool version and cataloger
/// versions, so a second run over the same image does no layer work. Directories and images without
/// a config digest are not cached.
struct SBOMCache: Sendable {
    let directory: String

    /// `$XDG_CACHE_HOME/bulkhead/sbom`, else `~/.cache/bulkhead/sbom`.
    static func defaultDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/bulkhead/sbom" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/bulkhead/sbom"
    }

    static func key(imageIdentity: String, catalogers: [(String, Int)], format: String) -> String {
        let material =
            "bulkhead \(Bulkhead.version)\n\(imageIdentity)\n"
            + catalogers.map { "\($0.0)@\($0.1)" }.sorted().joined(separator: ",") + "\n\(format)"
        return SHA256.hash(data: Data(material.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    func load(_ key: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path(key)) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    func store(_ key: String, _ document: String) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(
                atPath: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            try document.write(toFile: path(key), atomically: true, encoding: .utf8)
        } catch {
            // A cache that cannot be written only costs speed.
        }
    }

    private func path(_ key: String) -> String { directory + "/" + key + ".sbom" }
}
