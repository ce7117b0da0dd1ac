/// Builds small ELF files and zlib streams for the binary cataloger tests.
enum TestELF {
    struct Section {
        var name: String
        var bytes: [UInt8]
        var address: UInt64 = 0
    }

    /// An ELF64 little-endian executable with the given sections and one writable PT_LOAD segment that
    /// maps every section with an address (file offset = address - 0x400000).
    static func make(sections: [Section], bigEndian: Bool = false) -> [UInt8] {
        func put16(_ v: UInt16, _ out: inout [UInt8]) {
            out += bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)]
        }
        func put32(_ v: UInt32, _ out: inout [UInt8]) {
            let b = (0..<4).map { UInt8((v >> (8 * UInt32($0))) & 0xFF) }
            out += bigEndian ? b.reversed() : b
        }
        func put64(_ v: UInt64, _ out: inout [UInt8]) {
            let b = (0..<8).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) }
            out += bigEndian ? b.reversed() : b
        }
        let base: UInt64 = 0x400000
        // Layout: header (64) + one program header (56), then section data, string table, section headers.
        var body: [UInt8] = []
        var offsets: [UInt64] = []
        let dataStart = 64 + 56
        for section in sections {
            if section.address != 0 {
                let wanted = Int(section.address - base)
                if dataStart + body.count < wanted {
                    body += [UInt8](repeating: 0, count: wanted - dataStart - body.count)
                }
            }
            offsets.append(UInt64(dataStart + body.count))
            body += section.bytes
        }
        var strtab: [UInt8] = [0]
        var nameOffsets: [UInt32] = []
        for section in sections + [Section(name: ".shstrtab", bytes: [])] {
            nameOffsets.append(UInt32(strtab.count))
            strtab += Array(section.name.utf8) + [0]
        }
        let strtabOffset = UInt64(dataStart + body.count)
        body += strtab
        while (dataStart + body.count) % 8 != 0 { body.append(0) }
        let shoff = UInt64(dataStart + body.count)
        var out: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, bigEndian ? 2 : 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        put16(2, &out)  // ET_EXEC
        put16(62, &out)  // x86-64
        put32(1, &out)
        put64(base, &out)  // entry
        put64(64, &out)  // phoff
        put64(shoff, &out)
        put32(0, &out)
        put16(64, &out)
        put16(56, &out)
        put16(1, &out)
        put16(64, &out)
        put16(UInt16(sections.count + 2), &out)
        put16(UInt16(sections.count + 1), &out)
        // PT_LOAD, RW, covering the whole file.
        let fileSize = UInt64(dataStart + body.count) + UInt64(64 * (sections.count + 2))
        put32(1, &out)
        put32(6, &out)
        put64(0, &out)
        put64(base, &out)
        put64(base, &out)
        put64(fileSize, &out)
        put64(fileSize, &out)
        put64(0x1000, &out)
        out += body
        out += [UInt8](repeating: 0, count: 64)  // null section
        for (i, section) in sections.enumerated() {
            put32(nameOffsets[i], &out)
            put32(1, &out)  // PROGBITS
            put64(section.address != 0 ? 3 : 0, &out)
            put64(section.address, &out)
            put64(offsets[i], &out)
            put64(UInt64(section.bytes.count), &out)
            put32(0, &out)
            put32(0, &out)
            put64(1, &out)
            put64(0, &out)
        }
        put32(nameOffsets[sections.count], &out)
        put32(3, &out)  // STRTAB
        put64(0, &out)
        put64(0, &out)
        put64(strtabOffset, &out)
        put64(UInt64(strtab.count), &out)
        put32(0, &out)
        put32(0, &out)
        put64(1, &out)
        put64(0, &out)
        return out
    }

    static let modinfoStart: [UInt8] = hex("3077af0c9274080241e1c107e6d618e6")
    static let modinfoEnd: [UInt8] = hex("f932433186182072008242104116d8f2")

    static func hex(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = Array(s.utf8)
        while chars.count >= 2 {
            out.append(UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) ?? 0)
            chars.removeFirst(2)
        }
        return out
    }

    static func varint(_ n: Int) -> [UInt8] {
        var out: [UInt8] = []
        var v = UInt64(n)
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
        return out
    }

    /// A Go 1.18+ `.go.buildinfo` section (inline strings).
    static func inlineBuildInfo(version: String, modinfo: String) -> [UInt8] {
        var out: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8) + [8, 2]
        out += [UInt8](repeating: 0, count: 16)
        let mod = modinfoStart + Array(modinfo.utf8) + modinfoEnd
        out += varint(version.utf8.count) + Array(version.utf8) + varint(mod.count) + mod
        return out
    }

    /// An ELF with a pre-1.18 `.go.buildinfo` section: pointers to Go string headers in a `.data` section.
    static func pointerBuildInfoELF(version: String, modinfo: String) -> [UInt8] {
        let infoAddress: UInt64 = 0x401000
        let dataAddress: UInt64 = 0x402000
        let mod = modinfoStart + Array(modinfo.utf8) + modinfoEnd
        // .data: [versionHeader(16)][modHeader(16)][version bytes][mod bytes]
        func le(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) } }
        let versionBytes = dataAddress + 32
        let modBytes = versionBytes + UInt64(version.utf8.count)
        let data =
            le(versionBytes) + le(UInt64(version.utf8.count)) + le(modBytes) + le(UInt64(mod.count))
            + Array(version.utf8)
            + mod
        var info: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8) + [8, 0]
        info += le(dataAddress) + le(dataAddress + 16)
        return make(sections: [
            Section(name: ".go.buildinfo", bytes: info, address: infoAddress),
            Section(name: ".data", bytes: data, address: dataAddress),
        ])
    }

    /// A zlib stream of stored (uncompressed) blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var chunks = stride(from: 0, to: max(data.count, 1), by: 65535).map {
            Array(data[$0..<min(data.count, $0 + 65535)])
        }
        if data.isEmpty { chunks = [[]] }
        for (i, chunk) in chunks.enumerated() {
            out.append(i == chunks.count - 1 ? 1 : 0)
            let n = UInt16(chunk.count)
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8)]
            out += chunk
        }
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = b << 16 | a
        out += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return out
    }
}
