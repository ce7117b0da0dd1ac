import Foundation
import Glibc
import TestSupport

/// The external programs the end-to-end tests start (rsyslogd, openssl, python3), looked up in `PATH`
/// and the usual sbin directories.
///
/// Without `BULKHEAD_INTEGRATION=1` a test whose programs are missing is skipped (the trait says why);
/// with it, the test runs and fails on the missing program.
enum IntegrationTools {
    static func path(of tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin"]
        for directory in directories {
            let candidate = directory + "/" + tool
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// True when every tool is installed.
    static func available(_ tools: [String]) -> Bool { tools.allSatisfy { path(of: $0) != nil } }

    /// Whether a test needing `tools` runs: they are installed, or `BULKHEAD_INTEGRATION=1` demands it.
    static func shouldRun(_ tools: [String]) -> Bool { available(tools) || Corpus.integrationRequired }

    /// The path of `tool`, or an error naming it (a test failure under `BULKHEAD_INTEGRATION=1`).
    static func require(_ tool: String) throws -> String {
        guard let found = path(of: tool) else { throw IntegrationError("\(tool) is not installed") }
        return found
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ prefix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A port that was free a moment ago on 127.0.0.1 (for servers that cannot report the port they bound).
    static func freePort(udp: Bool) throws -> UInt16 {
        let listener = try LocalListener(udp: udp)
        defer { listener.close() }
        return listener.port
    }

    /// True once a TCP connection to 127.0.0.1:`port` succeeds (tried `attempts` times, 20 ms apart).
    static func waitForListener(port: UInt16, attempts: Int = 500) -> Bool {
        for _ in 0..<attempts {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = port.bigEndian
            let status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            close(fd)
            if status == 0 { return true }
            usleep(20_000)
        }
        return false
    }

    /// Polls `condition` up to `attempts` times, 20 ms apart; true as soon as it holds.
    static func poll(attempts: Int = 500, _ condition: () -> Bool) -> Bool {
        for attempt in 0..<attempts {
            if condition() { return true }
            if attempt < attempts - 1 { usleep(20_000) }
        }
        return false
    }
}
