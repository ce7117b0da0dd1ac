import Foundation
import Glibc

/// A real rsyslogd started for one test: a private configuration (no imuxsock or imklog), its own work
/// directory and pid file, listening on 127.0.0.1 with imudp, imtcp, imtcp over TLS (StreamDriver
/// ossl, anonymous clients) and imtcp over mutual TLS (client certificate signed by the test CA
/// required). Every message goes to one file, one line per message:
/// `APP-NAME PROCID MSGID STRUCTURED-DATA MSG`.
///
/// The process is killed with SIGKILL by ``kill()`` or when the value is released.
final class RsyslogServer {
    let directory: String
    let udpPort: UInt16
    let tcpPort: UInt16
    let tlsPort: UInt16
    let mutualTLSPort: UInt16
    let outputFile: String
    let configurationFile: String
    private let process = Process()
    private var started = false
    private var killed = false

    /// The configuration, as the report shows it; `DIR` and the ports are filled in.
    static func configuration(
        directory: String,
        pki: TestPKI,
        udp: UInt16,
        tcp: UInt16,
        tls: UInt16,
        mutualTLS: UInt16
    ) -> String {
        """
        global(
          workDirectory="\(directory)/work"
          maxMessageSize="64k"
          defaultNetstreamDriverCAFile="\(pki.caFile)"
          defaultNetstreamDriverCertFile="\(pki.serverCertificate)"
          defaultNetstreamDriverKeyFile="\(pki.serverKey)"
        )
        module(load="imudp")
        module(load="imtcp" maxSessions="200")
        template(name="alertLine" type="string"
                 string="%app-name% %procid% %msgid% %structured-data% %msg%\\n")
        ruleset(name="alerts") {
          action(type="omfile" file="\(directory)/messages.log" template="alertLine")
        }
        input(type="imudp" address="127.0.0.1" port="\(udp)" ruleset="alerts")
        input(type="imtcp" address="127.0.0.1" port="\(tcp)" ruleset="alerts")
        input(type="imtcp" address="127.0.0.1" port="\(tls)" ruleset="alerts"
              streamDriver.name="ossl" streamDriver.mode="1" streamDriver.authMode="anon")
        input(type="imtcp" address="127.0.0.1" port="\(mutualTLS)" ruleset="alerts"
              streamDriver.name="ossl" streamDriver.mode="1" streamDriver.authMode="x509/certvalid")

        """
    }

    /// Writes the configuration into a new temporary directory, starts `rsyslogd -n -f CONF -i PIDFILE`
    /// and waits (bounded polling) until the TCP listeners accept and a UDP probe reached the file.
    init(pki: TestPKI) throws {
        let rsyslogd = try IntegrationTools.require("rsyslogd")
        directory = try IntegrationTools.temporaryDirectory("rsyslog")
        try FileManager.default.createDirectory(atPath: directory + "/work", withIntermediateDirectories: true)
        udpPort = try IntegrationTools.freePort(udp: true)
        tcpPort = try IntegrationTools.freePort(udp: false)
        tlsPort = try IntegrationTools.freePort(udp: false)
        mutualTLSPort = try IntegrationTools.freePort(udp: false)
        outputFile = directory + "/messages.log"
        configurationFile = directory + "/rsyslog.conf"
        let text = Self.configuration(
            directory: directory,
            pki: pki,
            udp: udpPort,
            tcp: tcpPort,
            tls: tlsPort,
            mutualTLS: mutualTLSPort
        )
        try Data(text.utf8).write(to: URL(fileURLWithPath: configurationFile))
        let log = directory + "/rsyslogd.out"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: rsyslogd)
        process.arguments = ["-n", "-f", configurationFile, "-i", directory + "/rsyslogd.pid"]
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        started = true
        let listening = [tcpPort, tlsPort, mutualTLSPort].allSatisfy { IntegrationTools.waitForListener(port: $0) }
        guard listening else { throw stop("rsyslogd did not start listening") }
        // A probe datagram, resent each poll, shows that imudp, the ruleset and omfile are all live.
        let probe = Array("<14>1 - - probe - - ready".utf8)
        let sender = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(sender) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = udpPort.bigEndian
        let ready = IntegrationTools.poll {
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(sender, probe, probe.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            return lines().contains { $0.hasPrefix("probe ") }
        }
        guard ready else { throw stop("rsyslogd wrote no probe line") }
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// rsyslogd's own output and whether it still runs, for failure messages.
    var diagnostics: String {
        let output = FileManager.default.contents(atPath: directory + "/rsyslogd.out") ?? Data()
        return "running: \(process.isRunning), output: \(String(decoding: output, as: UTF8.self))"
    }

    /// Every line written so far.
    func lines() -> [String] {
        guard let data = FileManager.default.contents(atPath: outputFile) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The lines whose APP-NAME is `appName` (without it), once at least `count` arrived (bounded
    /// polling); what arrived so far when they did not.
    func lines(appName: String, count: Int) -> [String] {
        var found: [String] = []
        _ = IntegrationTools.poll {
            found = lines().filter { $0.hasPrefix(appName + " ") }.map { String($0.dropFirst(appName.count + 1)) }
            return found.count >= count
        }
        return found
    }

    private func stop(_ why: String) -> IntegrationError {
        let error = IntegrationError("\(why): \(diagnostics)")
        kill()
        return error
    }

    /// Kills rsyslogd with SIGKILL and reaps it (idempotent).
    func kill() {
        guard started, !killed else { return }
        killed = true
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
