import ReportFormats
import SecurityModel
import TestSupport
import Testing

struct JSONReporterTests {
    func parse(_ report: Report, failOn: Severity? = nil) throws -> JSONValue {
        try JSONParser.parse(JSONReporter(failOn: failOn).render(report))
    }

    @Test func topLevelFieldsComeInDocumentedOrder() throws {
        let document = try parse(SampleReport.full)
        #expect(document.keys == ["schemaVersion", "tool", "command", "targets", "summary", "findings", "errors"])
        #expect(document["schemaVersion"]?.stringValue == Report.schemaVersion)
        #expect(document["tool"] == .object([("name", .string("bulkhead")), ("version", .string("0.1.0"))]))
        #expect(document["command"]?.stringValue == "lint")
        #expect(document["targets"]?.arrayValue?.compactMap(\.stringValue) == SampleReport.targets)
    }

    @Test func summaryCountsSeveritiesAndErrors() throws {
        let summary = try #require(try parse(SampleReport.full)["summary"])
        #expect(summary.keys == ["total", "critical", "high", "medium", "low", "info", "errors"])
        #expect(summary["total"]?.intValue == 5)
        for severity in Severity.allCases { #expect(summary[severity.rawValue]?.intValue == 1) }
        #expect(summary["errors"]?.intValue == 1)
    }

    @Test(arguments: [(Severity.critical, true), (.high, true), (.info, true)])
    func summaryRecordsFailOn(_ threshold: Severity, _ failed: Bool) throws {
        let summary = try #require(try parse(SampleReport.full, failOn: threshold)["summary"])
        #expect(summary.keys.suffix(2) == ["failOn", "failed"])
        #expect(summary["failOn"]?.stringValue == threshold.rawValue)
        #expect(summary["failed"]?.boolValue == failed)
    }

    @Test func failOnAboveEveryFindingDoesNotFail() throws {
        let report = Report(tool: SampleReport.tool, command: "lint", targets: [], findings: [SampleReport.pinFinding])
        #expect(try parse(report, failOn: .high)["summary"]?["failed"]?.boolValue == false)
        #expect(try parse(report, failOn: .medium)["summary"]?["failed"]?.boolValue == true)
        #expect(try parse(SampleReport.clean, failOn: .info)["summary"]?["failed"]?.boolValue == false)
    }

    @Test func findingCarriesEveryFieldInOrder() throws {
        let findings = try #require(try parse(SampleReport.full)["findings"]?.arrayValue)
        #expect(
            findings.compactMap { $0["ruleId"]?.stringValue } == [
                "CVE-2024-0001", "DF4000", "DF1002", "DF3008", "SEC0001",
            ]
        )
        let pin = findings[3]
        #expect(
            pin.keys == [
                "ruleId", "aliases", "title", "severity", "message", "location", "remediation", "references", "tags",
                "fixable",
            ]
        )
        #expect(pin["aliases"] == .array([.string("DL3008")]))
        #expect(pin["title"]?.stringValue == "Pin versions in apt-get install")
        #expect(pin["severity"]?.stringValue == "medium")
        #expect(pin["message"]?.stringValue == "Package \"curl\" is not pinned <&> 'quoted'")
        #expect(pin["remediation"]?.stringValue == SampleReport.pinVersions.remediation)
        #expect(pin["references"] == .array([.string("https://github.com/hadolint/hadolint/wiki/DL3008")]))
        #expect(pin["tags"] == .array([.string("best-practice"), .string("security")]))
        #expect(pin["fixable"]?.boolValue == true)
        let location = try #require(pin["location"])
        #expect(location.keys == ["file", "startLine", "startColumn", "endLine", "endColumn", "snippet"])
        #expect(location["startLine"]?.intValue == 3)
        #expect(location["startColumn"]?.intValue == 5)
        #expect(location["endLine"]?.intValue == 3)
        #expect(location["endColumn"]?.intValue == 28)
        #expect(location["snippet"]?.stringValue == "RUN apt-get install curl && echo \"<done>\" & 'ok'")
    }

    @Test func absentFieldsAreLeftOut() throws {
        let findings = try #require(try parse(SampleReport.full)["findings"]?.arrayValue)
        let image = findings[0]
        #expect(image["remediation"] == nil)
        #expect(image["location"]?.keys == ["image", "layer", "path"])
        #expect(image["location"]?["path"]?.stringValue == "/usr/lib/libssl.so.3")
        let root = findings[2]
        #expect(root["location"] == .object([("file", .string("Dockerfile"))]))
        #expect(root["message"]?.stringValue == "The last USER is root.\nContainers then run as root.")
        #expect(findings[1]["location"]?["file"]?.stringValue == "-")
    }

    @Test func unicodeAndErrorsSurviveTheRoundTrip() throws {
        let document = try parse(SampleReport.full)
        let secret = try #require(document["findings"]?[4])
        #expect(secret["message"]?.stringValue == "Secret “token” found in ENV ✓ 漢字: ****")
        #expect(secret["location"]?["file"]?.stringValue == "dir with space/Dockerfile.ünï")
        #expect(
            document["errors"]
                == .array([
                    .object([
                        ("code", .string("unreadable")), ("target", .string("missing/Dockerfile")),
                        ("message", .string("cannot read 'missing/Dockerfile': No such file or directory")),
                    ])
                ])
        )
    }

    @Test func compactOutputIsOneLine() throws {
        let text = JSONReporter(pretty: false).render(SampleReport.full)
        #expect(text.split(separator: "\n").count == 1)
        #expect(try JSONParser.parse(text) == JSONParser.parse(JSONReporter().render(SampleReport.full)))
    }

    @Test(arguments: ["\"quoted\" \\ back", "line\nbreak\r\n", "\u{0}\u{1F}\u{7F}", "<&>'", "🙂 漢字 \u{2028}"])
    func hostileTextRoundTrips(_ text: String) throws {
        let document = try parse(SampleReport.hostile(text))
        let finding = try #require(document["findings"]?[0])
        #expect(finding["message"]?.stringValue == text)
        #expect(finding["title"]?.stringValue == text)
        #expect(finding["location"]?["snippet"]?.stringValue == text)
        #expect(document["errors"]?[0]?["target"]?.stringValue == text)
    }

    @Test(
        .enabled(
            if: SchemaValidation.hasJSONSchema || Corpus.integrationRequired,
            "python3 with the jsonschema module is not installed (set BULKHEAD_INTEGRATION=1 to make this a failure)"
        )
    )
    func outputValidatesAgainstThePublishedSchema() async throws {
        try #require(SchemaValidation.hasJSONSchema, "python3 with the jsonschema module is required")
        let reports: [(Report, Severity?)] = [
            (SampleReport.full, nil), (SampleReport.full, .high), (SampleReport.clean, nil),
            (SampleReport.hostile("\u{0}\"<&>\n"), .info),
        ]
        for (report, failOn) in reports {
            let errors = try await SchemaValidation.errors(
                of: JSONReporter(failOn: failOn).render(report),
                schemaPath: SchemaValidation.reportSchemaPath,
                draft: .draft2020
            )
            #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        }
    }

    @Test(
        .enabled(
            if: SchemaValidation.hasJSONSchema || Corpus.integrationRequired,
            "python3 with the jsonschema module is not installed (set BULKHEAD_INTEGRATION=1 to make this a failure)"
        )
    )
    func publishedSchemaRejectsDrift() async throws {
        try #require(SchemaValidation.hasJSONSchema, "python3 with the jsonschema module is required")
        guard case .object(var pairs) = JSONReporter().document(SampleReport.full) else {
            Issue.record("report is not an object")
            return
        }
        pairs.append(("undocumented", .bool(true)))
        let errors = try await SchemaValidation.errors(
            of: JSONValue.object(pairs).serialized(),
            schemaPath: SchemaValidation.reportSchemaPath,
            draft: .draft2020
        )
        #expect(errors.contains { $0.contains("undocumented") })
    }
}
