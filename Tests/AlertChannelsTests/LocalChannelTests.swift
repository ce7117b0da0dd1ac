import AlertChannels
import Foundation
import Testing

@Suite struct LocalChannelTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func fileRotatesBySizeKeepingN() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("alerts.log").path
        // Each line is 3 bytes ("aN\n"); two lines fit in 6 bytes.
        let channel = try RotatingFileChannel(path: path, maximumBytes: 6, keep: 2)
        for n in 1...7 { try channel.send(AlertMessage(text: "a\(n)", time: 0, severity: 4)) }
        channel.close()
        #expect(Self.read(path) == "a7\n")
        #expect(Self.read(path + ".1") == "a5\na6\n")
        #expect(Self.read(path + ".2") == "a3\na4\n")
        #expect(Self.read(path + ".3") == nil)
    }

    @Test func standardOutputChannelWritesLines() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let channel = StandardOutputChannel(handle: handle)
        try channel.send(AlertMessage(text: "one", time: 0, severity: 4))
        try channel.send(AlertMessage(text: "two", time: 0, severity: 4))
        channel.close()
        try handle.close()
        #expect(Self.read(path) == "one\ntwo\n")
        #expect(throws: AlertChannelError.self) { try channel.send(AlertMessage(text: "x", time: 0, severity: 4)) }
    }

    @Test func programReceivesLinesOnStdin() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("program.out").path
        let channel = try ProgramChannel(command: "/bin/cat > '\(path)'")
        for n in 1...3 { try channel.send(AlertMessage(text: "alert \(n)", time: 0, severity: 4)) }
        channel.close()
        #expect(Self.read(path) == "alert 1\nalert 2\nalert 3\n")
    }

    @Test func programThatExitedFailsInsteadOfKilling() throws {
        let channel = try ProgramChannel(command: "exit 0")
        // Nobody reads: writes fill the 64 KiB pipe and then fail with EPIPE once the shell has exited.
        let line = String(repeating: "x", count: 1024)
        var failed = false
        for _ in 0..<1000 where !failed {
            do { try channel.send(AlertMessage(text: line, time: 0, severity: 4)) } catch { failed = true }
        }
        #expect(failed)
        channel.close()
    }
}
