/// Reads header blobs from rpm's NDB database (`Packages.db`, SUSE), from bytes.
///
/// Layout (rpm `lib/backend/ndb/rpmpkg.c`, little-endian): a 32-byte header (`RpmP` magic, version 0,
/// generation, number of 4 KiB slot pages) that also takes the first two slots; then 16-byte slots
/// (`Slot` magic, package index, block offset, block count), free when the package index is 0. A
/// block offset counts 16-byte blocks; the blob there starts with a 16-byte header (`BlbS` magic,
/// package index, checksum, length) followed by the header blob.
enum RpmNDBReader {
    static let headerMagic: [UInt8] = Array("RpmP".utf8)
    private static let slotMagic: UInt32 = 0x746F_6C53  // "Slot"
    private static let blobMagic: UInt32 = 0x5362_6C42  // "BlbS"
    private static let slotsPerPage = 4096 / 16

    static func blobs(_ bytes: [UInt8]) throws(RpmDatabaseError) -> RpmDatabaseBlobs {
        guard OSBinary.hasPrefix(bytes, headerMagic) else { throw .corrupt("not an NDB database") }
        guard let version = OSBinary.u32(bytes, 4, bigEndian: false),
            let slotPages = OSBinary.u32(bytes, 12, bigEndian: false)
        else { throw .corrupt("truncated NDB header") }
        guard version == 0 else { throw .unsupported("NDB version \(version)") }
        guard slotPages >= 1, slotPages <= 2048 else { throw .corrupt("NDB header has \(slotPages) slot pages") }
        let slotCount = Int(slotPages) * slotsPerPage
        guard slotCount * 16 <= bytes.count else { throw .corrupt("NDB slot pages run past the end of the file") }

        var result = RpmDatabaseBlobs()
        for slot in 2..<slotCount {
            let at = slot * 16
            guard let magic = OSBinary.u32(bytes, at, bigEndian: false),
                let packageIndex = OSBinary.u32(bytes, at + 4, bigEndian: false),
                let blockOffset = OSBinary.u32(bytes, at + 8, bigEndian: false)
            else { break }
            guard magic == slotMagic else {
                throw .corrupt("bad NDB slot magic at slot \(slot)")
            }
            if packageIndex == 0 { continue }
            let blobAt = Int(blockOffset) * 16
            guard let blobMagic = OSBinary.u32(bytes, blobAt, bigEndian: false),
                let blobIndex = OSBinary.u32(bytes, blobAt + 4, bigEndian: false),
                let length = OSBinary.u32(bytes, blobAt + 12, bigEndian: false),
                blobMagic == Self.blobMagic, blobIndex == packageIndex,
                Int(length) <= bytes.count - blobAt - 16
            else {
                result.damaged += 1
                continue
            }
            result.blobs.append(Array(bytes[(blobAt + 16)..<(blobAt + 16 + Int(length))]))
        }
        return result
    }
}
