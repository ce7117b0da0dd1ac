import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import SBOMFormats

/// Mutated, truncated and type-confused documents never crash the decoders: each gives a document or an
/// ``SBOMDecodingError``.
struct DecoderFuzzTests {
    static var seeds: [[UInt8]] {
        var documents = [SampleInventory.full, SampleInventory.directory].flatMap { inventory in
            [CycloneDXEncoder.encode(inventory), SPDXEncoder.encode(inventory), NativeSBOMEncoder.encode(inventory)]
        }.map { Array($0.utf8) }
        for relative in [
            "sboms/syft/alpine-3.10.syft.spdx.json", "sboms/syft/alpine.sbom.syft.json",
            "sboms/claircore-spdx/simple.spdx.json", "pkgdb/osv-scalibr/sbom-cdx/sbom-with-nested-comps.cdx.json",
            "schemas/cyclonedx/test-vectors/1.6/valid-bom-1.6.json",
        ] {
            if let path = Corpus.path(relative), let data = FileManager.default.contents(atPath: path) {
                documents.append(Array(data))
            }
        }
        return documents
    }

    /// Decodes and touches the result; the point is reaching the end without a trap.
    @discardableResult
    static func decodes(_ bytes: [UInt8]) -> Bool {
        do {
            let sbom = try SBOMDecoder.decode(bytes, subject: "fuzz")
            _ = sbom.packages.map { PackageIdentity.id(of: $0) }
            return true
        } catch {
            #expect(!error.description.isEmpty)
            return false
        }
    }

    @Test func byteMutationsNeverCrash() {
        var rng = SplitMix64(seed: 31)
        let interesting = Array("{}[]\",:0-\\ntruefalsenull".utf8) + [0x00, 0xFF, 0xC3]
        for seed in Self.seeds {
            for _ in 0..<150 {
                var bytes = seed
                for _ in 0..<Int.random(in: 1...6, using: &rng) where !bytes.isEmpty {
                    let at = Int.random(in: 0..<bytes.count, using: &rng)
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: at)
                    case 2: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                    default: bytes.replaceSubrange(at..<min(bytes.count, at + 40), with: [])
                    }
                }
                Self.decodes(bytes)
            }
        }
    }

    @Test func truncationsNeverCrash() {
        for seed in Self.seeds {
            let step = max(1, seed.count / 97)
            for length in stride(from: 0, to: seed.count, by: step) { Self.decodes(Array(seed.prefix(length))) }
        }
    }

    /// Replaces random values deep inside valid documents with values of other types.
    @Test func typeConfusionNeverCrashes() throws {
        var rng = SplitMix64(seed: 47)
        let replacements: [JSONValue] = [
            .null, .bool(true), .int(-1), .double(1e300), .string(""), .string("pkg:"), .array([]), .array([.null]),
            .object([]), .object([("name", .int(3))]),
        ]
        func mutate(_ value: JSONValue, depth: Int) -> JSONValue {
            if depth > 0, Int.random(in: 0..<12, using: &rng) == 0 {
                return replacements.randomElement(using: &rng) ?? .null
            }
            switch value {
            case .array(let items): return .array(items.map { mutate($0, depth: depth + 1) })
            case .object(let pairs): return .object(pairs.map { ($0.0, mutate($0.1, depth: depth + 1)) })
            default: return value
            }
        }
        var decoded = 0
        for seed in Self.seeds {
            let json = try JSONParser.parse(bytes: seed)
            for _ in 0..<60 {
                if (try? SBOMDecoder.decode(mutate(json, depth: 0), subject: "fuzz")) != nil { decoded += 1 }
            }
        }
        #expect(decoded > 0, "lenient decoding keeps most mutated documents readable")
    }

    @Test func hostileShapesAreBounded() throws {
        // Deep nesting stops at the JSON parser's limit; wide nesting of components is walked iteratively.
        let deep = String(repeating: "{\"components\":[", count: 2000)
        #expect(!Self.decodes(Array(deep.utf8)))
        var nested = JSONValue.object([("type", .string("library")), ("name", .string("leaf"))])
        for i in 0..<400 {
            nested = .object([
                ("type", .string("library")), ("name", .string("n\(i)")), ("components", .array([nested])),
            ])
        }
        let bom = JSONValue.object([
            ("bomFormat", .string("CycloneDX")), ("specVersion", .string("1.6")), ("components", .array([nested])),
        ])
        let sbom = try SBOMDecoder.decode(bom)
        #expect(sbom.packages.count == 401)
        #expect(sbom.packages.last?.name == "leaf")
        // A component without a name is reported, not a crash.
        let unnamed = try SBOMDecoder.decode(
            .object([
                ("bomFormat", .string("CycloneDX")), ("specVersion", .string("1.5")),
                ("components", .array([.object([("type", .string("library"))]), .string("x")])),
            ]),
            subject: "f.json"
        )
        #expect(unnamed.packages.isEmpty)
        #expect(
            unnamed.diagnostics.map(\.message) == [
                "components[0]: component without a name; skipped", "components[1]: not an object; skipped",
            ]
        )
    }

    @Test func emptyAndWhitespaceInputsFailClearly() {
        for input in ["", "   \n", "\u{FEFF}", "[]", "42", "{}", "{\"spdxVersion\":\"SPDX-3.0\"}", "{\"@context\":1}"] {
            do {
                _ = try SBOMDecoder.decode(Array(input.utf8), subject: "x.json")
                Issue.record("\(input.debugDescription) decoded")
            } catch {
                #expect(error.description.hasPrefix("x.json: "), "\(error)")
            }
        }
    }
}
