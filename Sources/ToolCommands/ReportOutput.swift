import Foundation

/// Writes a report to `--output`: atomically (temporary file + rename) for regular files, so a reader never
/// sees half a report; straight into the file for devices, FIFOs and sockets (`-o /dev/null`,
/// `-o /dev/stdout`, a named pipe), which a rename would replace by a regular file. A symbolic link is
/// followed, so the file it points to is written, not the link replaced.
enum ReportOutput {
    static func write(_ text: String, to path: String) throws {
        let target =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { destination in
                destination.hasPrefix("/")
                    ? destination
                    : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
            } ?? path
        var info = stat()
        if stat(target, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            guard (info.st_mode & S_IFMT) != S_IFDIR else {
                throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: path])
            }
            let fd = open(target, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { close(fd) }
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                bytes = bytes.dropFirst(written)
            }
            return
        }
        try text.write(toFile: target, atomically: true, encoding: .utf8)
    }
}
