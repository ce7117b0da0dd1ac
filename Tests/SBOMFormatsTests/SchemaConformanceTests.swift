import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import SBOMFormats

/// The documents validate against the official CycloneDX 1.6 and SPDX 2.3 JSON schemas (and Bulkhead's
/// own schema), checked by Python's jsonschema as an independent oracle.
struct SchemaConformanceTests {
    static var cycloneDXSchema: String? { Corpus.path("schemas/cyclonedx/bom-1.6.schema.json") }
    static var spdxSchema: String? { Corpus.path("schemas/spdx-2.3/spdx-schema.json") }
    static var spdxDraft7Schema: String? { Corpus.path("schemas/spdx-2.3/spdx-schema.draft-07.json") }

    /// Inventories covering image/directory/empty subjects, unicode, odd names, licenses, missing versions,
    /// and 40 random ones.
    static var inventories: [Inventory] {
        var rng = SplitMix64(seed: 2024)
        return [SampleInventory.full, SampleInventory.directory, SampleInventory.empty]
            + (0..<40).map { _ in SampleInventory.random(using: &rng) }
    }

    /// Nil when validation can run; else the reason it cannot (and a failure when integration is required).
    static func unavailable(_ schema: String?) -> String? {
        let reason: String?
        if schema == nil {
            reason = "corpus schema missing"
        } else if !SchemaValidation.hasJSONSchema || !LocalSchemaValidation.hasReferencing {
            reason = "python3 with jsonschema>=4.18 (referencing) not available"
        } else {
            reason = nil
        }
        if let reason {
            #expect(!Corpus.integrationRequired, "\(reason)")
            print("skipped: \(reason)")
        }
        return reason
    }

    func check(_ documents: [String], schema: String, draft: LocalSchemaValidation.Draft) async throws {
        let results = try await LocalSchemaValidation.errors(of: documents, schemaPath: schema, draft: draft)
        #expect(results.count == documents.count)
        for (index, errors) in results.enumerated() {
            #expect(errors.isEmpty, "document \(index): \(errors.prefix(5))\n\(documents[index].prefix(3000))")
        }
    }

    @Test func cycloneDXValidatesAgainstTheOfficial16Schema() async throws {
        guard Self.unavailable(Self.cycloneDXSchema) == nil, let schema = Self.cycloneDXSchema else { return }
        try await check(Self.inventories.map(CycloneDXEncoder.encode), schema: schema, draft: .draft7)
        // The same check rejects a document with one wrong component type.
        let broken = CycloneDXEncoder.encode(SampleInventory.full).replacingOccurrences(
            of: "\"type\": \"library\"",
            with: "\"type\": \"libary\""
        )
        let errors = try await LocalSchemaValidation.errors(of: [broken], schemaPath: schema, draft: .draft7)
        #expect(errors.first?.isEmpty == false)
    }

    @Test func spdxValidatesAgainstBothOfficial23Schemas() async throws {
        guard Self.unavailable(Self.spdxSchema) == nil, let schema = Self.spdxSchema,
            let draft7 = Self.spdxDraft7Schema
        else { return }
        let documents = Self.inventories.map(SPDXEncoder.encode)
        try await check(documents, schema: schema, draft: .draft2019)
        try await check(documents, schema: draft7, draft: .draft7)
    }

    @Test func nativeJSONValidatesAgainstItsSchema() async throws {
        guard Self.unavailable("") == nil else { return }
        let schema = Corpus.repositoryPath("docs/sbom.schema.json")
        try await check(Self.inventories.map(NativeSBOMEncoder.encode), schema: schema, draft: .draft2020)
    }

    /// The oracle itself works: it resolves the schema's local `$ref`s (an invalid SPDX license id is caught
    /// through `spdx.schema.json`) and tells the official valid and invalid test vectors apart.
    ///
    /// Vectors with JSF `signature`s are left out: JSF's `algorithm` is `oneOf` an enum and a `uri`-format
    /// string, which only separates when the validator asserts `format: uri` (Python needs `rfc3987` for
    /// that), so `ES256` matches both branches here. Our documents carry no signatures.
    @Test func oracleSeparatesTheOfficialValidAndInvalidVectors() async throws {
        guard Self.unavailable(Self.cycloneDXSchema) == nil, let schema = Self.cycloneDXSchema,
            let directory = Corpus.path("schemas/cyclonedx/test-vectors/1.6")
        else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
        let all = try files.sorted().map { ($0, try String(contentsOfFile: directory + "/" + $0, encoding: .utf8)) }
            .filter { !$0.1.contains("\"signature\"") }
        let documents = all.map(\.1)
        let names = all.map(\.0)
        let results = try await LocalSchemaValidation.errors(of: documents, schemaPath: schema, draft: .draft7)
        #expect(names.count >= 55)
        for (name, errors) in zip(names, results) {
            if name.hasPrefix("valid-") {
                #expect(errors.isEmpty, "\(name): \(errors.prefix(3))")
            } else {
                #expect(!errors.isEmpty, "\(name) should be rejected")
            }
        }
    }
}
