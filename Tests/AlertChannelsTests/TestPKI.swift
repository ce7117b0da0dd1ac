import Foundation
import TestSupport

/// Throw-away certificates made with the openssl CLI: a CA, a server certificate for IP 127.0.0.1 and
/// name localhost signed by it, a client certificate (CN bulkhead-client) signed by it, and a second,
/// unrelated CA that signed nothing the servers use.
struct TestPKI {
    let directory: String
    var caFile: String { directory + "/ca.pem" }
    var otherCAFile: String { directory + "/other-ca.pem" }
    var serverCertificate: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server.key" }
    var clientCertificate: String { directory + "/client.pem" }
    var clientKey: String { directory + "/client.key" }

    /// Generates everything into `directory` (EC P-256 keys, valid for two days).
    init(directory: String) throws {
        self.directory = directory
        let openssl = try IntegrationTools.require("openssl")
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        func run(_ arguments: [String]) throws {
            let result = try runProcessBlocking([openssl] + arguments)
            guard result.status == 0 else {
                throw IntegrationError("openssl \(arguments.joined(separator: " ")) failed: \(result.stderr)")
            }
        }
        for (name, subject) in [("ca", "Bulkhead Test CA"), ("other-ca", "Unrelated Test CA")] {
            try run(
                ["req", "-x509"] + ec + [
                    "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).pem", "-days", "2",
                    "-subj", "/CN=\(subject)", "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                ]
            )
        }
        let leaves = [
            ("server", "localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"),
            ("client", "bulkhead-client", "extendedKeyUsage=clientAuth\n"),
        ]
        for (serial, (name, subject, extensions)) in leaves.enumerated() {
            let extensionFile = "\(directory)/\(name).ext"
            try Data(
                ("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n" + extensions).utf8
            ).write(to: URL(fileURLWithPath: extensionFile))
            try run(
                ["req", "-new"] + ec + [
                    "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).csr",
                    "-subj", "/CN=\(subject)",
                ]
            )
            try run([
                "x509", "-req", "-in", "\(directory)/\(name).csr", "-CA", "\(directory)/ca.pem",
                "-CAkey", "\(directory)/ca.key", "-set_serial", "\(serial + 2)", "-days", "2",
                "-out", "\(directory)/\(name).pem", "-extfile", extensionFile,
            ])
        }
    }
}
