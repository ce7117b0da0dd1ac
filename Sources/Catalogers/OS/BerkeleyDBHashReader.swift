/// Reads the values of a Berkeley DB hash database (rpm's `Packages` before rpm 4.16), from bytes.
///
/// Layout (libdb `db_page.h`): page 0 is the hash metadata page (magic `0x061561` at offset 12, page
/// size at 20, last page number at 32); hash pages (type 13, or 2 for unsorted ones) hold an index of
/// 16-bit item offsets after the 26-byte page header, keys at even and values at odd positions. rpm's
/// header values do not fit in a page, so they are `H_OFFPAGE` items (type 3: first overflow page and
/// total length) whose data runs through a chain of overflow pages (type 7; `hf_offset` holds the bytes
/// used on each). Small values stored in the page (`H_KEYDATA`, type 1) are read too. Either byte order
/// is accepted.
enum BerkeleyDBHashReader {
    static let hashMagic: UInt32 = 0x061561
    static let btreeMagic: UInt32 = 0x053162
    static let queueMagic: UInt32 = 0x042253
    private static let pageHeaderSize = 26
    private static let validPageSizes: Set<Int> = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]

    /// True when `bytes` starts with a Berkeley DB metadata page of any access method.
    static func looksLikeBerkeleyDB(_ bytes: [UInt8]) -> Bool {
        for bigEndian in [false, true] {
            if let magic = OSBinary.u32(bytes, 12, bigEndian: bigEndian),
                magic == hashMagic || magic == btreeMagic || magic == queueMagic
            {
                return true
            }
        }
        return false
    }

    static func values(_ bytes: [UInt8]) throws(RpmDatabaseError) -> RpmDatabaseBlobs {
        var bigEndian = false
        if OSBinary.u32(bytes, 12, bigEndian: false) == hashMagic {
            bigEndian = false
        } else if OSBinary.u32(bytes, 12, bigEndian: true) == hashMagic {
            bigEndian = true
        } else if looksLikeBerkeleyDB(bytes) {
            throw .unsupported("Berkeley DB database is not a hash database")
        } else {
            throw .corrupt("not a Berkeley DB database")
        }
        guard let pageSize32 = OSBinary.u32(bytes, 20, bigEndian: bigEndian), validPageSizes.contains(Int(pageSize32))
        else { throw .corrupt("invalid Berkeley DB page size") }
        let pageSize = Int(pageSize32)
        guard bytes.count > 32, bytes[24] == 0 else { throw .unsupported("encrypted Berkeley DB database") }
        guard bytes[25] == 8 else { throw .corrupt("Berkeley DB metadata page has type \(bytes[25]), expected 8") }
        guard let lastPage32 = OSBinary.u32(bytes, 32, bigEndian: bigEndian) else {
            throw .corrupt("truncated Berkeley DB metadata page")
        }
        let pagesInFile = bytes.count / pageSize
        var result = RpmDatabaseBlobs()
        let lastPage = min(Int(lastPage32), pagesInFile - 1)
        if Int(lastPage32) > pagesInFile - 1 { result.damaged += 1 }
        guard lastPage >= 1 else { return result }

        for page in 1...lastPage {
            let base = page * pageSize
            let type = bytes[base + 25]
            guard type == 13 || type == 2 else { continue }
            guard let count16 = OSBinary.u16(bytes, base + 20, bigEndian: bigEndian) else { continue }
            let count = Int(count16)
            guard pageHeaderSize + count * 2 <= pageSize else {
                result.damaged += 1
                continue
            }
            var index = 1
            while index < count {
                defer { index += 2 }
                guard let offset16 = OSBinary.u16(bytes, base + pageHeaderSize + index * 2, bigEndian: bigEndian)
                else { continue }
                let offset = Int(offset16)
                guard offset >= pageHeaderSize + count * 2, offset < pageSize else {
                    result.damaged += 1
                    continue
                }
                switch bytes[base + offset] {
                case 3:  // H_OFFPAGE
                    guard let first = OSBinary.u32(bytes, base + offset + 4, bigEndian: bigEndian),
                        let total = OSBinary.u32(bytes, base + offset + 8, bigEndian: bigEndian),
                        offset + 12 <= pageSize
                    else {
                        result.damaged += 1
                        continue
                    }
                    if let value = overflowChain(
                        bytes,
                        first: Int(first),
                        total: Int(total),
                        pageSize: pageSize,
                        lastPage: lastPage,
                        bigEndian: bigEndian
                    ) {
                        result.blobs.append(value)
                    } else {
                        result.damaged += 1
                    }
                case 1:  // H_KEYDATA
                    let previous =
                        index == 0
                        ? pageSize
                        : Int(
                            OSBinary.u16(bytes, base + pageHeaderSize + (index - 1) * 2, bigEndian: bigEndian)
                                ?? 0
                        )
                    let length = previous - offset - 1
                    // The record with key 0 holds rpm's next instance number (4 bytes), not a header.
                    guard length >= 24, previous <= pageSize else { continue }
                    result.blobs.append(Array(bytes[(base + offset + 1)..<(base + offset + 1 + length)]))
                default:
                    continue
                }
            }
        }
        return result
    }

    private static func overflowChain(
        _ bytes: [UInt8],
        first: Int,
        total: Int,
        pageSize: Int,
        lastPage: Int,
        bigEndian: Bool
    ) -> [UInt8]? {
        guard total > 0, total <= 256 << 20 else { return nil }
        var value: [UInt8] = []
        value.reserveCapacity(min(total, bytes.count))
        var page = first
        var visited = 0
        while page != 0 {
            guard page >= 1, page <= lastPage, visited <= lastPage else { return nil }
            visited += 1
            let base = page * pageSize
            guard bytes[base + 25] == 7,
                let used16 = OSBinary.u16(bytes, base + 22, bigEndian: bigEndian),
                let next = OSBinary.u32(bytes, base + 16, bigEndian: bigEndian)
            else { return nil }
            let used = min(Int(used16), pageSize - pageHeaderSize)
            value.append(contentsOf: bytes[(base + pageHeaderSize)..<(base + pageHeaderSize + used)])
            if value.count >= total { break }
            page = Int(next)
        }
        guard value.count >= total else { return nil }
        if value.count > total { value.removeLast(value.count - total) }
        return value
    }
}
