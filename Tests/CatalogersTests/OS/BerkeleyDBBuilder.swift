/// Writes minimal Berkeley DB hash files (one metadata page, one hash page, overflow chains) for tests
/// of layouts the corpus has no example of: values stored in the page, and big-endian databases.
enum BerkeleyDBBuilder {
    static func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32, bigEndian: Bool) {
        for k in 0..<4 {
            let shift = bigEndian ? (3 - k) * 8 : k * 8
            bytes[at + k] = UInt8(truncatingIfNeeded: value >> UInt32(shift))
        }
    }

    static func put16(_ bytes: inout [UInt8], _ at: Int, _ value: UInt16, bigEndian: Bool) {
        bytes[at] = UInt8(truncatingIfNeeded: bigEndian ? value >> 8 : value)
        bytes[at + 1] = UInt8(truncatingIfNeeded: bigEndian ? value : value >> 8)
    }

    /// A database whose hash page holds `values` under keys 1, 2, …: in the page (`H_KEYDATA`) when
    /// `inline`, else in overflow pages (`H_OFFPAGE`).
    static func hash(values: [[UInt8]], pageSize: Int, bigEndian: Bool, inline: Bool) -> [UInt8] {
        var pages: [[UInt8]] = [[UInt8](repeating: 0, count: pageSize), [UInt8](repeating: 0, count: pageSize)]
        var hashPage = [UInt8](repeating: 0, count: pageSize)
        hashPage[25] = 13
        put32(&hashPage, 8, 1, bigEndian: bigEndian)
        var top = pageSize
        var index: [UInt16] = []
        for (n, value) in values.enumerated() {
            // Key: H_KEYDATA with a 4-byte record number.
            top -= 5
            hashPage[top] = 1
            put32(&hashPage, top + 1, UInt32(n + 1), bigEndian: bigEndian)
            index.append(UInt16(top))
            if inline {
                top -= 1 + value.count
                hashPage[top] = 1
                hashPage.replaceSubrange((top + 1)..<(top + 1 + value.count), with: value)
            } else {
                top -= 12
                hashPage[top] = 3
                put32(&hashPage, top + 4, UInt32(pages.count), bigEndian: bigEndian)
                put32(&hashPage, top + 8, UInt32(value.count), bigEndian: bigEndian)
                // The chain: as many overflow pages as the value needs.
                let room = pageSize - 26
                var offset = 0
                while offset < value.count {
                    var page = [UInt8](repeating: 0, count: pageSize)
                    let used = min(room, value.count - offset)
                    page[25] = 7
                    put32(&page, 8, UInt32(pages.count), bigEndian: bigEndian)
                    put16(&page, 22, UInt16(used), bigEndian: bigEndian)
                    let last = offset + used >= value.count
                    put32(&page, 16, last ? 0 : UInt32(pages.count + 1), bigEndian: bigEndian)
                    page.replaceSubrange(26..<(26 + used), with: value[offset..<(offset + used)])
                    pages.append(page)
                    offset += used
                }
            }
            index.append(UInt16(top))
        }
        put16(&hashPage, 20, UInt16(index.count), bigEndian: bigEndian)
        for (k, offset) in index.enumerated() { put16(&hashPage, 26 + 2 * k, offset, bigEndian: bigEndian) }
        pages[1] = hashPage
        var meta = pages[0]
        put32(&meta, 12, 0x061561, bigEndian: bigEndian)
        put32(&meta, 16, 9, bigEndian: bigEndian)
        put32(&meta, 20, UInt32(pageSize), bigEndian: bigEndian)
        meta[25] = 8
        put32(&meta, 32, UInt32(pages.count - 1), bigEndian: bigEndian)
        pages[0] = meta
        return pages.flatMap { $0 }
    }
}
