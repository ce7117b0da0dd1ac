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

    /// A file to lint: the path as shown to the user and the path used to open it.
    struct Input: Hashable {
        var display: String
        var path: String
    }

    /// Directory that relative targets are resolved against.
    var baseDirectory: String
    /// Which file names a directory search picks up (Dockerfiles by default).
    var accepts: @Sendable (String) -> Bool = DockerfileDiscovery.isDockerfileName
    /// What the search looks for, for the "none found" error (`Dockerfiles`).
    var kind = "Dockerfiles"
    /// The stable error code when a directory holds none (`no-dockerfiles`).
    var noneFoundCode = "no-dockerfiles"

    /// The files to lint, and errors for targets that do not exist.
    func expand(_ targets: [String]) -> (files: [Input], errors: [TargetError]) {
        var files: [Input] = []
        var errors: [TargetError] = []
        let fm = FileManager.default
        for target in targets {
            if target == "-" {
                files.append(Input(display: "-", path: "-"))
                continue
            }
            let absolute = target.hasPrefix("/") ? target : (baseDirectory as NSString).appendingPathComponent(target)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: absolute, isDirectory: &isDirectory) || isSymlink(absolute) else {
                errors.append(
                    TargetError(code: "not-found", target: target, message: "\(target): no such file or directory")
                )
                continue
            }
            guard isDirectory.boolValue else {
                files.append(Input(display: target, path: absolute))
                continue
            }
            var found: [Input] = []
            walk(display: target, path: absolute, depth: 0, into: &found)
            if found.isEmpty {
                errors.append(
                    TargetError(
                        code: noneFoundCode,
                        target: target,
                        message: "\(target): no \(kind) found in this directory"
                    )
                )
            }
            files.append(contentsOf: found.sorted { $0.display < $1.display })
        }
        return (files, errors)
    }

    private func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    private func walk(display dir: String, path dirPath: String, depth: Int, into found: inout [Input]) {
        guard depth < 32, let entries = try? FileManager.default.contentsOfDirectory(atPath: dirPath) else { return }
        for name in entries.sorted() {
            let display = dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
            let path = (dirPath as NSString).appendingPathComponent(name)
            var info = stat()
            // lstat: never follow symlinked directories (loops, escapes).
            guard lstat(path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                if !Self.skippedDirectories.contains(name) && !name.hasPrefix(".build") {
                    walk(display: display, path: path, depth: depth + 1, into: &found)
                }
            } else if (type == S_IFREG || type == S_IFLNK), accepts(name) {
                found.append(Input(display: display, path: path))
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
