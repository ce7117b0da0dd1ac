import ReportFormats
import SecurityModel
import TestSupport
import Testing

struct SARIFReporterTests {
    func run(_ report: Report = SampleReport.full) throws -> JSONValue {
        let log = try JSONParser.parse(SARIFReporter().render(report))
        return try #require(log["runs"]?[0])
    }

    func results(_ report: Report = SampleReport.full) throws -> [JSONValue] {
        try #require(try run(report)["results"]?.arrayValue)
    }

    @Test func logHasSchemaVersionAndOneRun() throws {
        let log = try JSONParser.parse(SARIFReporter().render(SampleReport.full))
        #expect(log.keys == ["$schema", "version", "runs"])
        #expect(log["$schema"]?.stringValue == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(log["version"]?.stringValue == "2.1.0")
        #expect(log["runs"]?.arrayValue?.count == 1)
        let driver = try #require(try run()["tool"]?["driver"])
        #expect(driver["name"]?.stringValue == "bulkhead")
        #expect(driver["version"]?.stringValue == "0.1.0")
        #expect(driver["informationUri"]?.stringValue == "https://example.com/bulkhead")
    }

    @Test func rulesAreUniqueAndCoverEveryResult() throws {
        let run = try run()
        let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
        let ids = rules.compactMap { $0["id"]?.stringValue }
        #expect(ids == ["DF3008", "DF1002", "DF9999", "CVE-2024-0001", "DF4000", "SEC0001"])
        #expect(Set(ids).count == ids.count)
        for result in try results() {
            let index = try #require(result["ruleIndex"]?.intValue)
            #expect(rules[index]["id"] == result["ruleId"])
        }
    }

    @Test func ruleDescriptorCarriesGitHubMetadata() throws {
        let rules = try #require(try run()["tool"]?["driver"]?["rules"]?.arrayValue)
        let pin = rules[0]
        #expect(
            pin.keys == [
                "id", "name", "shortDescription", "fullDescription", "helpUri", "help", "defaultConfiguration",
                "properties",
            ]
        )
        #expect(pin["name"]?.stringValue == "apt-get-pin-versions")
        #expect(pin["shortDescription"]?["text"]?.stringValue == "Pin versions in apt-get install")
        #expect(pin["helpUri"]?.stringValue == "https://github.com/hadolint/hadolint/wiki/DL3008")
        #expect(pin["help"]?["text"]?.stringValue == SampleReport.pinVersions.remediation)
        #expect(pin["defaultConfiguration"] == .object([("level", .string("warning"))]))
        #expect(pin["properties"]?["security-severity"]?.stringValue == "5.5")
        #expect(pin["properties"]?["aliases"] == .array([.string("DL3008")]))
        #expect(pin["properties"]?["tags"] == .array([.string("best-practice"), .string("security")]))

        let root = rules[1]
        #expect(root["helpUri"] == nil, "a repository path is not a URI")
        #expect(root["properties"]?["tags"] == .array([.string("security"), .string("cis:4.1")]), "tags deduplicated")
        #expect(root["properties"]?["security-severity"]?.stringValue == "8.0")

        let unused = rules[2]
        #expect(unused["help"] == nil)
        #expect(unused["defaultConfiguration"] == .object([("enabled", .bool(false)), ("level", .string("note"))]))

        let secret = rules[5]
        #expect(secret["name"]?.stringValue == "secret-in-env")
        #expect(secret["properties"]?["security-severity"]?.stringValue == "9.5")
        #expect(secret["defaultConfiguration"]?["level"]?.stringValue == "error")
        #expect(secret["help"]?["text"]?.stringValue == "Use build secrets.")
        #expect(rules[4]["properties"]?["security-severity"]?.stringValue == "1.0")
        #expect(rules[3]["properties"]?["security-severity"]?.stringValue == "3.0")
    }

    @Test func levelsFollowSeverity() throws {
        let levels = try results().map { ($0["ruleId"]?.stringValue ?? "", $0["level"]?.stringValue ?? "") }
        #expect(levels.map(\.0) == ["CVE-2024-0001", "DF4000", "DF1002", "DF3008", "SEC0001"])
        #expect(levels.map(\.1) == ["note", "note", "error", "warning", "error"])
    }

    @Test func rangedResultHasFullRegionAndSnippet() throws {
        let pin = try results()[3]
        #expect(pin["message"]?["text"]?.stringValue == "Package \"curl\" is not pinned <&> 'quoted'")
        let physical = try #require(pin["locations"]?[0]?["physicalLocation"])
        #expect(physical["artifactLocation"] == .object([("uri", .string("Dockerfile"))]))
        #expect(
            physical["region"]
                == .object([
                    ("startLine", .int(3)), ("startColumn", .int(5)), ("endLine", .int(3)), ("endColumn", .int(28)),
                    ("snippet", .object([("text", .string("RUN apt-get install curl && echo \"<done>\" & 'ok'"))])),
                ])
        )
    }

    @Test func fileLevelResultIsAnchoredAtLineOne() throws {
        let root = try results()[2]
        #expect(root["locations"]?[0]?["physicalLocation"]?["region"] == .object([("startLine", .int(1))]))
        #expect(root["message"]?["text"]?.stringValue == "The last USER is root.\nContainers then run as root.")
    }

    @Test func urisArePercentEncodedAndStdinIsNamed() throws {
        let results = try results()
        #expect(
            results[4]["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue
                == "dir%20with%20space/Dockerfile.%C3%BCn%C3%AF"
        )
        #expect(results[1]["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue == "stdin")
    }

    @Test func imageResultUsesPathAndLogicalLocation() throws {
        let image = try results()[0]
        let location = try #require(image["locations"]?[0])
        #expect(location["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue == "usr/lib/libssl.so.3")
        #expect(location["physicalLocation"]?["region"]?["startLine"]?.intValue == 1)
        #expect(
            location["logicalLocations"]
                == .array([
                    .object([
                        ("name", .string("/usr/lib/libssl.so.3")),
                        ("fullyQualifiedName", .string("alpine:3.19 sha256:abc123 /usr/lib/libssl.so.3")),
                        ("kind", .string("resource")),
                    ])
                ])
        )
        let imageOnly = Finding(
            ruleID: "IMG1",
            title: "t",
            severity: .low,
            location: Location(image: "registry:5000/app:1.0"),
            message: "m"
        )
        let report = Report(tool: SampleReport.tool, command: "image", targets: [], findings: [imageOnly])
        #expect(
            try results(report)[0]["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue
                == "registry%3A5000/app%3A1.0"
        )
        let nowhere = Finding(ruleID: "X", title: "t", severity: .low, location: Location(), message: "m")
        let empty = Report(tool: SampleReport.tool, command: "scan", targets: [], findings: [nowhere])
        #expect(try results(empty)[0]["locations"] == .array([]))
    }

    @Test func fingerprintsAreStableHexAndIgnoreLineShifts() throws {
        let results = try results()
        let prints = results.compactMap { $0["partialFingerprints"]?[SARIFReporter.fingerprintKey]?.stringValue }
        #expect(prints.count == results.count)
        #expect(Set(prints).count == prints.count)
        #expect(prints.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })

        var moved = SampleReport.pinFinding
        moved.location.range = SourceRange(start: .init(line: 40, column: 5), end: .init(line: 40, column: 28))
        let shifted = Report(tool: SampleReport.tool, command: "lint", targets: [], findings: [moved])
        #expect(
            try self.results(shifted)[0]["partialFingerprints"]?[SARIFReporter.fingerprintKey]?.stringValue
                == prints[3]
        )
    }

    @Test func duplicateFindingsGetDistinctFingerprints() throws {
        var second = SampleReport.pinFinding
        second.location.range = SourceRange(lines: 9, 9)
        let report = Report(
            tool: SampleReport.tool,
            command: "lint",
            targets: [],
            findings: [SampleReport.pinFinding, second]
        )
        let prints = try results(report).compactMap { $0["partialFingerprints"]?[SARIFReporter.fingerprintKey] }
        #expect(prints.count == 2)
        #expect(prints[0] != prints[1])
    }

    @Test func targetErrorsBecomeToolExecutionNotifications() throws {
        let invocation = try #require(try run()["invocations"]?[0])
        #expect(invocation["executionSuccessful"]?.boolValue == false)
        let notification = try #require(invocation["toolExecutionNotifications"]?[0])
        #expect(notification["level"]?.stringValue == "error")
        #expect(notification["message"]?["text"]?.stringValue == SampleReport.readError.message)
        #expect(notification["descriptor"]?["id"]?.stringValue == "unreadable")
        #expect(
            notification["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue
                == "missing/Dockerfile"
        )

        let clean = try #require(try run(SampleReport.clean)["invocations"]?[0])
        #expect(clean["executionSuccessful"]?.boolValue == true)
        #expect(clean["toolExecutionNotifications"] == .array([]))
        #expect(try run(SampleReport.clean)["results"] == .array([]))
    }

    @Test func everyResultMeetsGitHubRequirements() throws {
        for report in [SampleReport.full, SampleReport.hostile("x y\n<z>"), SampleReport.hostile("")] {
            for result in try results(report) {
                #expect(result["ruleId"]?.stringValue?.isEmpty == false)
                #expect(result["message"]?["text"]?.stringValue?.isEmpty == false)
                for location in result["locations"]?.arrayValue ?? [] {
                    guard let physical = location["physicalLocation"] else { continue }
                    #expect((physical["region"]?["startLine"]?.intValue ?? 0) >= 1)
                    #expect(physical["artifactLocation"]?["uri"]?.stringValue?.isEmpty == false)
                }
            }
        }
    }

    @Test func invertedRangesDropTheEnd() throws {
        let finding = Finding(
            ruleID: "R",
            title: "t",
            severity: .low,
            location: Location(
                file: "f",
                range: SourceRange(start: .init(line: 5, column: 9), end: .init(line: 4, column: 1))
            ),
            message: "m"
        )
        let report = Report(tool: SampleReport.tool, command: "lint", targets: ["f"], findings: [finding])
        #expect(
            try results(report)[0]["locations"]?[0]?["physicalLocation"]?["region"]
                == .object([("startLine", .int(5)), ("startColumn", .int(9))])
        )
    }

    static let skipReason: Comment = """
        needs python3 with jsonschema and the corpus schema schemas/sarif/sarif-schema-2.1.0.json \
        (set BULKHEAD_INTEGRATION=1 to make this a failure)
        """

    @Test(.enabled(if: SchemaValidation.canValidateSARIF || Corpus.integrationRequired, skipReason))
    func validatesAgainstTheOfficialSchema() async throws {
        try #require(SchemaValidation.hasJSONSchema, "python3 with the jsonschema module is required")
        let schema = try #require(SchemaValidation.sarifSchemaPath, "corpus SARIF schema not found")
        let reports = [
            SampleReport.full, SampleReport.clean, SampleReport.hostile("\u{0}<&>\"' \n\u{1B}[31m"),
            SampleReport.hostile(""),
        ]
        for report in reports {
            let errors = try await SchemaValidation.errors(
                of: SARIFReporter().render(report),
                schemaPath: schema,
                draft: .draft7
            )
            #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        }
    }

    @Test(.enabled(if: SchemaValidation.canValidateSARIF || Corpus.integrationRequired, skipReason))
    func officialSchemaCatchesAnInvalidRegion() async throws {
        try #require(SchemaValidation.hasJSONSchema, "python3 with the jsonschema module is required")
        let schema = try #require(SchemaValidation.sarifSchemaPath, "corpus SARIF schema not found")
        let broken = SARIFReporter().render(SampleReport.full).replacing("\"startLine\": 3", with: "\"startLine\": 0")
        let errors = try await SchemaValidation.errors(of: broken, schemaPath: schema, draft: .draft7)
        #expect(errors.contains { $0.contains("startLine") })
    }
}
