import Foundation
import SecurityModel

/// Expands command-line targets into Dockerfiles: files as given, `-` for stdin, and directories
/// searched recursively for `Dockerfile`, `Containerfile`, `*.Dockerfile`, `Dockerfile.*`, `*.containerfile`.
struct DockerfileDiscovery {
    /// Directories never descended into.
    static let skippedDirectories: Set<String> = [".git", ".hg", ".svn", "node_modules", ".build", "vendor", ".venv"]

    /// True when a file name looks like a Dockerfile.
    static func isDockerfileName(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower == "dockerfile" || lower == "containerfile" { return true }
        if lower.hasSuffix(".dockerfile") || lower.hasSuffix(".containerfile") { return true }
        if lower.hasPrefix("dockerfile.") || lower.hasPrefix("containerfile.") {
            // Dockerfile.dockerignore is not a Dockerfile.
            return !lower.hasSuffix(".dockerignore")
        }
        return lower.hasPrefix("dockerfile-")
    }

    /// The files to lint, and errors for targets that do not exist.
    func expand(_ targets: [String]) -> (files: [String], errors: [TargetError]) {
        var files: [String] = []
        var errors: [TargetError] = []
        let fm = FileManager.default
        for target in targets {
            if target == "-" {
                files.append(target)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: target, isDirectory: &isDirectory) else {
                errors.append(TargetError(code: "not-found", target: target, message: "\(target): no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(target)
                continue
            }
            var found: [String] = []
            walk(target, depth: 0, into: &found)
            if found.isEmpty {
                errors.append(
                    TargetError(code: "no-dockerfiles", target: target, message: "\(target): no Dockerfiles found in this directory"))
            }
            files.append(contentsOf: found.sorted())
        }
        return (files, errors)
    }

    private func walk(_ dir: String, depth: Int, into found: inout [String]) {
        guard depth < 32, let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in entries.sorted() {
            let path = dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
            var info = stat()
            // lstat: never follow symlinked directories (loops, escapes).
            guard lstat(path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                if !Self.skippedDirectories.contains(name) { walk(path, depth: depth + 1, into: &found) }
            } else if (type == S_IFREG || type == S_IFLNK), Self.isDockerfileName(name) {
                found.append(path)
            }
        }
    }

    /// Whether a `.dockerignore` exists for the Dockerfile at `path` (nil for stdin).
    static func hasDockerignore(for path: String) -> Bool? {
        guard path != "-" else { return nil }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let fm = FileManager.default
        return fm.fileExists(atPath: dir.appendingPathComponent(".dockerignore").path)
            || fm.fileExists(atPath: dir.appendingPathComponent(url.lastPathComponent + ".dockerignore").path)
    }
}
