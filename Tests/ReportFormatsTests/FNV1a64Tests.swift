import ReportFormats
import Testing

struct FNV1a64Tests {
    @Test(arguments: [
        ("", "cbf29ce484222325"),
        ("a", "af63dc4c8601ec8c"),
        ("foobar", "85944171f73967e8"),
    ])
    func matchesPublishedTestVectors(_ input: String, _ expected: String) {
        #expect(FNV1a64.hex(FNV1a64.hash(input)) == expected)
    }

    @Test func incrementalHashingEqualsOneShot() {
        var hasher = FNV1a64()
        hasher.combine("foo")
        hasher.combine([UInt8]("bar".utf8))
        #expect(hasher.value == FNV1a64.hash("foobar"))
        #expect(hasher.hexDigest == "85944171f73967e8")
    }

    @Test func seedChangesTheHash() {
        #expect(FNV1a64.hash("x", seed: 1) != FNV1a64.hash("x"))
        #expect(FNV1a64.hex(0) == "0000000000000000")
        #expect(FNV1a64.hex(0xABC) == "0000000000000abc")
    }
}
