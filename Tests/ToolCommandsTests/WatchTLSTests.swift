import Foundation
import Glibc
import TestSupport
import Testing
import ToolCommands

/// The programs the TLS test starts.
enum WatchTLSTools {
    static var shouldRun: Bool { (tool("openssl") != nil && tool("python3") != nil) || Corpus.integrationRequired }

    static func tool(_ name: String) -> String? {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        return nil
    }
}

/// `watch --output syslog+tls://…` end to end against a python3 TLS receiver on 127.0.0.1, with
/// throw-away certificates made by the openssl CLI: the options reach AlertChannels' TLS support.
/// Without openssl and python3 the test is skipped, unless `BULKHEAD_INTEGRATION` demands it.
@Suite(.enabled(if: WatchTLSTools.shouldRun, "needs openssl and python3 (or BULKHEAD_INTEGRATION=1 to require them)"))
struct WatchTLSTests {
    /// Accepts one TLS connection, writes everything received to argv[3] and exits; prints its port first.
    static let receiver = """
        import socket, ssl, sys
        cert, key, out = sys.argv[1:4]
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        server.settimeout(30)
        print(server.getsockname()[1], flush=True)
        data = b""
        while True:
            try:
                raw, _ = server.accept()
            except socket.timeout:
                break
            try:
                connection = context.wrap_socket(raw, server_side=True)
            except (ssl.SSLError, OSError):
                continue
            connection.settimeout(30)
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                data += chunk
            break
        with open(out, "wb") as f:
            f.write(data)
        """

    /// A self-signed certificate for IP 127.0.0.1 and its key.
    static func certificate(_ name: String, in directory: String) throws -> (cert: String, key: String) {
        let openssl = try #require(WatchTLSTools.tool("openssl"), "openssl is not installed")
        let (cert, key) = ("\(directory)/\(name).pem", "\(directory)/\(name).key")
        let result = try runProcessBlocking([
            openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=\(name)",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ])
        try #require(result.status == 0, "openssl: \(result.stderr)")
        return (cert, key)
    }

    /// Starts the receiver; returns the process, its port and the file it writes.
    static func startReceiver(cert: String, key: String, in directory: String) throws -> (Process, UInt16, String) {
        let python = try #require(WatchTLSTools.tool("python3"), "python3 is not installed")
        let script = "\(directory)/receiver.py"
        try receiver.write(toFile: script, atomically: true, encoding: .utf8)
        let out = "\(directory)/received-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, cert, key, out]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // The first line is the port (a blocking read: the receiver prints it once it listens).
        var line: [UInt8] = []
        let handle = pipe.fileHandleForReading
        while let byte = try handle.read(upToCount: 1)?.first, byte != 0x0A { line.append(byte) }
        let port = try #require(UInt16(String(decoding: line, as: UTF8.self)), "no port from the receiver")
        return (process, port, out)
    }

    func watch(_ arguments: [String], in directory: String) -> (Int32, CapturedOutput) {
        let (io, output) = CommandIO.capturing(environment: ["HOSTNAME": "tls-host"], currentDirectory: directory)
        return (Bulkhead.run(arguments: ["watch", "--no-config"] + arguments, io: io), output)
    }

    @Test func deliversOverTLSAndARejectedCertificateCountsAsFailed() throws {
        let dir = try ScratchDirectory()
        try dir.write("rules.yaml", WatchPipelineTests.rules)
        try dir.write("events.jsonl", WatchPipelineTests.execs(6))
        let server = try Self.certificate("server", in: dir.path)
        let other = try Self.certificate("other", in: dir.path)

        let (receiver, port, out) = try Self.startReceiver(cert: server.cert, key: server.key, in: dir.path)
        defer { if receiver.isRunning { kill(receiver.processIdentifier, SIGKILL) } }
        let (code, output) = watch(
            [
                "--replay", "events.jsonl", "--rules", "rules.yaml",
                "--output", "syslog+tls://127.0.0.1:\(port);ca=server.pem;facility=auth",
            ],
            in: dir.path
        )
        #expect(code == 0, "\(output.stderr)")
        receiver.waitUntilExit()
        let frames = WatchPipelineTests.octetCountedFrames(Array(try Data(contentsOf: URL(fileURLWithPath: out))))
        #expect(frames.count == 6)
        // auth (4) × 8 + warning (4) = 36.
        #expect(frames.first?.hasPrefix("<36>1 2025-11-29T08:00:00.000000Z tls-host bulkhead - alert - ") == true)
        #expect(output.stderr.contains("output syslog+tls://127.0.0.1:\(port): delivered 6, dropped 0, failed 0"))

        // The same receiver checked against an unrelated CA (the --tls-ca default): the handshake is
        // refused, every alert fails, and evaluation still ends normally.
        let (second, secondPort, secondOut) = try Self.startReceiver(cert: server.cert, key: server.key, in: dir.path)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        let (rejectedCode, rejected) = watch(
            [
                "--replay", "events.jsonl", "--rules", "rules.yaml", "--tls-ca", other.cert,
                "--output", "syslog+tls://127.0.0.1:\(secondPort)", "--output", "stdout",
            ],
            in: dir.path
        )
        #expect(rejectedCode == 0, "\(rejected.stderr)")
        #expect(WatchPipelineTests.lines(rejected.stdout).count == 6)
        #expect(
            rejected.stderr.contains("output syslog+tls://127.0.0.1:\(secondPort): delivered 0, dropped 0, failed 6")
        )
        kill(second.processIdentifier, SIGKILL)
        second.waitUntilExit()
        _ = secondOut
    }
}
