import AlertChannels
import Foundation
import Testing

@Suite struct AlertDispatcherTests {
    @Test func deliversToSeveralChannels() throws {
        let udp = try LocalListener(udp: true)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.log").path
        let dispatcher = AlertDispatcher(channels: [
            SyslogChannel(host: "127.0.0.1", port: udp.port, transport: .udp, hostname: "h"),
            try RotatingFileChannel(path: path, maximumBytes: 1 << 20, keep: 1),
        ])
        for n in 0..<3 { #expect(dispatcher.dispatch(AlertMessage(text: "m\(n)", time: 0, severity: 4)) == 2) }
        #expect(dispatcher.close(timeout: 10))
        let stats = dispatcher.statistics()
        #expect(stats.map(\.name) == ["syslog-udp", "file"])
        #expect(stats.map(\.delivered) == [3, 3])
        #expect(stats.map(\.dropped) == [0, 0])
        #expect(String(decoding: udp.receiveDatagram(), as: UTF8.self).hasSuffix(" - m0"))
        #expect(FileManager.default.contents(atPath: path) == Data("m0\nm1\nm2\n".utf8))
    }

    @Test func deadTCPReceiverCountsFailures() throws {
        let listener = try LocalListener(udp: false)
        let port = listener.port
        listener.close()
        let dispatcher = AlertDispatcher(
            channels: [SyslogChannel(host: "127.0.0.1", port: port, transport: .tcp, hostname: "h")],
            capacity: 100
        )
        for _ in 0..<20 { dispatcher.dispatch(AlertMessage(text: "x", time: 0, severity: 4)) }
        #expect(dispatcher.flush(timeout: 10))
        let stats = try #require(dispatcher.statistics().first)
        #expect(stats.failed == 20)
        #expect(stats.delivered == 0)
        #expect(dispatcher.lastErrors()["syslog-tcp"]?.code == .connect)
        dispatcher.close(timeout: 10)
    }

    @Test func receiverThatNeverReadsDoesNotBlockAndCountsDrops() throws {
        // Accepts connections (backlog) but never reads: the channel's send blocks once buffers fill.
        let listener = try LocalListener(udp: false)
        let channel = SyslogChannel(
            host: "127.0.0.1",
            port: listener.port,
            transport: .tcp,
            hostname: "h",
            timeout: 0.5
        )
        let capacity = 8
        let dispatcher = AlertDispatcher(channels: [channel], capacity: capacity)
        let big = String(repeating: "x", count: 64 * 1024)
        let total = 2_000  // 128 MB: far more than the kernel buffers hold
        var accepted = 0
        for _ in 0..<total { accepted += dispatcher.dispatch(AlertMessage(text: big, time: 0, severity: 4)) }
        // Every dispatch call returned; most alerts were dropped at the queue.
        let stats = try #require(dispatcher.statistics().first)
        #expect(stats.dropped == total - accepted)
        #expect(stats.dropped > 0)
        #expect(stats.delivered + stats.failed + stats.queued <= accepted)
        dispatcher.close(timeout: 0.2)
        let after = try #require(dispatcher.statistics().first)
        #expect(after.delivered + after.failed + after.dropped + after.queued <= total)
        #expect(after.dropped >= stats.dropped)
    }
}
