import DefaultRules
import FalcoRules
import Foundation
import RuleEngine
import SecurityModel

/// Reads rules files and directories named on the command line and loads them into one ``RuleSet``.
///
/// Hostile inputs give a ``TargetError`` naming the file, never a hang or a crash: a file larger than
/// ``maximumSize`` is refused by its size before anything is read; a FIFO, socket, device or directory
/// named as a rules file is refused without blocking (only `-` reads standard input); a symbolic-link
/// loop or an unreadable file is reported with the system's reason; a NUL byte or invalid UTF-8 is
/// reported with its line and column.
struct RulesFileLoading {
    /// The loaded rules, the files read (as displayed) and the inputs that could not be read.
    struct Loaded {
        var ruleSet: RuleSet
        var files: [String]
        var errors: [TargetError]
    }

    /// The pseudo-path naming the built-in ruleset (`--rules @default`), loaded before the files.
    static let builtInRules = "@default"
    /// How the built-in ruleset is named in messages.
    static let builtInDisplayName = "\(DefaultRuleset.fileName) (built-in)"

    /// The default ``maximumSize``: 64 MiB.
    static let defaultMaximumSize = 64 * 1_048_576

    /// Largest rules file read, in bytes (`rules validate --max-file-size`, in MiB).
    var maximumSize = RulesFileLoading.defaultMaximumSize
    /// The loader (limits on YAML nodes and expanded conditions, engine version).
    var loader = RulesLoader()

    /// Loads `paths` in order; a directory contributes its `*.yaml` and `*.yml` files in alphabetical order.
    func load(_ paths: [String], io: CommandIO) -> Loaded {
        var discovery = DockerfileDiscovery(baseDirectory: io.currentDirectory)
        discovery.accepts = { name in
            let lower = name.lowercased()
            return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
        }
        discovery.kind = "rules files (*.yaml, *.yml)"
        discovery.noneFoundCode = "no-rules-files"
        let (inputs, discoveryErrors) = discovery.expand(paths.filter { $0 != Self.builtInRules })
        var errors = discoveryErrors
        var texts: [(path: String, text: String)] = []
        if paths.contains(Self.builtInRules) {
            texts.append((path: Self.builtInDisplayName, text: DefaultRuleset.yaml))
        }
        for input in inputs {
            switch read(path: input.path, display: input.display, io: io) {
            case .success(let text): texts.append((path: input.display, text: text))
            case .failure(let error): errors.append(error)
            }
        }
        return Loaded(ruleSet: loader.load(texts), files: texts.map(\.path), errors: errors)
    }

    /// `ruleSet` without the rules the loader skipped (fields the event model does not serve).
    static func loadable(_ ruleSet: RuleSet) -> RuleSet {
        var copy = ruleSet
        copy.rules.removeAll(where: \.skipped)
        return copy
    }

    // MARK: Reading

    /// The text of one rules file (`-`: standard input).
    func read(path: String, display: String, io: CommandIO) -> Result<String, TargetError> {
        if path == "-" {
            let bytes = io.readStandardInput(maximumSize)
            guard bytes.count <= maximumSize else { return .failure(tooLarge(display, size: nil)) }
            return decode(bytes, display: display)
        }
        // O_NONBLOCK: opening a FIFO without a writer must not wait; the type is checked on the open file.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .failure(systemError(display, "cannot read", errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(systemError(display, "cannot read", errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(
                TargetError(
                    code: "not-a-file",
                    target: display,
                    message: "\(display): not a regular file (\(Self.typeName(info.st_mode))); "
                        + "rules are read from regular files, or from standard input as '-'"
                )
            )
        }
        let size = Int(info.st_size)
        guard size <= maximumSize else { return .failure(tooLarge(display, size: size)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 1)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= maximumSize {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(systemError(display, "read failed", errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        // The file may have grown since fstat.
        guard bytes.count <= maximumSize else { return .failure(tooLarge(display, size: nil)) }
        return decode(bytes, display: display)
    }

    private func systemError(_ display: String, _ what: String, _ code: Int32) -> TargetError {
        TargetError(
            code: "unreadable",
            target: display,
            message: "\(display): \(what): \(String(cString: strerror(code)))"
        )
    }

    private func tooLarge(_ display: String, size: Int?) -> TargetError {
        let mebibytes = maximumSize / 1_048_576
        let limit = mebibytes * 1_048_576 == maximumSize ? "\(mebibytes) MiB" : "\(maximumSize) bytes"
        let actual = size.map { "is \(Self.describeSize($0)), " } ?? ""
        return TargetError(
            code: "too-large",
            target: display,
            message: "\(display): rules file \(actual)larger than the \(limit) limit; it was not read "
                + "(raise the limit with --max-file-size)"
        )
    }

    /// UTF-8 text (a leading byte-order mark dropped), or an error naming the line and column of the first NUL
    /// byte or invalid UTF-8 sequence.
    private func decode(_ bytes: [UInt8], display: String) -> Result<String, TargetError> {
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = Self.position(of: nul, in: bytes)
            return .failure(
                TargetError(
                    code: "binary",
                    target: display,
                    message: "\(display):\(line):\(column): NUL byte (offset \(nul)); a rules file is YAML text"
                )
            )
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8(in: bytes)
            let (line, column) = Self.position(of: offset, in: bytes)
            let byte = String(bytes[min(offset, bytes.count - 1)], radix: 16, uppercase: true)
            return .failure(
                TargetError(
                    code: "invalid-utf8",
                    target: display,
                    message: "\(display):\(line):\(column): invalid UTF-8 (byte 0x\(byte) at offset \(offset))"
                )
            )
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success(text)
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) { offset += UTF8.width(scalar) }
        return offset
    }

    /// The 1-based line and column (in characters decoded so far) of byte `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[0..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private static func describeSize(_ size: Int) -> String {
        size % 1_048_576 == 0 && size > 0 ? "\(size / 1_048_576) MiB" : "\(size) bytes"
    }

    private static func typeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        default: return "not a regular file"
        }
    }
}
