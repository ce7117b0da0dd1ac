import DockerHostAudit
import Foundation
import ImageSources
import SecurityModel

/// The I/O adapter of the daemon and host-file audit (CIS Docker v1.6.0 sections 2 and 3): gathers the
/// daemon's facts — the Engine `/info`, the daemon configuration file and dockerd's command line from
/// `/proc` — and the ownership and modes of the section 3 files, then runs the pure checks of DockerHostAudit.
///
/// Only reads: `/proc/*/comm` and `/proc/<pid>/cmdline`, the configuration file, `stat` of the planned paths,
/// directory listings of the planned directories, `/etc/passwd` and `/etc/group`. Host files are looked up
/// under `hostRoot` (`/` normally; a mounted host root for offline audits).
struct DockerHostAuditing {
    let client: DockerEngineClient?
    /// The engine's `/info`, when the caller already read it (read here otherwise).
    var info: Result<JSONValue, TargetError>? = nil
    /// The daemon configuration file named by `--daemon-config`; nil means "what dockerd uses".
    let daemonConfigPath: String?
    let hostRoot: String

    static var descriptors: [RuleDescriptor] { DockerHostCatalogue.descriptors }
    static var notAutomated: [(id: String, reason: String)] { DockerHostCatalogue.notAutomated }

    /// True when the engine runs on this machine (a Unix socket), so /proc and host files describe it.
    var engineIsLocal: Bool {
        guard let client else { return true }
        if case .unix = client.endpoint { return true }
        return false
    }

    func audit() -> (findings: [Finding], errors: [TargetError], targets: [String]) {
        var errors: [TargetError] = []
        var info: JSONValue?
        if let client {
            switch self.info ?? Self.readInfo(client) {
            case .success(let value): info = value
            case .failure(let error): errors.append(error)
            }
        }
        let commandLine = engineIsLocal ? Self.dockerdCommandLine(procRoot: hostPath("/proc")) : nil
        let configPath =
            daemonConfigPath ?? commandLine.map { DockerdCommandLine(arguments: $0).configurationFile }
            ?? DaemonFacts.defaultConfigurationPath
        var configuration: JSONValue?
        var configurationRead = false
        if engineIsLocal || daemonConfigPath != nil {
            switch readConfiguration(configPath) {
            case .parsed(let value):
                configuration = value
                configurationRead = true
            case .missing: break
            case .failed(let error): errors.append(error)
            }
        }
        let daemon = DaemonFacts(
            info: info,
            configuration: configuration,
            configurationPath: configurationRead ? configPath : nil,
            commandLine: commandLine
        )
        var targets = ["docker-daemon"]
        var findings = DockerHostCatalogue.evaluate(daemon).flatMap(\.findings)
        if engineIsLocal {
            let snapshot = snapshot(for: DockerHostCatalogue.plan(daemon))
            findings += DockerHostCatalogue.evaluate(snapshot, daemon: daemon).flatMap(\.findings)
            targets.append("host-files:\(hostRoot)")
        }
        return (findings, errors, targets)
    }

    /// The engine's `/info`, or an error naming the engine.
    static func readInfo(_ client: DockerEngineClient) -> Result<JSONValue, TargetError> {
        do {
            return .success(try JSONParser.parse(bytes: try client.info()))
        } catch {
            return .failure(
                TargetError(
                    code: "engine-error",
                    target: "Docker Engine at \(client.endpoint)",
                    message: "Docker Engine at \(client.endpoint): /info could not be read: \(error)"
                )
            )
        }
    }

    /// The security features (`apparmor`, `selinux`, `seccomp`, …) an `/info` answer names; nil when it
    /// has no `SecurityOptions` (unknown: every check applies).
    static func securityFeatures(_ info: JSONValue) -> Set<String>? {
        guard info["SecurityOptions"]?.arrayValue != nil else { return nil }
        return Set(DaemonInfo(json: info).securityOptions.map { $0.name.lowercased() })
    }

    /// `path` under ``hostRoot``.
    func hostPath(_ path: String) -> String {
        hostRoot == "/" || hostRoot.isEmpty ? path : (hostRoot as NSString).appendingPathComponent(path)
    }

    /// dockerd's argv: the first process whose `comm` is `dockerd`, its `cmdline` split at NUL.
    static func dockerdCommandLine(procRoot: String) -> [String]? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: procRoot) else { return nil }
        let pids = entries.compactMap(Int.init).sorted()
        for pid in pids {
            guard let comm = try? String(contentsOfFile: "\(procRoot)/\(pid)/comm", encoding: .utf8),
                comm.trimmingCharacters(in: .whitespacesAndNewlines) == "dockerd",
                let data = FileManager.default.contents(atPath: "\(procRoot)/\(pid)/cmdline"), !data.isEmpty
            else { continue }
            return data.split(separator: 0, omittingEmptySubsequences: false).dropLast(data.last == 0 ? 1 : 0)
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return nil
    }

    /// What reading the daemon configuration gave.
    enum ConfigurationRead {
        case parsed(JSONValue)
        case missing
        case failed(TargetError)
    }

    /// Reads and parses the daemon configuration file.
    func readConfiguration(_ path: String) -> ConfigurationRead {
        let full = hostPath(path)
        var info = stat()
        guard stat(full, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return .missing }
            return .failed(
                TargetError(
                    code: "unreadable",
                    target: path,
                    message: "\(path): cannot read the daemon configuration: \(String(cString: strerror(errno)))"
                )
            )
        }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= 4 << 20 else {
            return .failed(
                TargetError(
                    code: "invalid-daemon-config",
                    target: path,
                    message: "\(path): the daemon configuration is not a regular file of at most 4 MiB"
                )
            )
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            return .failed(
                TargetError(code: "unreadable", target: path, message: "\(path): cannot read the daemon configuration")
            )
        }
        do {
            return .parsed(try JSONParser.parse(bytes: [UInt8](data)))
        } catch {
            return .failed(
                TargetError(
                    code: "invalid-daemon-config",
                    target: path,
                    message: "\(path): not valid JSON (dockerd refuses to start with it): \(error)"
                )
            )
        }
    }

    /// Stats every planned path and lists the planned directories.
    func snapshot(for plan: HostFilePlan) -> HostSnapshot {
        var files: [String: HostFileFacts] = [:]
        var failures: [String: String] = [:]
        var entries: [String: [String]] = [:]
        func examine(_ path: String) {
            guard files[path] == nil, failures[path] == nil else { return }
            var info = stat()
            if stat(hostPath(path), &info) == 0 {
                files[path] = HostFileFacts(
                    path: path,
                    kind: Self.kind(info.st_mode),
                    uid: info.st_uid,
                    gid: info.st_gid,
                    mode: info.st_mode & 0o7777
                )
            } else if errno == ENOENT || errno == ENOTDIR {
                files[path] = .missing(path)
            } else {
                failures[path] = String(cString: strerror(errno))
            }
        }
        func list(_ directory: String, depth: Int) {
            guard depth > 0, let names = try? FileManager.default.contentsOfDirectory(atPath: hostPath(directory))
            else { return }
            let sorted = names.sorted()
            entries[directory] = sorted
            for name in sorted {
                let child = (directory as NSString).appendingPathComponent(name)
                examine(child)
                if files[child]?.kind == .directory { list(child, depth: depth - 1) }
            }
        }
        plan.paths.forEach(examine)
        for listing in plan.listings {
            examine(listing.path)
            list(listing.path, depth: listing.depth)
        }
        return HostSnapshot(
            files: Array(files.values).sorted { $0.path < $1.path },
            failures: failures,
            directoryEntries: entries,
            unitFragmentPaths: [:],
            userNames: Self.names(hostPath("/etc/passwd")),
            groupNames: Self.names(hostPath("/etc/group"))
        )
    }

    static func kind(_ mode: mode_t) -> HostFileFacts.Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFSOCK: return .socket
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// id → name from a passwd/group file (`name:x:id:…`).
    static func names(_ path: String) -> [UInt32: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var out: [UInt32: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 3, let id = UInt32(fields[2]) else { continue }
            if out[id] == nil { out[id] = String(fields[0]) }
        }
        return out
    }
}
