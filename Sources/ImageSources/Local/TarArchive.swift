import OCIImage
import SecurityModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tar archive on disk (`docker save` output, an OCI layout tar) indexed once for random access
/// to its members.
///
/// A plain tar is indexed in place: the reader steps over member content with `pread` offsets, so
/// indexing costs one read per header. A gzip- or zstd-compressed archive cannot be read at random,
/// so it is first decompressed (streaming, with the bomb guard) into a private
/// ``ScratchDirectory`` that lives as long as this object; documented trade-off: disk space equal
/// to the uncompressed archive, in exchange for reading each layer once and in any order.
///
/// Invariant: every stored property is set in `init` and never changes (hence `@unchecked Sendable`:
/// `ReadOnlyFile` reads with `pread`).
final class TarArchive: @unchecked Sendable {
    struct Member: Sendable {
        var name: String
        var kind: TarEntry.Kind
        var offset: Int
        var size: Int
        var linkName: String
    }

    /// The path the user gave.
    let path: String
    let compression: CompressionFormat
    /// Member names in archive order (normalised: no leading `./` or `/`).
    let names: [String]
    private let members: [String: Member]
    private let file: ReadOnlyFile
    private let scratch: ScratchDirectory?

    init(path: String, limits: ImageReadLimits = ImageReadLimits(), scratchParent: String? = nil) throws(ImageError) {
        self.path = path
        let original = try ReadOnlyFile(path: path)
        let head = try original.read(at: 0, count: 6)
        let format = try CompressionFormat.detect(head, subject: path)
        compression = format
        if format == .none {
            file = original
            scratch = nil
        } else {
            let directory = try ScratchDirectory(parent: scratchParent)
            var archiveLimits = limits
            archiveLimits.maximumLayerSize = max(limits.maximumLayerSize, 64 << 30)
            try Self.decompress(original, into: directory, name: "archive.tar", limits: archiveLimits, subject: path)
            file = try ReadOnlyFile(path: directory.path + "/archive.tar")
            scratch = directory
        }
        var reader = TarReader(
            FileByteStream(file: file),
            subject: path,
            maximumMetadataSize: limits.maximumMetadataSize
        )
        var members: [String: Member] = [:]
        var names: [String] = []
        while let entry = try reader.next() {
            let name = Self.normalize(entry.name)
            if members[name] == nil { names.append(name) }
            members[name] = Member(
                name: name,
                kind: entry.kind,
                offset: entry.contentOffset,
                size: entry.size,
                linkName: entry.linkName
            )
        }
        self.members = members
        self.names = names
    }

    private static func decompress(
        _ source: ReadOnlyFile,
        into directory: ScratchDirectory,
        name: String,
        limits: ImageReadLimits,
        subject: String
    ) throws(ImageError) {
        let fd = try directory.create(name)
        defer { close(fd) }
        var stream = DecompressingStream(FileByteStream(file: source), limits: limits, subject: subject)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try stream.read(into: buffer)
            if n == 0 { return }
            try ScratchDirectory.writeAll(
                fd,
                UnsafeRawBufferPointer(rebasing: buffer[0..<n]),
                path: directory.path + "/" + name
            )
        }
    }

    /// `./a//b/../c` → `a/c`.
    static func normalize(_ name: String) -> String { String(TreePath.normalize(name).dropFirst()) }

    /// True when the archive has a member `name` (after links).
    func contains(_ name: String) -> Bool { (try? member(name)) != nil }

    /// The regular member `name`, following symlinks and hard links inside the archive.
    func member(_ name: String) throws(ImageError) -> Member {
        var current = Self.normalize(name)
        for _ in 0..<16 {
            guard let m = members[current] else {
                throw ImageError(code: .notFound, subject: path, message: "archive has no member '\(name)'")
            }
            switch m.kind {
            case .regular: return m
            case .symlink:
                let base = m.linkName.hasPrefix("/") ? "" : TreePath.directory("/" + current)
                current = Self.normalize(base + "/" + m.linkName)
            case .hardlink:
                current = Self.normalize(m.linkName)
            default:
                throw ImageError(code: .malformed, subject: path, message: "archive member '\(name)' is not a file")
            }
        }
        throw ImageError(code: .malformed, subject: path, message: "archive member '\(name)' is a symlink loop")
    }

    /// The content of member `name` (at most `limit` bytes, else ``ImageError/Code-swift.struct/tooLarge``).
    func read(_ name: String, limit: Int) throws(ImageError) -> [UInt8] {
        let m = try member(name)
        guard m.size <= limit else {
            throw ImageError(code: .tooLarge, subject: "\(path): \(name)", message: "member is \(m.size) bytes")
        }
        let bytes = try file.read(at: m.offset, count: m.size)
        guard bytes.count == m.size else {
            throw ImageError(code: .truncated, subject: "\(path): \(name)", message: "archive ends inside the member")
        }
        return bytes
    }

    /// A stream over member `name`.
    func open(_ name: String) throws(ImageError) -> (stream: FileByteStream, size: Int) {
        let m = try member(name)
        return (FileByteStream(file: file, offset: m.offset, length: m.size), m.size)
    }
}
