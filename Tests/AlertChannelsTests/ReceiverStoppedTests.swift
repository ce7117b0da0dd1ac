import AlertChannels
import Foundation
import Testing

/// A receiver SIGKILLed mid-stream: enqueueing goes on without blocking, and every alert is accounted
/// for exactly — delivered before the kill, dropped at the full queue, or failed after it.
///
/// Determinism without timing: the channel's worker is held inside `send` (``GatedChannel``) while the
/// burst is enqueued, so the queue holds exactly `capacity` alerts and the rest are dropped.
@Suite(.serialized)
struct ReceiverStoppedTests {
    static let capacity = 16
    static let beforeKill = 10  // fewer than `capacity`: none dropped while the receiver lives
    static let burst = 100

    /// Runs the scenario against `channel` whose receiver `kill` stops; `arrived` reads what the receiver
    /// stored. Returns the final statistics.
    static func run(
        _ real: any AlertChannel,
        arrived: () throws -> [String],
        kill: () -> Void
    ) throws -> ChannelStatistics {
        let channel = GatedChannel(real)
        let dispatcher = AlertDispatcher(channels: [channel], capacity: capacity)
        defer { dispatcher.close(timeout: 10) }

        // 1. Receiver alive: everything arrives.
        let early = (0..<beforeKill).map { "alert \($0) before the kill" }
        for text in early { #expect(dispatcher.dispatch(AlertMessage(text: text, time: 0, severity: 4)) == 1) }
        #expect(dispatcher.flush(timeout: 60))
        var received: [String] = []
        _ = IntegrationTools.poll {
            received = (try? arrived()) ?? []
            return received.count >= beforeKill
        }
        #expect(received == early)

        // 2. SIGKILL the receiver; hold the worker in its next send.
        kill()
        channel.hold()
        #expect(dispatcher.dispatch(AlertMessage(text: "in flight", time: 0, severity: 4)) == 1)
        #expect(channel.waitUntilHeld())

        // 3. Evaluation goes on: a burst is enqueued while the worker is stuck. The queue takes exactly
        //    `capacity`, the rest is dropped; no call blocks (the worker holds no lock while in send).
        var accepted = 0
        for n in 0..<burst {
            accepted += dispatcher.dispatch(AlertMessage(text: "burst \(n)", time: 0, severity: 4))
        }
        #expect(accepted == capacity)
        let stuck = try #require(dispatcher.statistics().first)
        #expect(stuck.submitted == beforeKill + 1 + burst)
        #expect(stuck.delivered == beforeKill)
        #expect(stuck.inFlight == 1)
        #expect(stuck.queued == capacity)
        #expect(stuck.dropped == burst - capacity)
        #expect(stuck.failed == 0)
        #expect(stuck.isConsistent)

        // 4. Let it go: the queued alerts meet the dead receiver and fail; nothing is lost from the count.
        channel.release()
        #expect(dispatcher.flush(timeout: 120))
        let final = try #require(dispatcher.statistics().first)
        #expect(final.submitted == beforeKill + 1 + burst)
        #expect(final.dropped == burst - capacity)
        #expect(final.queued == 0 && final.inFlight == 0 && final.discarded == 0)
        #expect(final.delivered + final.failed == beforeKill + 1 + capacity)
        #expect(final.isConsistent)
        // The receiver is dead: it has exactly what it stored before the kill.
        #expect((try? arrived()) == early)
        return final
    }

    @Test(
        .enabled(
            if: IntegrationTools.shouldRun(["rsyslogd", "openssl"]),
            "rsyslogd or openssl is not installed (set BULKHEAD_INTEGRATION=1 to make this a failure)"
        ),
        arguments: [false, true]
    )
    func rsyslogKilledMidStream(overTLS: Bool) throws {
        let fixture = try RsyslogEndToEndTests.Fixture()
        let server = fixture.server
        func makeChannel(appName: String) -> SyslogChannel {
            // A generous timeout: on a loaded machine a TLS handshake with a fresh rsyslogd can take seconds.
            SyslogChannel(
                host: "127.0.0.1",
                port: overTLS ? server.tlsPort : server.tcpPort,
                transport: overTLS ? .tls(TLSClientConfiguration(caFile: fixture.pki.caFile)) : .tcp,
                hostname: "node-1",
                appName: appName,
                messageID: "m",
                timeout: 30
            )
        }
        // The listener is up and completes a handshake before the scenario starts (another app name, so the
        // scenario's count is unaffected).
        let warmUp = makeChannel(appName: "warm-up")
        #expect(
            IntegrationTools.poll(attempts: 100) {
                (try? warmUp.send(AlertMessage(text: "ready?", time: 0, severity: 6))) != nil
            }
        )
        warmUp.close()
        let channel = makeChannel(appName: "bulkhead")
        let final = try Self.run(
            channel,
            arrived: { server.lines(appName: "bulkhead", count: 0).map { String($0.dropFirst("- m - ".count)) } },
            kill: { server.kill() }
        )
        // Syslog has no acknowledgements: the channel checks for the server's end of stream before each
        // write, so normally every alert after the kill fails; one written in the instant the kernel had
        // not yet seen the server's FIN would count as delivered.
        #expect(final.delivered >= Self.beforeKill && final.delivered <= Self.beforeKill + 1)
        #expect(final.failed >= Self.capacity)
    }

    @Test(
        .enabled(
            if: IntegrationTools.shouldRun(["python3", "openssl"]),
            "python3 or openssl is not installed (set BULKHEAD_INTEGRATION=1 to make this a failure)"
        )
    )
    func httpsWebhookKilledMidStream() throws {
        let fixture = try HTTPSWebhookTests.Fixture(secret: "k")
        let receiver = fixture.receiver
        let channel = try WebhookChannel(
            url: try #require(URL(string: "https://127.0.0.1:\(receiver.port)/alerts")),
            secret: "k",
            tls: TLSClientConfiguration(caFile: fixture.pki.caFile),
            attempts: 2,
            backoff: 0.001,
            timeout: 5
        )
        let final = try Self.run(
            channel,
            arrived: { try receiver.requests().map(\.body) },
            kill: { receiver.kill() }
        )
        // HTTP answers each alert: exactly those before the kill were delivered.
        #expect(final.delivered == Self.beforeKill)
        #expect(final.failed == 1 + Self.capacity)
    }
}
