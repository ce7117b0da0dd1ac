import SecurityModel
import TestSupport
import Testing

@testable import SBOMFormats

struct SHA256DigestTests {
    static let vectors: [(Int, String)] = [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"),
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        (127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a"),
        (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
        (1000, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ]

    @Test(arguments: vectors)
    func matchesReferenceDigestsAcrossBlockBoundaries(_ vector: (Int, String)) {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: vector.0)
        #expect(SHA256Digest.hex(SHA256Digest.hash(bytes)) == vector.1, "length \(vector.0)")
    }

    @Test func knownTextVectors() {
        #expect(SHA256Digest.hexHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256Digest.hexHash("héllo wörld ☃") == "197a152db0d9da8d291382523cbe9fc690eaed31f5b9d597814c825624770688"
        )
    }

    @Test func incrementalUpdatesEqualOneShot() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<50 {
            let bytes = (0..<Int.random(in: 0..<400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var hasher = SHA256Digest()
            var rest = bytes[...]
            while !rest.isEmpty {
                let n = Int.random(in: 1...70, using: &rng)
                hasher.update(rest.prefix(n))
                rest = rest.dropFirst(n)
            }
            #expect(hasher.finalize() == SHA256Digest.hash(bytes))
        }
    }

    @Test func deterministicUUIDHasVersionAndVariantBits() {
        let uuid = DeterministicUUID.make("x")
        #expect(uuid == DeterministicUUID.make("x"))
        #expect(uuid != DeterministicUUID.make("y"))
        let chars = Array(uuid)
        #expect(chars.count == 36)
        #expect(chars[14] == "5")
        #expect("89ab".contains(chars[19]))
        #expect([8, 13, 18, 23].allSatisfy { chars[$0] == "-" })
    }
}

struct SBOMTimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (1_700_000_000, "2023-11-14T22:13:20Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (4_107_542_400, "2100-03-01T00:00:00Z"),
        (Int64.max, "9999-12-31T23:59:59Z"),
        (Int64.min, "0000-01-01T00:00:00Z"),
    ])
    func formatsSecondsSinceEpoch(_ row: (Int64, String)) {
        #expect(SBOMTimestamp.rfc3339(secondsSinceEpoch: row.0) == row.1)
        #expect(SBOMTimestamp.isRFC3339(row.1))
    }

    @Test func recognisesRFC3339Shapes() {
        for good in ["2024-05-01T12:00:00Z", "2024-05-01T12:00:00.123Z", "2024-05-01T12:00:00+02:00"] {
            #expect(SBOMTimestamp.isRFC3339(good), "\(good)")
        }
        for bad in ["", "2024-05-01", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00", "2024-05-01T12:00:00.Z", "x"] {
            #expect(!SBOMTimestamp.isRFC3339(bad), "\(bad)")
        }
    }

    @Test func everyDayRoundTripsThroughTheCalendar() {
        // Consecutive days must give strictly increasing, well-formed dates (no gaps at month/leap boundaries).
        var previous = ""
        for day in Int64(-800)...Int64(800) {
            let text = SBOMTimestamp.rfc3339(secondsSinceEpoch: 951_782_400 + day * 86_400)
            #expect(SBOMTimestamp.isRFC3339(text))
            #expect(text > previous, "\(text) after \(previous)")
            previous = text
        }
    }
}

struct PackageIdentityTests {
    @Test func idsUseOnlySPDXIdStringCharacters() {
        for (package, id) in PackageIdentity.identified(SampleInventory.packages) {
            #expect(
                id.utf8.allSatisfy { b in
                    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D
                        || b == 0x2E
                },
                "\(id)"
            )
            #expect(id.hasPrefix(package.type.rawValue + "-"))
        }
    }

    @Test func orderIsIndependentOfInputOrderAndDuplicatesAreDropped() {
        var rng = SplitMix64(seed: 3)
        let reference = PackageIdentity.identified(SampleInventory.packages).map(\.id)
        for _ in 0..<20 {
            let shuffled = (SampleInventory.packages + SampleInventory.packages.prefix(2)).shuffled(using: &rng)
            #expect(PackageIdentity.identified(shuffled).map(\.id) == reference)
        }
    }

    @Test func collidingIdsGetASuffix() {
        // Two packages that differ only in files have the same identity hash.
        var a = SampleInventory.musl
        var b = SampleInventory.musl
        a.files = ["/a"]
        b.files = ["/b"]
        let ids = PackageIdentity.identified([a, b]).map(\.id)
        #expect(ids.count == 2)
        #expect(Set(ids).count == 2)
        #expect(ids[1] == ids[0] + "-2")
    }
}
