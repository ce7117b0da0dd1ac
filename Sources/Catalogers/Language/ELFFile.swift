/// A bounds-checked reader of ELF files (32/64-bit, either byte order): section and program headers,
/// section contents by name, and virtual-address reads through the loadable segments. Malformed headers
/// throw ``ELFFile/Failure``; reads outside the file return nil.
struct ELFFile {
    /// Why a file is not a readable ELF file.
    struct Failure: Error, Equatable, CustomStringConvertible {
        var reason: String
        var description: String { "not a readable ELF file: \(reason)" }
    }

    struct Section {
        var name: String
        var type: UInt32
        var flags: UInt64
        var address: UInt64
        var offset: UInt64
        var size: UInt64
    }

    struct Segment {
        var type: UInt32
        var flags: UInt32
        var offset: UInt64
        var virtualAddress: UInt64
        var fileSize: UInt64
    }

    static let sectionTypeNoBits: UInt32 = 8
    static let segmentTypeLoad: UInt32 = 1
    static let segmentFlagWrite: UInt32 = 2

    let bytes: [UInt8]
    let is64: Bool
    let littleEndian: Bool
    private(set) var sections: [Section] = []
    private(set) var segments: [Segment] = []

    /// True when `bytes` starts with the ELF magic.
    static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x7F && bytes[1] == 0x45 && bytes[2] == 0x4C && bytes[3] == 0x46
    }

    init(_ bytes: [UInt8]) throws(Failure) {
        guard Self.hasMagic(bytes), bytes.count >= 52 else { throw Failure(reason: "no ELF header") }
        self.bytes = bytes
        switch bytes[4] {
        case 1: is64 = false
        case 2: is64 = true
        default: throw Failure(reason: "unknown ELF class \(bytes[4])")
        }
        switch bytes[5] {
        case 1: littleEndian = true
        case 2: littleEndian = false
        default: throw Failure(reason: "unknown byte order \(bytes[5])")
        }
        guard !is64 || bytes.count >= 64 else { throw Failure(reason: "truncated header") }
        try readSegments()
        try readSections()
    }

    // MARK: Integers

    func u16(_ at: Int) -> UInt16? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        let a = UInt16(bytes[at])
        let b = UInt16(bytes[at + 1])
        return littleEndian ? a | b << 8 : a << 8 | b
    }

    func u32(_ at: Int) -> UInt32? {
        guard at >= 0, at + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 {
            let b = UInt32(bytes[at + (littleEndian ? 3 - i : i)])
            v = v << 8 | b
        }
        return v
    }

    func u64(_ at: Int) -> UInt64? {
        guard at >= 0, at + 8 <= bytes.count else { return nil }
        var v: UInt64 = 0
        for i in 0..<8 {
            let b = UInt64(bytes[at + (littleEndian ? 7 - i : i)])
            v = v << 8 | b
        }
        return v
    }

    /// A native word (4 or 8 bytes by class).
    func word(_ at: Int) -> UInt64? { is64 ? u64(at) : u32(at).map(UInt64.init) }

    // MARK: Headers

    private mutating func readSegments() throws(Failure) {
        guard let phoff = word(is64 ? 0x20 : 0x1C), let entsize = u16(is64 ? 0x36 : 0x2A),
            let count = u16(is64 ? 0x38 : 0x2C)
        else { throw Failure(reason: "truncated header") }
        guard count > 0, phoff > 0 else { return }
        let needed = is64 ? 56 : 32
        guard Int(entsize) >= needed, let table = Int(exactly: phoff),
            table <= bytes.count, Int(count) * Int(entsize) <= bytes.count - table
        else { throw Failure(reason: "program headers outside the file") }
        for i in 0..<Int(count) {
            let base = table + i * Int(entsize)
            if is64 {
                guard let type = u32(base), let flags = u32(base + 4), let offset = u64(base + 8),
                    let vaddr = u64(base + 16), let filesz = u64(base + 32)
                else { continue }
                segments.append(
                    Segment(type: type, flags: flags, offset: offset, virtualAddress: vaddr, fileSize: filesz)
                )
            } else {
                guard let type = u32(base), let offset = u32(base + 4), let vaddr = u32(base + 8),
                    let filesz = u32(base + 16), let flags = u32(base + 24)
                else { continue }
                segments.append(
                    Segment(
                        type: type,
                        flags: flags,
                        offset: UInt64(offset),
                        virtualAddress: UInt64(vaddr),
                        fileSize: UInt64(filesz)
                    )
                )
            }
        }
    }

    private mutating func readSections() throws(Failure) {
        guard let shoff = word(is64 ? 0x28 : 0x20), let entsize = u16(is64 ? 0x3A : 0x2E),
            var count = Optional(Int(u16(is64 ? 0x3C : 0x30) ?? 0)), let shstrndx16 = u16(is64 ? 0x3E : 0x32)
        else { throw Failure(reason: "truncated header") }
        guard shoff > 0 else { return }
        let needed = is64 ? 64 : 40
        guard Int(entsize) >= needed, let table = Int(exactly: shoff), table <= bytes.count else {
            throw Failure(reason: "section headers outside the file")
        }
        var stringIndex = Int(shstrndx16)
        if count == 0 || stringIndex == 0xFFFF {
            // Extended numbering: the real values live in section 0.
            let first = readSectionHeader(at: table)
            if count == 0 { count = Int(clamping: first?.size ?? 0) }
            if stringIndex == 0xFFFF { stringIndex = Int(first?.linkField ?? 0) }
        }
        guard count <= (bytes.count - table) / Int(entsize) else {
            throw Failure(reason: "section headers outside the file")
        }
        var raw: [(nameOffset: UInt32, section: Section)] = []
        raw.reserveCapacity(count)
        for i in 0..<count {
            guard let header = readSectionHeader(at: table + i * Int(entsize)) else { continue }
            raw.append((header.nameOffset, header.section))
        }
        let names = stringIndex < raw.count ? raw[stringIndex].section : nil
        sections = raw.map { entry in
            var s = entry.section
            if let names { s.name = stringAt(table: names, offset: entry.nameOffset) }
            return s
        }
    }

    private func readSectionHeader(at base: Int) -> (
        nameOffset: UInt32, section: Section, size: UInt64, linkField: UInt32
    )? {
        if is64 {
            guard let name = u32(base), let type = u32(base + 4), let flags = u64(base + 8), let addr = u64(base + 16),
                let offset = u64(base + 24), let size = u64(base + 32), let link = u32(base + 40)
            else { return nil }
            return (
                name, Section(name: "", type: type, flags: flags, address: addr, offset: offset, size: size), size, link
            )
        }
        guard let name = u32(base), let type = u32(base + 4), let flags = u32(base + 8), let addr = u32(base + 12),
            let offset = u32(base + 16), let size = u32(base + 20), let link = u32(base + 24)
        else { return nil }
        return (
            name,
            Section(
                name: "",
                type: type,
                flags: UInt64(flags),
                address: UInt64(addr),
                offset: UInt64(offset),
                size: UInt64(size)
            ), UInt64(size), link
        )
    }

    private func stringAt(table: Section, offset: UInt32) -> String {
        let (startOffset, overflowStart) = table.offset.addingReportingOverflow(UInt64(offset))
        let (endOffset, overflowEnd) = table.offset.addingReportingOverflow(table.size)
        guard !overflowStart, !overflowEnd, let start = Int(exactly: startOffset), let end = Int(exactly: endOffset),
            start < end, end <= bytes.count
        else { return "" }
        var i = start
        while i < end, bytes[i] != 0 { i += 1 }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    // MARK: Contents

    /// The first section named `name`.
    func section(named name: String) -> Section? { sections.first { $0.name == name } }

    /// The file bytes of a section (nil for `SHT_NOBITS` or a section outside the file).
    func contents(of section: Section) -> ArraySlice<UInt8>? {
        guard section.type != Self.sectionTypeNoBits else { return nil }
        return slice(offset: section.offset, count: section.size)
    }

    /// The file bytes of a segment.
    func contents(of segment: Segment) -> ArraySlice<UInt8>? { slice(offset: segment.offset, count: segment.fileSize) }

    func slice(offset: UInt64, count: UInt64) -> ArraySlice<UInt8>? {
        guard let start = Int(exactly: offset), let length = Int(exactly: count), start <= bytes.count,
            length <= bytes.count - start
        else { return nil }
        return bytes[start..<(start + length)]
    }

    /// `count` bytes at virtual address `address`, read through the loadable segments (then sections).
    func read(address: UInt64, count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0 else { return nil }
        for segment in segments where segment.type == Self.segmentTypeLoad {
            guard address >= segment.virtualAddress, address - segment.virtualAddress < segment.fileSize else {
                continue
            }
            let delta = address - segment.virtualAddress
            guard UInt64(count) <= segment.fileSize - delta else { return nil }
            let (offset, overflow) = segment.offset.addingReportingOverflow(delta)
            return overflow ? nil : slice(offset: offset, count: UInt64(count))
        }
        for section in sections where section.type != Self.sectionTypeNoBits && section.address != 0 {
            guard address >= section.address, address - section.address < section.size else { continue }
            let delta = address - section.address
            guard UInt64(count) <= section.size - delta else { return nil }
            let (offset, overflow) = section.offset.addingReportingOverflow(delta)
            return overflow ? nil : slice(offset: offset, count: UInt64(count))
        }
        return nil
    }
}
