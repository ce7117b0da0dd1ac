import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// The daemon and host-file half of `bulkhead audit docker` on a fake host root (`--host-root`), and the
/// command's behaviour when the engine is missing, answers garbage, or never answers.
@Suite struct AuditDockerHostTests {
    /// A scratch host root that is removed afterwards.
    final class HostRoot {
        let path = NSTemporaryDirectory() + "bh-host-root-" + UUID().uuidString
        init() throws {
            for dir in ["etc/docker", "lib/systemd/system", "proc"] {
                try FileManager.default.createDirectory(atPath: "\(path)/\(dir)", withIntermediateDirectories: true)
            }
            try "root:x:0:\ndocker:x:998:\n".write(toFile: "\(path)/etc/group", atomically: true, encoding: .utf8)
            try "root:x:0:0:root:/root:/bin/sh\n".write(toFile: "\(path)/etc/passwd", atomically: true, encoding: .utf8)
        }
        func write(_ relative: String, _ text: String, mode: Int, owner: UInt32 = 0) throws {
            let full = "\(path)/\(relative)"
            try text.write(toFile: full, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: full)
            guard chown(full, owner, 0) == 0 else { throw ProcessLaunchError(message: "chown \(full) failed") }
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Runs `audit docker` with DOCKER_HOST pointing at `socket`.
    func audit(_ arguments: [String], socket: String) throws -> (code: Int32, report: JSONValue, stderr: String) {
        var env = ProcessInfo.processInfo.environment
        env["DOCKER_HOST"] = "unix://\(socket)"
        let (io, out) = CommandIO.capturing(environment: env, currentDirectory: NSTemporaryDirectory())
        let code = Bulkhead.run(
            arguments: ["audit", "docker", "--format", "json", "--no-config", "--fail-on", "none"] + arguments,
            io: io
        )
        return (code, try JSONParser.parse(out.stdout.isEmpty ? "{}" : out.stdout), out.stderr)
    }

    func ruleIDs(_ report: JSONValue) -> Set<String> {
        Set((report["findings"]?.arrayValue ?? []).compactMap { $0["ruleId"]?.stringValue })
    }

    func errorCodes(_ report: JSONValue) -> [String] {
        (report["errors"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }

    @Test func missingEngineIsAnErrorButHostFilesAreStillAudited() throws {
        let root = try HostRoot()
        try root.write("etc/docker/daemon.json", #"{"icc": false, "live-restore": true}"#, mode: 0o666)
        try root.write("lib/systemd/system/docker.service", "[Service]\n", mode: 0o644, owner: 1000)
        let (code, report, _) = try audit(["--host-root", root.path], socket: root.path + "/absent.sock")
        #expect(code == 2)
        #expect(errorCodes(report) == ["engine-unreachable"])
        let message = report["errors"]?.arrayValue?.first?["message"]?.stringValue ?? ""
        #expect(message.contains(root.path + "/absent.sock"), "the error names the endpoint: \(message)")
        let ids = ruleIDs(report)
        #expect(ids.contains("CIS-DOCKER-3.18"), "daemon.json mode 0666 is too open")
        #expect(!ids.contains("CIS-DOCKER-3.17"), "daemon.json is owned by root:root")
        #expect(ids.contains("CIS-DOCKER-3.1"), "docker.service owned by uid 1000")
        #expect(!ids.contains("CIS-DOCKER-3.2"), "docker.service mode 0644 is fine")
        #expect(!ids.contains("CIS-DOCKER-2.2"), "icc is false in daemon.json")
        #expect(ids.contains("CIS-DOCKER-2.14"), "no-new-privileges is not set")
    }

    @Test func malformedDaemonConfigurationNamesTheFile() throws {
        let root = try HostRoot()
        try root.write("etc/docker/daemon.json", #"{"icc": false,"#, mode: 0o644)
        let (code, report, _) = try audit(
            ["--host-root", root.path, "--no-containers"],
            socket: root.path + "/absent.sock"
        )
        #expect(code == 2)
        #expect(errorCodes(report).contains("invalid-daemon-config"))
        let message = (report["errors"]?.arrayValue ?? []).compactMap { $0["message"]?.stringValue }.joined()
        #expect(message.contains("/etc/docker/daemon.json"))
    }

    @Test func explicitDaemonConfigurationIsRead() throws {
        let root = try HostRoot()
        try root.write("etc/docker/custom.json", #"{"userland-proxy": false, "no-new-privileges": true}"#, mode: 0o644)
        let (_, report, _) = try audit(
            ["--host-root", root.path, "--daemon-config", "/etc/docker/custom.json"],
            socket: root.path + "/absent.sock"
        )
        let ids = ruleIDs(report)
        #expect(!ids.contains("CIS-DOCKER-2.16"))
        #expect(!ids.contains("CIS-DOCKER-2.14"))
        #expect(ids.contains("CIS-DOCKER-2.2"), "icc defaults to true")
    }

    /// A Unix socket server (Python) that answers every connection with `reply`, or never answers when nil.
    func withServer(reply: String?, _ body: (String) throws -> Void) throws {
        let directory = NSTemporaryDirectory() + "bh-sock-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let socket = directory + "/engine.sock"
        let answer = reply.map { "c.sendall(\(pythonBytes($0))); c.close()" } ?? "held.append(c)"
        let script = """
            import socket, os
            s = socket.socket(socket.AF_UNIX)
            s.bind(\(pythonBytes(socket)).decode())
            s.listen(8)
            held = []
            while True:
                c, _ = s.accept()
                c.recv(65536)
                \(answer)
            """
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = ["-c", script]
        try server.run()
        defer {
            // SIGKILL: the test runner's children may ignore SIGTERM.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }
        try #require(FileManager.default.fileExists(atPath: socket), "test server did not start")
        try body(socket)
    }

    func pythonBytes(_ text: String) -> String {
        "b'" + text.utf8.map { String(format: "\\x%02x", $0) }.joined() + "'"
    }

    @Test func garbageFromTheEngineIsAClearError() throws {
        try withServer(reply: "this is not HTTP\r\n\r\n") { socket in
            let (code, report, _) = try audit(["--containers-only"], socket: socket)
            #expect(code == 2)
            #expect(errorCodes(report) == ["engine-unreachable"])
            #expect(report["findings"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func anEngineThatNeverAnswersTimesOut() throws {
        try withServer(reply: nil) { socket in
            let (code, report, _) = try audit(["--containers-only", "--timeout", "1"], socket: socket)
            #expect(code == 2)
            let message = report["errors"]?.arrayValue?.first?["message"]?.stringValue ?? ""
            #expect(errorCodes(report) == ["engine-unreachable"])
            #expect(message.lowercased().contains("time"), "\(message)")
        }
    }

    @Test func listChecksNamesEverySection() throws {
        let (io, out) = CommandIO.capturing(environment: [:], currentDirectory: "/")
        #expect(Bulkhead.run(arguments: ["audit", "docker", "--list-checks", "--no-config"], io: io) == 0)
        for id in ["CIS-DOCKER-2.2", "CIS-DOCKER-3.15", "CIS-DOCKER-5.5", "CIS-DOCKER-C.5.3.3", "CIS-DOCKER-4.1"] {
            #expect(out.stdout.contains(id + " "), "\(id)")
        }
        #expect(out.stdout.contains("CIS-DOCKER-5.7"), "manual checks are listed with their reason")
    }
}
