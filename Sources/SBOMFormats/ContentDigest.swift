import SecurityModel

/// Streams an inventory's content into SHA-256 without building a document: every value is written
/// with a type tag and a length prefix, so different contents can never produce the same byte stream.
struct ContentDigest {
    private var hasher = SHA256Digest()
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    /// The lowercase hex digest of `inventory` without its creation time.
    static func of(_ inventory: Inventory) -> String {
        var digest = ContentDigest()
        digest.string("bulkhead-inventory/1")
        digest.string(inventory.tool.name)
        digest.string(inventory.tool.version)
        switch inventory.subject {
        case .directory(let path):
            digest.tag(1)
            digest.string(path)
        case .image(let image):
            digest.tag(2)
            digest.string(image.reference)
            digest.optional(image.manifestDigest)
            digest.optional(image.configDigest)
            digest.strings(image.repoTags)
            digest.optional(image.os)
            digest.optional(image.architecture)
            digest.optional(image.variant)
            digest.count(image.layers.count)
            for layer in image.layers {
                digest.optional(layer.digest)
                digest.optional(layer.diffID)
                digest.optional(layer.mediaType)
                digest.optional(layer.size)
                digest.optional(layer.uncompressedSize)
                digest.optional(layer.createdBy)
            }
        }
        if let os = inventory.operatingSystem {
            digest.tag(1)
            digest.string(os.id)
            digest.optional(os.versionID)
            digest.optional(os.codename)
            digest.optional(os.prettyName)
            digest.strings(os.idLike)
            digest.tag(os.isDistroless ? 1 : 0)
        } else {
            digest.tag(0)
        }
        let packages = PackageIdentity.ordered(inventory.packages)
        digest.count(packages.count)
        for p in packages {
            digest.string(p.name)
            digest.string(p.version)
            digest.string(p.type.rawValue)
            digest.string(p.purl)
            digest.optional(p.sourceName)
            digest.optional(p.sourceVersion)
            digest.strings(p.licenses)
            digest.optional(p.architecture)
            digest.optional(p.layerIndex)
            digest.strings(p.locations)
            digest.strings(p.files)
            digest.string(p.foundBy)
        }
        digest.count(inventory.diagnostics.count)
        for d in inventory.diagnostics {
            digest.string(d.catalogerID)
            digest.string(d.path)
            digest.string(d.message)
        }
        return digest.finalize()
    }

    private mutating func flushIfNeeded(_ incoming: Int) {
        if buffer.count + incoming > (1 << 16) {
            hasher.update(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    private mutating func tag(_ value: UInt8) {
        flushIfNeeded(1)
        buffer.append(value)
    }

    private mutating func count(_ value: Int) {
        flushIfNeeded(8)
        var v = UInt64(truncatingIfNeeded: value)
        for _ in 0..<8 {
            buffer.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    private mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { bytes in
            count(bytes.count)
            if bytes.count > (1 << 15) {
                hasher.update(buffer)
                buffer.removeAll(keepingCapacity: true)
                hasher.update(bytes)
            } else {
                flushIfNeeded(bytes.count)
                buffer.append(contentsOf: bytes)
            }
        }
    }

    private mutating func optional(_ value: String?) {
        if let value {
            tag(1)
            string(value)
        } else {
            tag(0)
        }
    }

    private mutating func optional(_ value: Int?) {
        if let value {
            tag(1)
            count(value)
        } else {
            tag(0)
        }
    }

    private mutating func strings(_ values: [String]) {
        count(values.count)
        for value in values { string(value) }
    }

    private mutating func finalize() -> String {
        hasher.update(buffer)
        buffer.removeAll()
        return SHA256Digest.hex(hasher.finalize())
    }
}
