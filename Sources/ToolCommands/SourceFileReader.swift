import Foundation
import SecurityModel

/// Reads text inputs defensively: regular files only, a size limit, no binary, valid UTF-8.
/// Each problem becomes a ``TargetError`` that names the file.
struct SourceFileReader: Sendable {
    /// Largest file accepted, in bytes.
    var maximumSize: Int

    enum Outcome {
        case text(String)
        case failure(TargetError)
    }

    func read(path: String, display: String, io: CommandIO) -> Outcome {
        if path == "-" {
            return decode(io.readStandardInput(maximumSize), name: "-")
        }
        switch readFile(path) {
        case .text(let t): return .text(t)
        case .failure(var error):
            error.message = error.message.replacingOccurrences(of: path + ":", with: display + ":")
            error.target = display
            return .failure(error)
        }
    }

    private func readFile(_ path: String) -> Outcome {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .failure(
                TargetError(
                    code: "unreadable",
                    target: path,
                    message: "\(path): cannot read: \(String(cString: strerror(errno)))"
                )
            )
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(TargetError(code: "not-a-file", target: path, message: "\(path): not a regular file"))
        }
        guard Int(info.st_size) <= maximumSize else {
            return .failure(tooLarge(path, size: Int(info.st_size)))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(
                TargetError(
                    code: "unreadable",
                    target: path,
                    message: "\(path): cannot read: \(String(cString: strerror(errno)))"
                )
            )
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= maximumSize {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                return .failure(
                    TargetError(
                        code: "unreadable",
                        target: path,
                        message: "\(path): read failed: \(String(cString: strerror(errno)))"
                    )
                )
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return decode(bytes, name: path)
    }

    private func tooLarge(_ name: String, size: Int) -> TargetError {
        TargetError(
            code: "too-large",
            target: name,
            message:
                "\(name): file is \(size > maximumSize ? "larger than" : "") \(maximumSize / 1_048_576) MiB limit (use --max-file-size to raise it)"
                .replacingOccurrences(of: "  ", with: " ")
        )
    }

    private func decode(_ bytes: [UInt8], name: String) -> Outcome {
        if bytes.count > maximumSize { return .failure(tooLarge(name, size: bytes.count)) }
        if let nul = bytes.firstIndex(of: 0) {
            return .failure(
                TargetError(
                    code: "binary",
                    target: name,
                    message: "\(name): binary file (NUL byte at offset \(nul)); not a Dockerfile"
                )
            )
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            var valid = 0
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            var offset = 0
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s):
                    offset += UTF8.width(s)
                    valid = offset
                case .emptyInput: break loop
                case .error: break loop
                }
            }
            return .failure(
                TargetError(code: "invalid-utf8", target: name, message: "\(name): invalid UTF-8 at byte \(valid)")
            )
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .text(text)
    }
}
