import AlertChannels
import Foundation
import Testing

/// The webhook channel against a local python3 HTTPS receiver using the test CA's certificate.
@Suite(
    .serialized,
    .enabled(
        if: IntegrationTools.shouldRun(["python3", "openssl"]),
        "python3 or openssl is not installed (set BULKHEAD_INTEGRATION=1 to make this a failure)"
    )
)
struct HTTPSWebhookTests {
    /// A fresh PKI and receiver; the receiver is SIGKILLed and the files removed when the test ends.
    final class Fixture {
        let directory: String
        let pki: TestPKI
        let receiver: HTTPSReceiver

        init(secret: String = "", requireClientCertificate: Bool = false) throws {
            directory = try IntegrationTools.temporaryDirectory("https-pki")
            do {
                pki = try TestPKI(directory: directory)
                receiver = try HTTPSReceiver(
                    pki: pki,
                    secret: secret,
                    requireClientCertificate: requireClientCertificate
                )
            } catch {
                try? FileManager.default.removeItem(atPath: directory)
                throw error
            }
        }

        deinit {
            receiver.kill()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func postsBodiesWithHMACOverHTTPS() throws {
        let secret = "s3cret-ключ"
        let fixture = try Fixture(secret: secret)
        let url = try #require(URL(string: "https://127.0.0.1:\(fixture.receiver.port)/hooks/falco?x=1"))
        let channel = try WebhookChannel(
            url: url,
            secret: secret,
            tls: TLSClientConfiguration(caFile: fixture.pki.caFile)
        )
        let bodies = [
            #"{"rule":"Terminal shell in container","priority":"Warning","output":"café ☕"}"#,
            #"{"rule":"Read sensitive file","priority":"Error","output":"/etc/shadow"}"#,
            String(repeating: "x", count: 100_000),
        ]
        for body in bodies { try channel.send(AlertMessage(text: body, time: 0, severity: 4)) }
        // By name as well: localhost is in the certificate.
        let byName = try WebhookChannel(
            url: try #require(URL(string: "https://localhost:\(fixture.receiver.port)/n")),
            secret: secret,
            tls: TLSClientConfiguration(caFile: fixture.pki.caFile)
        )
        try byName.send(AlertMessage(text: "{}", time: 0, severity: 4))
        let requests = try fixture.receiver.requests()
        #expect(requests.map(\.body) == bodies + ["{}"])
        #expect(requests.map(\.path) == Array(repeating: "/hooks/falco?x=1", count: 3) + ["/n"])
        #expect(requests.allSatisfy { $0.signatureValid })
        #expect(
            requests.map(\.signature)
                == (bodies + ["{}"]).map { WebhookChannel.signature(body: Array($0.utf8), secret: Array(secret.utf8)) }
        )
        #expect(requests.allSatisfy { $0.client == nil })
    }

    @Test func mutualTLSPresentsTheClientCertificate() throws {
        let fixture = try Fixture(requireClientCertificate: true)
        let url = try #require(URL(string: "https://127.0.0.1:\(fixture.receiver.port)/"))
        let pki = fixture.pki
        let anonymous = try WebhookChannel(url: url, tls: TLSClientConfiguration(caFile: pki.caFile), attempts: 1)
        // TLS 1.3: the client's handshake ends before the server checks; its alert arrives on the read — or,
        // when the server has already closed the connection (a loaded machine), the write is reset.
        #expect {
            try anonymous.send(AlertMessage(text: "anonymous", time: 0, severity: 4))
        } throws: { error in
            guard let failure = error as? AlertChannelError else { return false }
            return (failure.code == .tls && failure.message.contains("certificate required"))
                || failure.message.contains("Connection reset by peer")
        }
        let client = try WebhookChannel(
            url: url,
            tls: TLSClientConfiguration(
                caFile: pki.caFile,
                certificateFile: pki.clientCertificate,
                privateKeyFile: pki.clientKey
            ),
            // The single-threaded receiver may still be tearing down the refused handshake above and reset
            // the next connection: the webhook's own retry covers that, as it would in production.
            attempts: 3,
            backoff: 0.05
        )
        try client.send(AlertMessage(text: "with certificate", time: 0, severity: 4))
        let requests = try fixture.receiver.requests()
        #expect(requests.map(\.body) == ["with certificate"])
        #expect(requests.map(\.client) == ["bulkhead-client"])
    }

    @Test func untrustedReceiverFailsWithoutRetryingAndNothingIsPosted() throws {
        let fixture = try Fixture()
        let port = fixture.receiver.port
        let url = try #require(URL(string: "https://127.0.0.1:\(port)/"))
        let channel = try WebhookChannel(
            url: url,
            tls: TLSClientConfiguration(caFile: fixture.pki.otherCAFile),
            attempts: 5,
            backoff: 10
        )
        #expect {
            try channel.send(AlertMessage(text: "never", time: 0, severity: 4))
        } throws: { error in
            // No "(after 5 attempts)": a rejected certificate is not retried (a 10 s backoff would show).
            (error as? AlertChannelError)?.message
                == "webhook 127.0.0.1:\(port): TLS handshake failed: certificate verify failed: "
                + "unable to get local issuer certificate"
        }
        // The same through a dispatcher: a counted failure, not a crash.
        let dispatcher = AlertDispatcher(channels: [channel], capacity: 4)
        dispatcher.dispatch(AlertMessage(text: "never", time: 0, severity: 4))
        #expect(dispatcher.flush(timeout: 30))
        #expect(dispatcher.statistics().first?.failed == 1)
        #expect(dispatcher.close(timeout: 10))
        #expect(try fixture.receiver.requests().isEmpty)
    }
}
