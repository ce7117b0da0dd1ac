import AlertChannels
import Foundation
import Testing

@Suite struct SyslogChannelTests {
    // 2023-11-14T22:13:20.123456789Z, severity warning (4).
    static let message = AlertMessage(
        text: "22:13:20.123456789: Warning shell in café",
        time: 1_700_000_000_123_456_789,
        severity: 4
    )

    @Test func udpSendsOneRFC5424Datagram() throws {
        let listener = try LocalListener(udp: true)
        let channel = SyslogChannel(host: "127.0.0.1", port: listener.port, transport: .udp, hostname: "node-1")
        try channel.send(Self.message)
        channel.close()
        let datagram = String(decoding: listener.receiveDatagram(), as: UTF8.self)
        // PRI = user (1) * 8 + warning (4) = 12.
        #expect(datagram == "<12>1 2023-11-14T22:13:20.123456Z node-1 bulkhead - alert - " + Self.message.text)
    }

    @Test func tcpUsesOctetCountingInBytes() throws {
        let listener = try LocalListener(udp: false)
        let facility = try #require(SyslogFacility.local(0))
        let channel = SyslogChannel(
            host: "127.0.0.1",
            port: listener.port,
            transport: .tcp,
            facility: facility,
            hostname: "node 1",
            appName: "falco",
            procID: "77",
            messageID: "Terminal shell"
        )
        let second = AlertMessage(text: "second", time: 0, severity: 2)
        try channel.send(Self.message)
        try channel.send(second)
        channel.close()
        let connection = listener.accept()
        defer { Glibc.close(connection) }
        let stream = LocalListener.readAll(connection)
        // local0 (16) * 8 + 4 = 132; local0 * 8 + critical (2) = 130.
        let frame1 = "<132>1 2023-11-14T22:13:20.123456Z node_1 falco 77 Terminal_shell - " + Self.message.text
        let frame2 = "<130>1 1970-01-01T00:00:00.000000Z node_1 falco 77 Terminal_shell - second"
        let expected = "\(frame1.utf8.count) \(frame1)\(frame2.utf8.count) \(frame2)"
        #expect(frame1.utf8.count != frame1.count)  // the count is in octets, not characters
        #expect(String(decoding: stream, as: UTF8.self) == expected)
    }

    @Test func tcpWithNothingListeningFails() throws {
        let listener = try LocalListener(udp: false)
        let port = listener.port
        listener.close()
        let channel = SyslogChannel(host: "127.0.0.1", port: port, transport: .tcp, hostname: "h")
        #expect(throws: AlertChannelError.self) { try channel.send(Self.message) }
    }
}
