import Foundation
import KernelSensor
import RuntimeEvents
import SensorRecords
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs when `BULKHEAD_INTEGRATION=1` (then a missing privilege or tool fails the test with the reason) or when
/// root on a kernel with BTF; otherwise Swift Testing prints the reason it skipped.
let integrationEnabled =
    ProcessInfo.processInfo.environment["BULKHEAD_INTEGRATION"] == "1" || SensorSupport.canLoadPrograms

/// Why the integration suites skip when they do.
let integrationSkipReason =
    "needs BULKHEAD_INTEGRATION=1, or root with \(SensorSupport.kernelBTFPath): "
    + (SensorSupport.unsupportedReason?.description ?? "")

/// Launching, compiling and collecting for the kernel sensor's integration tests.
enum SensorTestSupport {
    static let clang = Toolchain.clang
    static let staticLibc = "/usr/lib/x86_64-linux-gnu/libc.a"

    /// A fresh scratch directory under the system temporary directory.
    static func scratchDirectory(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appending(path: "bulkhead-sensor-\(name)-\(getpid())").path
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Compiles `source` into a static executable in `directory` and returns its path.
    static func compileStatic(_ source: String, named name: String, in directory: String) throws -> String {
        try #require(FileManager.default.fileExists(atPath: clang), "no clang at \(clang)")
        try #require(FileManager.default.fileExists(atPath: staticLibc), "no static libc at \(staticLibc) (libc6-dev)")
        let sourcePath = directory + "/\(name).c"
        let binary = directory + "/\(name)"
        try source.write(toFile: sourcePath, atomically: true, encoding: .utf8)
        let status = try run(clang, ["-O1", "-static", "-o", binary, sourcePath]).status
        try #require(status == 0, "clang -static \(sourcePath) exited with \(status)")
        return binary
    }

    static func launch(_ path: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs a program to its end (SIGKILL after 20 s); returns its pid and exit status.
    @discardableResult
    static func run(_ path: String, _ arguments: [String]) throws -> (pid: Int32, status: Int32) {
        let process = try launch(path, arguments)
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning, ContinuousClock.now < deadline { usleep(1_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.processIdentifier, process.terminationStatus)
    }

    /// Drains `sensor` until `done` says the wanted events are there or `seconds` pass; returns every event
    /// mapped on the way.
    static func collect(
        _ sensor: KernelSensor,
        seconds: Int = 5,
        until done: ([RuntimeEvent]) -> Bool
    ) throws -> [RuntimeEvent] {
        let mapper = SensorEventMapper(bootToEpochOffset: KernelSensor.bootToEpochOffset())
        var records: [SensorRecord] = []
        var events: [RuntimeEvent] = []
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(seconds) {
            records.removeAll(keepingCapacity: true)
            _ = try sensor.drain(timeoutMilliseconds: 50, into: &records)
            for record in records {
                if let event = mapper.event(from: record, number: UInt64(events.count + 1), known: nil) {
                    events.append(event)
                }
            }
            if done(events) { break }
        }
        return events
    }

    /// A TCP listener on 127.0.0.1 (port chosen by the kernel) and its port.
    static func tcpListener() throws -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0, "socket: \(errno)")
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        try #require(bound, "cannot listen on 127.0.0.1: \(errno)")
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// An AF_UNIX stream listener at `path`.
    static func unixListener(at path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0, "socket: \(errno)")
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path), "unix path too long: \(path)")
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 && listen(fd, 16) == 0
            }
        }
        try #require(bound, "cannot listen on \(path): \(errno)")
        return fd
    }
}
