import SecurityModel
import TestSupport
import Testing

@testable import SBOMFormats

/// Encoding then decoding gives the packages back.
struct RoundTripTests {
    /// What CycloneDX and SPDX keep of a package: everything but `files` (not written), with licenses,
    /// locations and properties de-duplicated and trimmed as the encoders do.
    static func comparable(_ p: Package) -> Package {
        var copy = p
        copy.files = []
        copy.licenses = LicenseMapping.deduplicated(p.licenses)
        var seen = Set<String>()
        copy.locations = p.locations.filter { seen.insert($0).inserted }
        return copy
    }

    /// The first field that differs between two package lists, for readable failures.
    static func difference(_ actual: [Package], _ expected: [Package]) -> String? {
        guard actual.count == expected.count else { return "count \(actual.count) != \(expected.count)" }
        for (a, e) in zip(actual, expected) where a != e {
            let fields: [(String, String, String)] = [
                ("name", a.name, e.name), ("version", a.version, e.version), ("type", a.type.rawValue, e.type.rawValue),
                ("purl", a.purl, e.purl), ("sourceName", "\(a.sourceName as Any)", "\(e.sourceName as Any)"),
                ("sourceVersion", "\(a.sourceVersion as Any)", "\(e.sourceVersion as Any)"),
                ("licenses", "\(a.licenses)", "\(e.licenses)"),
                ("architecture", "\(a.architecture as Any)", "\(e.architecture as Any)"),
                ("layerIndex", "\(a.layerIndex as Any)", "\(e.layerIndex as Any)"),
                ("locations", "\(a.locations)", "\(e.locations)"),
                ("files", "\(a.files)", "\(e.files)"), ("foundBy", a.foundBy, e.foundBy),
            ]
            for (field, x, y) in fields where x != y {
                return "\(e.name.debugDescription) \(field): \(x.debugDescription) != \(y.debugDescription)"
            }
        }
        return nil
    }

    static func decode(_ text: String) throws -> DecodedSBOM {
        try SBOMDecoder.decode(Array(text.utf8), subject: "test")
    }

    /// Listed SPDX ids are written in canonical case; the sample uses one lower-case id.
    static func canonicalCase(_ p: Package) -> Package {
        var copy = p
        copy.licenses = p.licenses.map { SPDXLicenseExpression.canonicalLicenseID($0) ?? $0 }
        return copy
    }

    @Test func cycloneDXGivesBackEveryPackage() throws {
        let inventory = SampleInventory.full
        let decoded = try Self.decode(CycloneDXEncoder.encode(inventory))
        #expect(decoded.format == .cycloneDX(specVersion: "1.6"))
        #expect(decoded.packages == inventory.orderedPackages.map(Self.comparable).map(Self.canonicalCase))
        #expect(decoded.operatingSystem == inventory.operatingSystem)
        #expect(decoded.subjectName == "docker.io/library/alpine")
        #expect(decoded.diagnostics.map(\.catalogerID) == ["os/rpm"])
    }

    @Test func spdxGivesBackEveryPackage() throws {
        let inventory = SampleInventory.full
        let decoded = try Self.decode(SPDXEncoder.encode(inventory))
        #expect(decoded.format == .spdx(version: "SPDX-2.3"))
        #expect(decoded.packages == inventory.orderedPackages.map(Self.comparable))
        #expect(decoded.operatingSystem?.id == "alpine")
        #expect(decoded.operatingSystem?.versionID == "3.19.1")
        #expect(decoded.subjectName == "docker.io/library/alpine")
        #expect(decoded.diagnostics.map(\.catalogerID) == ["os/rpm"])
    }

    @Test func nativeJSONGivesBackEverythingIncludingFiles() throws {
        let inventory = SampleInventory.full
        let decoded = try Self.decode(NativeSBOMEncoder.encode(inventory))
        #expect(decoded.format == .bulkhead(schemaVersion: 1))
        #expect(decoded.packages == inventory.orderedPackages)
        #expect(decoded.operatingSystem == inventory.operatingSystem)
        #expect(decoded.diagnostics == inventory.diagnostics)
    }

    /// Random inventories (unicode, quotes, control characters, odd licenses, no versions) survive all
    /// three formats; SPDX and CycloneDX modulo their documented normalisations.
    @Test func randomInventoriesRoundTrip() throws {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<80 {
            let inventory = SampleInventory.random(using: &rng)
            let expected = inventory.orderedPackages
            let native = try Self.decode(NativeSBOMEncoder.encode(inventory))
            #expect(Self.difference(native.packages, expected) == nil)
            let spdx = try Self.decode(SPDXEncoder.encode(inventory))
            #expect(Self.difference(spdx.packages, expected.map(Self.comparable)) == nil)
            let cdx = try Self.decode(CycloneDXEncoder.encode(inventory))
            let cdxExpected = expected.map(Self.comparable).map { p -> Package in
                // CycloneDX writes a lone valid expression in canonical form and listed ids in canonical case.
                var copy = p
                let unique = copy.licenses
                copy.licenses = unique.map { text in
                    guard let e = SPDXLicenseExpression(parsing: text) else { return text }
                    if unique.count == 1 || e.isSingleLicenseID { return e.description }
                    return text
                }
                return copy
            }
            #expect(Self.difference(cdx.packages, cdxExpected) == nil)
        }
    }
}
