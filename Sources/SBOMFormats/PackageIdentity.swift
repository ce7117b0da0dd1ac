public import SecurityModel

/// Stable identifiers and a total order for packages, shared by every SBOM format.
///
/// A package's id is `<type>-<name>-<hash>`: the name reduced to SPDX `idstring` characters
/// (`A-Z a-z 0-9 . -`) and the first 16 hex digits of the SHA-256 of its identity (type, name, version,
/// purl, source package, architecture, layer, locations, cataloger). It is the CycloneDX `bom-ref` and,
/// prefixed with `SPDXRef-Package-`, the SPDX `SPDXID`, so the same package has the same id in both
/// formats and across runs.
public enum PackageIdentity {
    /// The packages in output order with exact duplicates removed, each with its unique id.
    public static func identified(_ packages: [Package]) -> [(package: Package, id: String)] {
        var seen = Set<String>()
        var result: [(package: Package, id: String)] = []
        result.reserveCapacity(packages.count)
        for package in ordered(packages) {
            let base = id(of: package)
            var candidate = base
            var n = 2
            while !seen.insert(candidate).inserted {
                candidate = base + "-" + String(n)
                n += 1
            }
            result.append((package, candidate))
        }
        return result
    }

    /// The packages sorted by ``precedes(_:_:)``; exact duplicates removed.
    public static func ordered(_ packages: [Package]) -> [Package] {
        var seen = Set<Package>()
        let unique = packages.filter { seen.insert($0).inserted }
        return unique.sorted(by: precedes)
    }

    /// The output order: type, name, version, purl, locations, layer, cataloger, source package, architecture,
    /// licenses, files; a missing optional sorts before any value.
    public static func precedes(_ a: Package, _ b: Package) -> Bool {
        if a.type != b.type { return a.type.rawValue < b.type.rawValue }
        if a.name != b.name { return a.name < b.name }
        if a.version != b.version { return a.version < b.version }
        if a.purl != b.purl { return a.purl < b.purl }
        if a.locations != b.locations { return a.locations.lexicographicallyPrecedes(b.locations) }
        if a.layerIndex != b.layerIndex { return (a.layerIndex ?? -1) < (b.layerIndex ?? -1) }
        if a.foundBy != b.foundBy { return a.foundBy < b.foundBy }
        if a.sourceName != b.sourceName { return optionalPrecedes(a.sourceName, b.sourceName) }
        if a.sourceVersion != b.sourceVersion { return optionalPrecedes(a.sourceVersion, b.sourceVersion) }
        if a.architecture != b.architecture { return optionalPrecedes(a.architecture, b.architecture) }
        if a.licenses != b.licenses { return a.licenses.lexicographicallyPrecedes(b.licenses) }
        return a.files.lexicographicallyPrecedes(b.files)
    }

    private static func optionalPrecedes(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, .some): return true
        case (.some(let x), .some(let y)): return x < y
        default: return false
        }
    }

    /// `<type>-<name>-<16 hex>` for `package` (before de-duplication of colliding ids).
    public static func id(of package: Package) -> String {
        var hasher = SHA256Digest()
        hasher.update(identityText(package))
        let hash = SHA256Digest.hex(hasher.finalize().prefix(8))
        return package.type.rawValue + "-" + idString(package.name, limit: 64) + "-" + hash
    }

    /// `text` with every character outside `A-Z a-z 0-9 . -` replaced by `-`, cut to `limit` bytes;
    /// `x` when nothing is left.
    public static func idString(_ text: String, limit: Int = 128) -> String {
        var out: [UInt8] = []
        for b in text.utf8 {
            if out.count >= limit { break }
            let ok =
                (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "-")
            out.append(ok ? b : UInt8(ascii: "-"))
        }
        return out.isEmpty ? "x" : String(decoding: out, as: UTF8.self)
    }

    private static func identityText(_ p: Package) -> String {
        [
            p.type.rawValue, p.name, p.version, p.purl, p.sourceName ?? "", p.sourceVersion ?? "",
            p.architecture ?? "", p.layerIndex.map(String.init) ?? "", p.locations.joined(separator: "\u{1}"),
            p.foundBy,
        ].joined(separator: "\u{0}")
    }
}
