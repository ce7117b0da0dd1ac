import Foundation
import Glibc

/// A python3 `http.server` wrapped in TLS (the test CA's server certificate), started by a test on
/// 127.0.0.1 on a port it picks itself and reports through a file. Each POST is appended to a JSON-lines
/// file before the 200 answer goes out, so a request the channel saw succeed is already recorded. With
/// `requireClientCertificate`, clients must present a certificate signed by the test CA.
///
/// The process is killed with SIGKILL by ``kill()`` or when the value is released.
final class HTTPSReceiver {
    /// One request as the receiver recorded it.
    struct Request: Decodable, Equatable {
        var path: String
        var body: String
        var signature: String?
        /// Whether `signature` is the HMAC-SHA256 of the body with the secret, as Python computed it.
        var signatureValid: Bool
        /// The client certificate's common name, when one was presented.
        var client: String?
    }

    static let script = """
        import hashlib, hmac, http.server, json, os, ssl, sys
        out, port_file, cert, key, ca, require_client, secret = sys.argv[1:8]

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                signature = self.headers.get("X-Bulkhead-Signature")
                expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
                peer = self.connection.getpeercert() or {}
                client = None
                for rdn in peer.get("subject", ()):
                    for name, value in rdn:
                        if name == "commonName":
                            client = value
                record = {"path": self.path, "body": body.decode("utf-8"), "signature": signature,
                          "signatureValid": signature is not None and hmac.compare_digest(signature, expected),
                          "client": client}
                with open(out, "a", encoding="utf-8") as f:
                    f.write(json.dumps(record) + "\\n")
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.send_header("Connection", "close")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        if require_client == "1":
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(ca)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        with open(port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.rename(port_file + ".tmp", port_file)
        server.serve_forever()
        """

    let directory: String
    /// The port it listens on (reported once bound and listening).
    private(set) var port: UInt16 = 0
    private let process = Process()
    private var started = false
    private var killed = false

    /// Starts the receiver and waits (bounded polling) until it reported its port, which it does after
    /// `listen`.
    init(pki: TestPKI, secret: String = "", requireClientCertificate: Bool = false) throws {
        let python = try IntegrationTools.require("python3")
        directory = try IntegrationTools.temporaryDirectory("https-receiver")
        let scriptFile = directory + "/receiver.py"
        let portFile = directory + "/port"
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: scriptFile))
        let log = directory + "/receiver.out"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            scriptFile, directory + "/requests.jsonl", portFile, pki.serverCertificate, pki.serverKey, pki.caFile,
            requireClientCertificate ? "1" : "0", secret,
        ]
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        started = true
        var reported: UInt16?
        _ = IntegrationTools.poll {
            reported = FileManager.default.contents(atPath: portFile).flatMap {
                UInt16(String(decoding: $0, as: UTF8.self))
            }
            return reported != nil || !process.isRunning
        }
        guard let reported else {
            let output = FileManager.default.contents(atPath: log) ?? Data()
            kill()
            throw IntegrationError("the HTTPS receiver did not start: \(String(decoding: output, as: UTF8.self))")
        }
        port = reported
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The requests recorded so far, in arrival order.
    func requests() throws -> [Request] {
        guard let data = FileManager.default.contents(atPath: directory + "/requests.jsonl") else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(Request.self, from: Data($0))
        }
    }

    /// Kills the receiver with SIGKILL and reaps it (idempotent).
    func kill() {
        guard started, !killed else { return }
        killed = true
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
