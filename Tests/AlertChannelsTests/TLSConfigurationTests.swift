import AlertChannels
import Foundation
import Testing

@Suite struct TLSConfigurationTests {
    /// The ``AlertChannelError`` that `body` throws, nil when it throws nothing.
    static func setupError(_ body: () throws -> Void) -> AlertChannelError? {
        do {
            try body()
            return nil
        } catch let error as AlertChannelError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func defaultsVerifyAgainstTheSystemStore() throws {
        let configuration = TLSClientConfiguration()
        #expect(configuration.verifyPeer)
        #expect(configuration.caFile == nil && configuration.certificateFile == nil)
        #expect(Self.setupError { try configuration.validate() } == nil)
    }

    @Test func missingCAFileNamesTheFile() throws {
        let path = "/nonexistent/bulkhead-ca-\(UUID().uuidString).pem"
        let error = try #require(Self.setupError { try TLSClientConfiguration(caFile: path).validate() })
        #expect(error.code == .setup)
        #expect(error.message.contains(path))
        #expect(error.message.contains("No such file"))
    }

    @Test func garbageCAFileIsRejectedWithOpenSSLsReason() throws {
        let directory = try IntegrationTools.temporaryDirectory("tls-config")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ca.pem"
        try Data("this is not a certificate\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(Self.setupError { try TLSClientConfiguration(caFile: path).validate() })
        #expect(error.code == .setup)
        #expect(error.message.hasPrefix("cannot load CA file \(path): "))
        // Skipping verification does not read the CA file at all.
        #expect(Self.setupError { try TLSClientConfiguration(caFile: path, verifyPeer: false).validate() } == nil)
    }

    @Test func keyWithoutCertificateIsRejected() throws {
        let error = try #require(
            Self.setupError { try TLSClientConfiguration(privateKeyFile: "/tmp/key.pem").validate() }
        )
        #expect(error.code == .setup)
        #expect(error.message == "private key /tmp/key.pem given without a client certificate")
    }

    @Test(
        .enabled(
            if: IntegrationTools.shouldRun(["openssl"]),
            "openssl is not installed (set BULKHEAD_INTEGRATION=1 to make this a failure)"
        )
    )
    func mismatchedKeyAndCertificateAreRejected() throws {
        let directory = try IntegrationTools.temporaryDirectory("tls-config")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pki = try TestPKI(directory: directory)
        let good = TLSClientConfiguration(
            caFile: pki.caFile,
            certificateFile: pki.clientCertificate,
            privateKeyFile: pki.clientKey
        )
        #expect(Self.setupError { try good.validate() } == nil)
        var bad = good
        bad.privateKeyFile = pki.serverKey
        let error = try #require(Self.setupError { try bad.validate() })
        #expect(error.code == .setup)
        #expect(error.message.contains("private key \(pki.serverKey)"))
        #expect(error.message.contains(pki.clientCertificate))
        // A certificate file without the key in it, and no key file.
        var keyless = good
        keyless.privateKeyFile = nil
        let keyError = try #require(Self.setupError { try keyless.validate() })
        #expect(keyError.message.hasPrefix("cannot load private key \(pki.clientCertificate) for client certificate "))
    }

    @Test func webhookAcceptsHTTPSAndReportsABadCAFileAtSetup() throws {
        let url = try #require(URL(string: "https://127.0.0.1:9/alerts"))
        #expect(Self.setupError { _ = try WebhookChannel(url: url) } == nil)
        let error = try #require(
            Self.setupError {
                _ = try WebhookChannel(url: url, tls: TLSClientConfiguration(caFile: "/nonexistent/ca.pem"))
            }
        )
        #expect(error.code == .setup)
        #expect(error.message.hasPrefix("webhook https://127.0.0.1:9/alerts: cannot read CA file /nonexistent/ca.pem"))
    }

    @Test func syslogOverTLSReportsABadCAFileOnSend() throws {
        let channel = SyslogChannel(
            host: "127.0.0.1",
            port: 9,
            transport: .tls(TLSClientConfiguration(caFile: "/nonexistent/ca.pem")),
            hostname: "h"
        )
        #expect(channel.name == "syslog-tls")
        let error = try #require(Self.setupError { try channel.send(AlertMessage(text: "x", time: 0, severity: 4)) })
        #expect(error.code == .setup)
        #expect(error.message.hasPrefix("syslog-tls 127.0.0.1:9: cannot read CA file /nonexistent/ca.pem"))
        channel.close()
    }

    @Test func nothingListeningIsAConnectFailureNamingHostAndPort() throws {
        let listener = try LocalListener(udp: false)
        let port = listener.port
        listener.close()
        let channel = SyslogChannel(host: "127.0.0.1", port: port, transport: .tls(.init()), hostname: "h")
        let error = try #require(Self.setupError { try channel.send(AlertMessage(text: "x", time: 0, severity: 4)) })
        #expect(error.code == .connect)
        #expect(error.message.hasPrefix("syslog-tls 127.0.0.1:\(port): cannot connect"))
    }
}
