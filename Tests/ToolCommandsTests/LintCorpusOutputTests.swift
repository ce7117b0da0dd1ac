import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// Lints the whole real Dockerfile corpus and validates the SARIF and JSON reports against their
/// schemas (official SARIF 2.1.0 schema from the corpus; docs/report.schema.json).
struct LintCorpusOutputTests {
    static var corpusDockerfiles: String? { Corpus.path("dockerfiles") }

    func lintCorpus(format: String) throws -> (Int32, String) {
        let dir = try #require(Self.corpusDockerfiles, "corpus missing")
        let (io, out) = CommandIO.capturing(currentDirectory: dir)
        let code = Bulkhead.run(
            arguments: ["lint", "--no-config", "--fail-on", "none", "--format", format, "."],
            io: io
        )
        return (code, out.stdout)
    }

    @Test(.enabled(if: (SchemaValidation.canValidateSARIF && corpusDockerfiles != nil) || Corpus.integrationRequired))
    func corpusSARIFValidatesAgainstTheOfficialSchema() async throws {
        try #require(
            SchemaValidation.canValidateSARIF,
            "python3 with jsonschema and the corpus SARIF schema are required"
        )
        let (code, sarif) = try lintCorpus(format: "sarif")
        #expect(code == 0)
        let doc = try JSONParser.parse(sarif)
        let results = doc["runs"]?.arrayValue?.first?["results"]?.arrayValue ?? []
        #expect(results.count > 1000, "expected the corpus to produce many results, got \(results.count)")
        let errors = try await SchemaValidation.errors(
            of: sarif,
            schemaPath: try #require(SchemaValidation.sarifSchemaPath),
            draft: .draft7
        )
        #expect(errors.isEmpty, "\(errors.prefix(10))")
    }

    @Test(.enabled(if: (SchemaValidation.hasJSONSchema && corpusDockerfiles != nil) || Corpus.integrationRequired))
    func corpusJSONReportValidatesAgainstTheReportSchema() async throws {
        try #require(SchemaValidation.hasJSONSchema, "python3 with jsonschema is required")
        let (code, json) = try lintCorpus(format: "json")
        #expect(code == 0)
        let errors = try await SchemaValidation.errors(
            of: json,
            schemaPath: SchemaValidation.reportSchemaPath,
            draft: .draft2020
        )
        #expect(errors.isEmpty, "\(errors.prefix(10))")
    }

    @Test func corpusHasNoParseFindings() throws {
        guard Self.corpusDockerfiles != nil || Corpus.integrationRequired else {
            print("skipping: corpus not found (set BULKHEAD_CORPUS)")
            return
        }
        let (_, json) = try lintCorpus(format: "json")
        let doc = try JSONParser.parse(json)
        let parseFindings = (doc["findings"]?.arrayValue ?? []).filter { $0["ruleId"]?.stringValue == "DF1000" }
        #expect(parseFindings.isEmpty, "\(parseFindings.prefix(3))")
        #expect((doc["targets"]?.arrayValue?.count ?? 0) > 400)
        #expect(doc["errors"]?.arrayValue?.isEmpty ?? false)
    }
}
