import Foundation
public import OCIImage

/// Decides what an image argument (`bulkhead sbom ARG`) names.
///
/// Explicit prefixes win: `docker-archive:PATH[:TAG]`, `oci:PATH[:TAG]` (also `oci-archive:`),
/// `dir:PATH`, `rootfs:PATH` (a root file system tarball), `docker:NAME` (also `docker-daemon:`),
/// `registry:REF`. Otherwise:
/// - an existing directory with `oci-layout` or `index.json` is an OCI layout, any other existing
///   directory a root file system;
/// - an existing file is inspected: a tar (plain, gzip or zstd) holding `manifest.json` or
///   `repositories` or `<64 hex>/…` members is a `docker save` archive, one holding `oci-layout` /
///   `index.json` is an OCI layout, any other tar a root file system tarball;
/// - an argument that looks like a path (`./`, `../`, `/`, `~`, or ending in `.tar`, `.tgz`,
///   `.tar.gz`) but does not exist is ``OCIImage/ImageError/Code-swift.struct/notFound``;
/// - anything else is an image reference (``ImageSourceKind/reference(_:)``).
public enum ImageSourceDetector {
    /// Classifies `argument`.
    public static func detect(_ argument: String) throws(ImageError) -> ImageSourceKind {
        if let (prefix, rest) = splitPrefix(argument) {
            switch prefix {
            case "docker-archive":
                let (path, tag) = splitTag(rest)
                return .dockerArchive(path: path, tag: tag)
            case "oci", "oci-archive":
                let (path, tag) = splitTag(rest)
                return .ociLayout(path: path, tag: tag)
            case "dir": return .rootfsDirectory(path: rest)
            case "rootfs": return .rootfsTarball(path: rest)
            case "docker", "docker-daemon": return .dockerEngine(reference: rest)
            case "registry": return .registry(reference: rest)
            default: break
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                let fm = FileManager.default
                if fm.fileExists(atPath: argument + "/oci-layout") || fm.fileExists(atPath: argument + "/index.json") {
                    return .ociLayout(path: argument, tag: nil)
                }
                return .rootfsDirectory(path: argument)
            }
            return try inspectFile(argument)
        }
        if looksLikePath(argument) {
            throw ImageError(code: .notFound, subject: argument, message: "no such file or directory")
        }
        return .reference(argument)
    }

    private static let prefixes = [
        "docker-archive", "oci-archive", "oci", "dir", "rootfs", "docker-daemon", "docker", "registry",
    ]

    private static func splitPrefix(_ argument: String) -> (String, String)? {
        guard let colon = argument.firstIndex(of: ":") else { return nil }
        let prefix = String(argument[..<colon])
        let rest = String(argument[argument.index(after: colon)...])
        guard prefixes.contains(prefix) else { return nil }
        // `registry:5000/app` is a host named "registry" with a port, not the `registry:` prefix.
        let port = rest.prefix { $0.isASCII && $0.isNumber }
        if !port.isEmpty, rest.dropFirst(port.count).first == "/" { return nil }
        return (prefix, rest)
    }

    /// `path:tag` → (path, tag) when the part after the last colon is not part of an existing path.
    private static func splitTag(_ rest: String) -> (String, String?) {
        guard let colon = rest.lastIndex(of: ":"), !FileManager.default.fileExists(atPath: rest) else {
            return (rest, nil)
        }
        let tag = String(rest[rest.index(after: colon)...])
        guard !tag.isEmpty, !tag.contains("/") else { return (rest, nil) }
        return (String(rest[..<colon]), tag)
    }

    private static func looksLikePath(_ argument: String) -> Bool {
        argument.hasPrefix("/") || argument.hasPrefix("./") || argument.hasPrefix("../") || argument.hasPrefix("~")
            || argument == "." || argument.hasSuffix(".tar") || argument.hasSuffix(".tgz")
            || argument.hasSuffix(".tar.gz") || argument.hasSuffix(".tar.zst")
    }

    /// Looks at the first members of a (possibly compressed) tar without reading it all.
    private static func inspectFile(_ path: String) throws(ImageError) -> ImageSourceKind {
        let head = try FileByteStream(path: path)
        var probe = head
        let magic = try readPrefix(&probe, count: 6)
        if try CompressionFormat.detect(magic, subject: path) == .none {
            // A plain tar is indexed by seeking from header to header: cheap even for gigabytes.
            let archive: TarArchive
            do {
                archive = try TarArchive(path: path)
            } catch {
                throw ImageError(
                    code: .unsupportedFormat,
                    subject: path,
                    message: "not an image archive or a tar (\(error.message))",
                    underlying: error
                )
            }
            if archive.contains("manifest.json") { return .dockerArchive(path: path, tag: nil) }
            if archive.contains("index.json") { return .ociLayout(path: path, tag: nil) }
            guard !archive.names.isEmpty else {
                throw ImageError(code: .unsupportedFormat, subject: path, message: "empty archive")
            }
            return .rootfsTarball(path: path)
        }
        var names: [String] = []
        let stream = DecompressingStream(
            head,
            limits: ImageReadLimits(maximumExpansionRatio: 1000),
            subject: path
        )
        var reader = TarReader(UncheckedPrefix(inner: stream, limit: 64 << 20), subject: path)
        do {
            while names.count < 64, let entry = try reader.next() {
                names.append(TarArchive.normalize(entry.name))
            }
        } catch  where error.code == .truncated && !names.isEmpty {
            // Only the first 64 MiB were decompressed; the names seen so far decide.
        } catch {
            throw ImageError(
                code: .unsupportedFormat,
                subject: path,
                message: "not an image archive or a tar (\(error.message))",
                underlying: error
            )
        }
        if names.isEmpty {
            throw ImageError(code: .unsupportedFormat, subject: path, message: "empty archive")
        }
        let isDocker = names.contains { n in
            n == "manifest.json" || n == "repositories" || isHexID(n.split(separator: "/").first.map(String.init) ?? "")
        }
        if isDocker { return .dockerArchive(path: path, tag: nil) }
        if names.contains(where: { $0 == "oci-layout" || $0 == "index.json" || $0 == "blobs" || $0.hasPrefix("blobs/") }
        ) {
            // Docker 25+ archives start with blobs/ too; DockerArchiveSource reads both layouts.
            return .dockerArchive(path: path, tag: nil)
        }
        return .rootfsTarball(path: path)
    }

    private static func readPrefix(_ stream: inout FileByteStream, count: Int) throws(ImageError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 8)
        defer { buffer.deallocate() }
        var done = 0
        while done < count {
            let n = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            if n == 0 { break }
            done += n
        }
        return Array(buffer[0..<done])
    }

    private static func isHexID(_ name: String) -> Bool {
        let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        return stem.utf8.count == 64
            && stem.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

/// Passes at most `limit` bytes, then reports a truncation (bounds how much detection decompresses).
private struct UncheckedPrefix<Inner: ByteStream>: ByteStream {
    var inner: Inner
    var limit: Int

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard limit > 0 else {
            throw ImageError(code: .truncated, subject: "detection", message: "stopped after the first bytes")
        }
        let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, limit)]))
        limit -= n
        return n
    }
}
