/// The module build information the Go linker embeds in every module-mode binary (`go version -m`): the
/// toolchain version, the main package path, the main module and the dependency modules with their
/// replacements. Both layouts are read: Go 1.18+ inline varint-prefixed strings, and the older form whose
/// header holds pointers to Go string headers, followed through the ELF segments.
struct GoBuildInfo: Equatable {
    /// One module line (`mod`/`dep`), with its `=>` replacement.
    struct Module: Equatable {
        var path: String
        var version: String
        var sum: String?
        var replacement: Replacement?
    }

    /// A `=>` line.
    struct Replacement: Equatable {
        var path: String
        var version: String
        var sum: String?
    }

    /// `go1.21.3` (as embedded; may carry ` X:experiment` suffixes).
    var goVersion: String
    /// `path` line: the main package.
    var path: String?
    var main: Module?
    var dependencies: [Module] = []
    /// `build` settings (`-compiler=gc`, `vcs.revision=…`).
    var settings: [(String, String)] = []

    static func == (a: GoBuildInfo, b: GoBuildInfo) -> Bool {
        a.goVersion == b.goVersion && a.path == b.path && a.main == b.main && a.dependencies == b.dependencies
            && a.settings.map { $0.0 + "=" + $0.1 } == b.settings.map { $0.0 + "=" + $0.1 }
    }

    /// Why build information could not be read from a Go binary.
    struct Failure: Error, Equatable, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    static let magic: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)

    /// Build info of an ELF file: nil when it is not a Go binary, throws when it is one whose info is corrupt.
    static func read(_ elf: ELFFile) throws(Failure) -> GoBuildInfo? {
        guard let data = locateHeader(elf) else { return nil }
        let flags = data[data.startIndex + 15]
        var version: [UInt8]
        var modinfo: [UInt8]
        if flags & 0x2 != 0 {
            var cursor = data.startIndex + 32
            guard let v = varintString(data, &cursor), let m = varintString(data, &cursor) else {
                throw Failure(reason: "truncated Go build info")
            }
            version = v
            modinfo = m
        } else {
            let pointerSize = Int(data[data.startIndex + 14])
            guard pointerSize == 4 || pointerSize == 8 else {
                throw Failure(reason: "Go build info has pointer size \(pointerSize)")
            }
            let bigEndian = flags & 0x1 != 0
            guard let versionPointer = pointer(data, at: data.startIndex + 16, size: pointerSize, bigEndian: bigEndian),
                let modPointer = pointer(
                    data,
                    at: data.startIndex + 16 + pointerSize,
                    size: pointerSize,
                    bigEndian: bigEndian
                )
            else { throw Failure(reason: "truncated Go build info") }
            guard let v = goString(elf, at: versionPointer, pointerSize: pointerSize, bigEndian: bigEndian) else {
                throw Failure(reason: "Go version string is outside the file")
            }
            version = v
            modinfo = goString(elf, at: modPointer, pointerSize: pointerSize, bigEndian: bigEndian) ?? []
        }
        // The module info is wrapped in 16-byte sentinels.
        if modinfo.count >= 33, modinfo[modinfo.count - 17] == 0x0A {
            modinfo = Array(modinfo[16..<(modinfo.count - 16)])
        }
        if version.isEmpty { throw Failure(reason: "empty Go version in build info") }
        return parse(
            version: String(decoding: version, as: UTF8.self),
            modinfo: String(decoding: modinfo, as: UTF8.self)
        )
    }

    /// Parses the text of the module info (`path\t…`, `mod\t…`, `dep\t…`, `=>\t…`, `build\t…`).
    static func parse(version: String, modinfo: String) -> GoBuildInfo {
        var info = GoBuildInfo(goVersion: version)
        var last: Int? = nil  // -1 = main module
        for line in LanguageSupport.lines(modinfo) where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let kind = fields.first else { continue }
            switch kind {
            case "go": break
            case "path": info.path = fields.count > 1 ? fields[1] : nil
            case "mod", "dep":
                guard fields.count >= 2, !fields[1].isEmpty else { continue }
                let module = Module(
                    path: fields[1],
                    version: fields.count > 2 ? fields[2] : "",
                    sum: fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil
                )
                if kind == "mod" {
                    info.main = module
                    last = -1
                } else {
                    info.dependencies.append(module)
                    last = info.dependencies.count - 1
                }
            case "=>":
                guard fields.count >= 2, let index = last else { continue }
                let replacement = Replacement(
                    path: fields[1],
                    version: fields.count > 2 ? fields[2] : "",
                    sum: fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil
                )
                if index == -1 {
                    info.main?.replacement = replacement
                } else {
                    info.dependencies[index].replacement = replacement
                }
            case "build":
                guard fields.count >= 2 else { continue }
                let setting = fields[1...].joined(separator: "\t")
                if let eq = setting.firstIndex(of: "=") {
                    info.settings.append((String(setting[..<eq]), String(setting[setting.index(after: eq)...])))
                }
            default: continue
            }
        }
        return info
    }

    /// Finds the 32-byte header: in `.go.buildinfo`, else 16-byte aligned in a writable loadable segment.
    private static func locateHeader(_ elf: ELFFile) -> ArraySlice<UInt8>? {
        if let section = elf.section(named: ".go.buildinfo"), let data = elf.contents(of: section),
            data.count >= 32, data.prefix(14).elementsEqual(magic)
        {
            return data
        }
        for segment in elf.segments
        where segment.type == ELFFile.segmentTypeLoad && segment.flags & ELFFile.segmentFlagWrite != 0 {
            guard let data = elf.contents(of: segment) else { continue }
            let limit = min(data.count, 64 << 20)
            var offset = Int((16 - segment.virtualAddress % 16) % 16)
            while offset + 32 <= limit {
                let start = data.startIndex + offset
                if data[start] == 0xFF, data[start..<(start + 14)].elementsEqual(magic) {
                    return data[start...]
                }
                offset += 16
            }
        }
        return nil
    }

    private static func varintString(_ data: ArraySlice<UInt8>, _ cursor: inout Int) -> [UInt8]? {
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard cursor < data.endIndex, shift < 64 else { return nil }
            let b = data[cursor]
            cursor += 1
            length |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        guard let n = Int(exactly: length), n <= data.endIndex - cursor else { return nil }
        defer { cursor += n }
        return Array(data[cursor..<(cursor + n)])
    }

    private static func pointer(_ data: ArraySlice<UInt8>, at: Int, size: Int, bigEndian: Bool) -> UInt64? {
        guard at >= data.startIndex, at + size <= data.endIndex else { return nil }
        var v: UInt64 = 0
        for i in 0..<size {
            v = v << 8 | UInt64(data[at + (bigEndian ? i : size - 1 - i)])
        }
        return v
    }

    /// A Go string header (data pointer, length) at `address`, and its bytes.
    private static func goString(_ elf: ELFFile, at address: UInt64, pointerSize: Int, bigEndian: Bool) -> [UInt8]? {
        guard let header = elf.read(address: address, count: 2 * pointerSize),
            let dataPointer = pointer(header, at: header.startIndex, size: pointerSize, bigEndian: bigEndian),
            let length = pointer(header, at: header.startIndex + pointerSize, size: pointerSize, bigEndian: bigEndian),
            length <= 16 << 20, let bytes = elf.read(address: dataPointer, count: Int(length))
        else { return nil }
        return Array(bytes)
    }
}
