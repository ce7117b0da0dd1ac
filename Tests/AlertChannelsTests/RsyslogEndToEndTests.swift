import AlertChannels
import Foundation
import Testing

/// Alerts delivered to a real rsyslogd over UDP, TCP and TLS, read back from the file it writes.
@Suite(
    .serialized,
    .enabled(
        if: IntegrationTools.shouldRun(["rsyslogd", "openssl"]),
        "rsyslogd or openssl is not installed (set BULKHEAD_INTEGRATION=1 to make this a failure)"
    )
)
struct RsyslogEndToEndTests {
    /// A fresh PKI and rsyslogd; both are removed (rsyslogd SIGKILLed) when the test ends, pass or fail.
    final class Fixture {
        let directory: String
        let pki: TestPKI
        let server: RsyslogServer

        init() throws {
            directory = try IntegrationTools.temporaryDirectory("rsyslog-pki")
            do {
                pki = try TestPKI(directory: directory)
                server = try RsyslogServer(pki: pki)
            } catch {
                try? FileManager.default.removeItem(atPath: directory)
                throw error
            }
        }

        deinit {
            server.kill()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func texts(_ transport: String) -> [String] {
        [
            "first \(transport) alert: shell in container café ☕",
            #"{"rule":"Terminal shell in container","priority":"Warning","output":"a \#(transport) b"}"#,
            "third \(transport) alert with [brackets] and \"quotes\"",
            String(repeating: "long-\(transport)-", count: 300),
            "last \(transport) alert",
        ]
    }

    static func channel(_ server: RsyslogServer, _ transport: SyslogChannel.Transport, appName: String)
        -> SyslogChannel
    {
        let port: UInt16
        switch transport {
        case .udp: port = server.udpPort
        case .tcp: port = server.tcpPort
        case .tls(let configuration):
            port = configuration.certificateFile == nil ? server.tlsPort : server.mutualTLSPort
        }
        return SyslogChannel(
            host: "127.0.0.1",
            port: port,
            transport: transport,
            hostname: "node-1",
            appName: appName,
            messageID: "Terminal_shell",
            timeout: 10
        )
    }

    @Test func deliversOverUDPTCPAndTLSInOrder() throws {
        let fixture = try Fixture()
        let server = fixture.server
        let pki = fixture.pki
        let cases: [(app: String, transport: SyslogChannel.Transport)] = [
            ("bulkhead-udp", .udp),
            ("bulkhead-tcp", .tcp),
            ("bulkhead-tls", .tls(TLSClientConfiguration(caFile: pki.caFile))),
            // The certificate names localhost too: verified by DNS name (and sent as SNI).
            ("bulkhead-tls-name", .tls(TLSClientConfiguration(caFile: pki.caFile, serverName: "localhost"))),
            (
                "bulkhead-mtls",
                .tls(
                    TLSClientConfiguration(
                        caFile: pki.caFile,
                        certificateFile: pki.clientCertificate,
                        privateKeyFile: pki.clientKey
                    )
                )
            ),
        ]
        for (app, transport) in cases {
            let channel = Self.channel(server, transport, appName: app)
            for (n, text) in Self.texts(app).enumerated() {
                try channel.send(AlertMessage(text: text, time: 1_700_000_000_000_000_000 + UInt64(n), severity: 4))
            }
            channel.close()
        }
        for (app, transport) in cases {
            let expected = Self.texts(app).map { "- Terminal_shell - " + $0 }
            let received = server.lines(appName: app, count: expected.count)
            if case .udp = transport {
                // Datagrams may be reordered in principle; none may be lost or altered on loopback.
                #expect(received.sorted() == expected.sorted(), "\(app)")
            } else {
                #expect(received == expected, "\(app)")
            }
        }
    }

    @Test func untrustedServerIsADeliveryFailureWithAClearError() throws {
        let fixture = try Fixture()
        let server = fixture.server
        let pki = fixture.pki
        let port = server.tlsPort
        let untrusted = Self.channel(server, .tls(TLSClientConfiguration(caFile: pki.otherCAFile)), appName: "bad")
        let dispatcher = AlertDispatcher(channels: [untrusted], capacity: 10)
        for n in 0..<3 { #expect(dispatcher.dispatch(AlertMessage(text: "never \(n)", time: 0, severity: 4)) == 1) }
        #expect(dispatcher.flush(timeout: 30))
        let stats = try #require(dispatcher.statistics().first)
        #expect(stats.failed == 3 && stats.delivered == 0 && stats.dropped == 0 && stats.isConsistent)
        let error = try #require(dispatcher.lastErrors()["syslog-tls"])
        #expect(error.code == .tls)
        // rsyslog sends its CA along with its certificate, so OpenSSL reports the untrusted root.
        #expect(
            error.message
                == "syslog-tls 127.0.0.1:\(port): TLS handshake failed: certificate verify failed: "
                + "self-signed certificate in certificate chain"
        )
        #expect(dispatcher.close(timeout: 10))

        // The system trust store does not know the test CA either.
        let system = Self.channel(server, .tls(TLSClientConfiguration()), appName: "bad")
        #expect {
            try system.send(AlertMessage(text: "never", time: 0, severity: 4))
        } throws: { error in
            (error as? AlertChannelError)?.message.contains("certificate verify failed") == true
        }
        // Trusted CA, wrong name; then wrong IP address.
        let wrongName = Self.channel(
            server,
            .tls(TLSClientConfiguration(caFile: pki.caFile, serverName: "wrong.example")),
            appName: "bad"
        )
        #expect {
            try wrongName.send(AlertMessage(text: "never", time: 0, severity: 4))
        } throws: { error in
            (error as? AlertChannelError)?.message
                == "syslog-tls 127.0.0.1:\(port): TLS handshake failed: certificate verify failed: hostname mismatch"
        }
        let wrongAddress = Self.channel(
            server,
            .tls(TLSClientConfiguration(caFile: pki.caFile, serverName: "127.0.0.2")),
            appName: "bad"
        )
        #expect {
            try wrongAddress.send(AlertMessage(text: "never", time: 0, severity: 4))
        } throws: { error in
            (error as? AlertChannelError)?.message.hasSuffix("certificate verify failed: IP address mismatch") == true
        }
        // Verification off (insecure): the same untrusted server is accepted.
        let insecure = Self.channel(
            server,
            .tls(TLSClientConfiguration(caFile: pki.otherCAFile, serverName: "wrong.example", verifyPeer: false)),
            appName: "bulkhead-insecure"
        )
        try insecure.send(AlertMessage(text: "accepted without verification", time: 0, severity: 4))
        insecure.close()
        #expect(
            server.lines(appName: "bulkhead-insecure", count: 1)
                == ["- Terminal_shell - accepted without verification"]
        )
        #expect(server.lines().allSatisfy { !$0.hasPrefix("bad ") })
    }
}
