import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// `--output` never replaces a device or follows a rename over a symbolic link: `-o /dev/null` must leave
/// /dev/null a device (an atomic rename would put a regular file in its place).
@Suite struct ReportOutputTests {
    final class Scratch {
        let path = NSTemporaryDirectory() + "bh-output-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    func lint(_ scratch: Scratch, output: String) -> Int32 {
        let dockerfile = scratch.path + "/Dockerfile"
        try? "FROM alpine:3.19\nRUN apk add curl\n".write(toFile: dockerfile, atomically: true, encoding: .utf8)
        let (io, _) = CommandIO.capturing(currentDirectory: scratch.path)
        return Bulkhead.run(arguments: ["lint", dockerfile, "--format", "json", "-o", output, "--no-config"], io: io)
    }

    @Test func aCharacterDeviceStaysADevice() throws {
        let scratch = try Scratch()
        let device = scratch.path + "/null"
        guard mknod(device, S_IFCHR | 0o666, (1 << 8) | 3) == 0 else {  // major 1, minor 3: the null device
            // mknod needs root (CI runs as root); elsewhere say why nothing was checked.
            #expect(!Corpus.integrationRequired, "mknod failed: \(String(cString: strerror(errno)))")
            return
        }
        #expect(lint(scratch, output: device) != 2, "writing the report failed")
        #expect(fileType(device) == S_IFCHR, "the device was replaced by a regular file")
        let (io, _) = CommandIO.capturing(currentDirectory: scratch.path)
        _ = Bulkhead.run(
            arguments: ["audit", "k8s", "-", "--format", "json", "-o", device, "--no-config"],
            io: io
        )
        #expect(fileType(device) == S_IFCHR)
    }

    @Test func aSymbolicLinkIsWrittenThroughAndKept() throws {
        let scratch = try Scratch()
        let real = scratch.path + "/report.json"
        let link = scratch.path + "/latest.json"
        try "old".write(toFile: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "report.json")
        _ = lint(scratch, output: link)
        #expect(fileType(link) == S_IFLNK)
        let written = try String(contentsOfFile: real, encoding: .utf8)
        #expect(written.contains("\"schemaVersion\""))
    }

    @Test func aRegularFileIsReplacedWhole() throws {
        let scratch = try Scratch()
        let path = scratch.path + "/out.json"
        try String(repeating: "x", count: 100_000).write(toFile: path, atomically: true, encoding: .utf8)
        _ = lint(scratch, output: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("xxxx"))
        #expect((try? JSONParser.parse(text)) != nil)
    }
}
