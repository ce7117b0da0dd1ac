import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import Catalogers

/// Seeded mutation, truncation and random-byte tests: no OS parser or cataloger may crash, whatever
/// the bytes, and whatever it reports stays well-formed.
struct OSParserFuzzTests {
    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64, edits: ClosedRange<Int> = 1...16) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: edits, using: &rng) {
            if bytes.isEmpty {
                bytes.append(UInt8.random(in: 0...255, using: &rng))
                continue
            }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
            case 3: bytes[at] = [0x0A, 0x3A, 0x20, 0x00, 0xFF][Int.random(in: 0..<5, using: &rng)]
            default: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
            }
        }
        return bytes
    }

    static func randomBytes(_ count: Int, _ rng: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func wellFormed(_ result: CatalogerResult, _ catalogerID: String) -> Bool {
        result.packages.allSatisfy { !$0.name.isEmpty && !$0.version.isEmpty && $0.purl.hasPrefix("pkg:") }
            && result.diagnostics.allSatisfy { $0.catalogerID == catalogerID && !$0.path.isEmpty }
    }

    static func corpusOr(_ relative: String, _ fallback: String) -> [UInt8] {
        (try? OSCorpus.bytes(relative)) ?? Array(fallback.utf8)
    }

    // MARK: - Text databases

    @Test func mutatedDpkgStatusFilesNeverCrash() {
        let seed = Self.corpusOr("pkgdb/claircore/dpkg/postgresql.status", DpkgCatalogerTests.twoPackages)
        var rng = SplitMix64(seed: 0xD9C6)
        let cataloger = DpkgCataloger()
        for round in 0..<1500 {
            let bytes =
                round % 10 == 0 ? Self.randomBytes(Int.random(in: 0...512, using: &rng), &rng) : Self.mutate(seed, &rng)
            var tree = InMemoryFileTree()
            tree.add(DpkgCataloger.statusPath, bytes)
            tree.add("/var/lib/dpkg/status.d/x", bytes)
            tree.add("/usr/share/doc/postgresql-client/copyright", bytes)
            let result = cataloger.catalog(tree, context: CatalogContext())
            #expect(Self.wellFormed(result, "os/dpkg"))
        }
        // Every truncation of the seed parses to at most the full list.
        let full = DpkgStatusParser.parse(seed).entries.count
        for cut in stride(from: 0, through: seed.count, by: 7) {
            #expect(DpkgStatusParser.parse(Array(seed[..<cut])).entries.count <= full)
        }
    }

    @Test func largeDpkgStatusTruncationsNeverCrash() throws {
        guard let seed = try? OSCorpus.bytes("pkgdb/claircore/dpkg/texlive.status") else { return }
        var rng = SplitMix64(seed: 0x7E1)
        var previous = 0
        for cut in stride(from: 0, through: seed.count, by: seed.count / 97) {
            let parsed = DpkgStatusParser.parse(Array(seed[..<cut]))
            #expect(parsed.entries.count >= previous - 1)
            previous = parsed.entries.count
        }
        for _ in 0..<40 { _ = DpkgStatusParser.parse(Self.mutate(seed, &rng, edits: 1...200)) }
        #expect(DpkgStatusParser.parse(seed).entries.count == 357)
    }

    @Test func mutatedApkDatabasesNeverCrash() {
        let seed = Self.corpusOr("pkgdb/osv-scalibr/apk/installed", ApkCatalogerTests.database)
        var rng = SplitMix64(seed: 0xA9C)
        let cataloger = ApkCataloger()
        for round in 0..<400 {
            let bytes =
                round % 10 == 0 ? Self.randomBytes(Int.random(in: 0...512, using: &rng), &rng) : Self.mutate(seed, &rng)
            var tree = InMemoryFileTree()
            tree.add("/lib/apk/db/installed", bytes, layerIndex: 1)
            let result = cataloger.catalog(
                tree,
                context: CatalogContext(operatingSystem: OperatingSystem(id: "alpine"))
            )
            #expect(Self.wellFormed(result, "os/apk"))
            #expect(result.packages.allSatisfy { $0.layerIndex == 1 })
        }
        for cut in stride(from: 0, through: seed.count, by: 13) {
            _ = ApkDatabaseParser.parse(Array(seed[..<cut]))
        }
    }

    @Test func mutatedCopyrightFilesNeverCrash() {
        let seed = Array(
            "Format: x\nFiles: *\nLicense: GPL-2+ or LGPL-2.1+\nSee /usr/share/common-licenses/GPL-2.\n".utf8
        )
        var rng = SplitMix64(seed: 0xC0B7)
        for _ in 0..<2000 {
            for license in DebianCopyright.licenses(Self.mutate(seed, &rng)) { #expect(!license.isEmpty) }
        }
        #expect(DebianCopyright.licenses(seed) == ["GPL-2+ or LGPL-2.1+"])
        #expect(DebianCopyright.licenses(Array("see /usr/share/common-licenses/Apache-2.0.\n".utf8)) == ["Apache-2.0"])
    }

    // MARK: - rpm header blobs

    static func headerBlob() -> [UInt8]? { try? OSCorpus.bytes("pkgdb/claircore/rpm/package.header") }

    @Test(.enabled(if: OSCorpus.enabled))
    func rawHeaderBlobParses() throws {
        let blob = try OSCorpus.bytes("pkgdb/claircore/rpm/package.header")
        let header = try RpmHeaderParser.parse(blob)
        #expect(header.name == "crypto-policies" && header.version == "20210213")
        #expect(header.release == "1.git5c710c0.fc34" && header.epoch == nil && header.architecture == "noarch")
        #expect(header.sourceRPM == "crypto-policies-20210213-1.git5c710c0.fc34.src.rpm")
        #expect(header.license == "LGPLv2+")
        // File count and first file as Python's struct-based reader gives them (directories left out).
        #expect(header.files.count == 132)
        #expect(header.files.first == "/etc/crypto-policies/back-ends/bind.config")
        // The same header behind the 8-byte header-section magic of a package file.
        let withMagic: [UInt8] = [0x8E, 0xAD, 0xE8, 0x01, 0, 0, 0, 0] + blob
        #expect(try RpmHeaderParser.parse(withMagic) == header)
    }

    @Test func mutatedAndTruncatedHeaderBlobsNeverCrash() throws {
        guard let blob = Self.headerBlob() else { return }
        var rng = SplitMix64(seed: 0x4EAD)
        var parsed = 0
        for _ in 0..<3000 {
            if let header = try? RpmHeaderParser.parse(Self.mutate(blob, &rng, edits: 1...4)) {
                parsed += 1
                #expect(!header.name.isEmpty)
            }
        }
        #expect(parsed > 0)
        // Flip bytes inside the index on purpose: offsets and counts pointing anywhere.
        for _ in 0..<3000 {
            var bytes = blob
            let at = 8 + Int.random(in: 0..<(78 * 16), using: &rng)
            bytes[at] = UInt8.random(in: 0...255, using: &rng)
            _ = try? RpmHeaderParser.parse(bytes)
        }
        for cut in stride(from: 0, to: blob.count, by: 11) {
            #expect(throws: RpmHeaderError.self) { try RpmHeaderParser.parse(Array(blob[..<cut])) }
        }
    }

    @Test func randomHeaderBlobsNeverCrash() {
        var rng = SplitMix64(seed: 0xB10B)
        for _ in 0..<3000 {
            var bytes = Self.randomBytes(Int.random(in: 0...256, using: &rng), &rng)
            if bytes.count >= 8, Bool.random(using: &rng) {
                // A plausible il/dl so the index is walked.
                bytes[0...3] = [0, 0, 0, UInt8.random(in: 1...8, using: &rng)]
                bytes[4...7] = [0, 0, 0, UInt8.random(in: 0...64, using: &rng)]
            }
            _ = try? RpmHeaderParser.parse(bytes)
        }
    }

    // MARK: - rpm databases

    static func catalogRpm(_ bytes: [UInt8], name: String) -> CatalogerResult {
        var tree = InMemoryFileTree()
        tree.add("/var/lib/rpm/" + name, bytes)
        return RpmCataloger().catalog(tree, context: CatalogContext())
    }

    @Test func randomBytesAsEveryRpmDatabaseNeverCrash() {
        var rng = SplitMix64(seed: 0xDB)
        let prefixes: [[UInt8]] = [
            RpmSQLiteReader.magic, RpmNDBReader.headerMagic, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x15, 0x06, 0],
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x06, 0x15, 0x61], [],
        ]
        for round in 0..<600 {
            let prefix = prefixes[round % prefixes.count]
            var bytes = prefix + Self.randomBytes(Int.random(in: 0...9000, using: &rng), &rng)
            if prefix.count == 16, bytes.count > 40 {
                // Valid page size, metadata page type, small last page number.
                bytes[20...23] = [0, 0x10, 0, 0]
                bytes[24] = 0
                bytes[25] = 8
                bytes[32...35] = [UInt8.random(in: 0...4, using: &rng), 0, 0, 0]
                if prefix[12] == 0 { bytes[20...23] = [0, 0, 0x10, 0] }
            }
            for name in ["rpmdb.sqlite", "Packages.db", "Packages"] {
                let result = Self.catalogRpm(bytes, name: name)
                #expect(Self.wellFormed(result, "os/rpm"))
                // Never silently zero: an empty package list always comes with a diagnostic.
                if result.packages.isEmpty { #expect(!result.diagnostics.isEmpty) }
            }
        }
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func mutatedBerkeleyAndNDBDatabasesNeverCrash() throws {
        var rng = SplitMix64(seed: 0xBDB)
        let bdb = try OSCorpus.bytes("pkgdb/go-rpmdb/libuuid/Packages")
        for _ in 0..<400 {
            var bytes = bdb
            for _ in 0..<Int.random(in: 1...32, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            let result = Self.catalogRpm(bytes, name: "Packages")
            #expect(Self.wellFormed(result, "os/rpm"))
            if result.packages.isEmpty { #expect(!result.diagnostics.isEmpty) }
        }
        for cut in stride(from: 0, to: bdb.count, by: 997) {
            let result = Self.catalogRpm(Array(bdb[..<cut]), name: "Packages")
            if result.packages.isEmpty { #expect(!result.diagnostics.isEmpty) }
        }
        let ndb = try OSCorpus.bytes("pkgdb/go-rpmdb/sle15-bci/Packages.db")
        for _ in 0..<60 {
            var bytes = ndb
            for _ in 0..<Int.random(in: 1...64, using: &rng) {
                // Aim at the slot pages and the first blobs, where structure lives.
                bytes[Int.random(in: 0..<min(bytes.count, 64 << 10), using: &rng)] = UInt8.random(
                    in: 0...255,
                    using: &rng
                )
            }
            let result = Self.catalogRpm(bytes, name: "Packages.db")
            #expect(Self.wellFormed(result, "os/rpm"))
            if result.packages.isEmpty { #expect(!result.diagnostics.isEmpty) }
        }
        for cut in stride(from: 0, to: ndb.count, by: ndb.count / 50) {
            _ = Self.catalogRpm(Array(ndb[..<cut]), name: "Packages.db")
        }
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func mutatedSQLiteDatabasesNeverCrash() throws {
        var rng = SplitMix64(seed: 0x5A1)
        let sqlite = try OSCorpus.bytes("pkgdb/go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite")
        for round in 0..<24 {
            var bytes = sqlite
            for _ in 0..<Int.random(in: 1...256, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if round % 4 == 0 { bytes = Array(bytes[..<Int.random(in: 0..<bytes.count, using: &rng)]) }
            let result = Self.catalogRpm(bytes, name: "rpmdb.sqlite")
            #expect(Self.wellFormed(result, "os/rpm"))
            if result.packages.isEmpty { #expect(!result.diagnostics.isEmpty) }
        }
    }
}
