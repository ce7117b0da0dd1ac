import ReportFormats
import SecurityModel
import Testing

struct GitLabCodeQualityReporterTests {
    func issues(_ report: Report = SampleReport.full) throws -> [JSONValue] {
        try #require(try JSONParser.parse(GitLabCodeQualityReporter().render(report)).arrayValue)
    }

    @Test func oneIssuePerFindingWithRequiredFields() throws {
        let issues = try issues()
        #expect(issues.count == 5)
        for issue in issues {
            #expect(issue.keys == ["description", "check_name", "fingerprint", "severity", "location"])
            #expect(issue["location"]?.keys == ["path", "lines"])
            #expect((issue["location"]?["lines"]?["begin"]?.intValue ?? 0) >= 1)
        }
        #expect(
            issues.compactMap { $0["check_name"]?.stringValue }
                == ["CVE-2024-0001", "DF4000", "DF1002", "DF3008", "SEC0001"]
        )
        #expect(issues.compactMap { $0["severity"]?.stringValue } == ["minor", "info", "critical", "major", "blocker"])
    }

    @Test func locationsUseFileOrImagePath() throws {
        let issues = try issues()
        #expect(
            issues[0]["location"]
                == .object([
                    ("path", .string("/usr/lib/libssl.so.3")), ("lines", .object([("begin", .int(1))])),
                ])
        )
        #expect(issues[1]["location"]?["path"]?.stringValue == "-")
        #expect(issues[2]["location"]?["lines"]?["begin"]?.intValue == 1)
        #expect(
            issues[3]["location"]
                == .object([("path", .string("Dockerfile")), ("lines", .object([("begin", .int(3))]))])
        )
        #expect(issues[4]["location"]?["path"]?.stringValue == "dir with space/Dockerfile.ünï")
        #expect(issues[4]["description"]?.stringValue == "Secret “token” found in ENV ✓ 漢字: ****")
        #expect(issues[3]["description"]?.stringValue == "Package \"curl\" is not pinned <&> 'quoted'")
    }

    @Test func fingerprintsAreUniqueStable32HexDigits() throws {
        var duplicate = SampleReport.pinFinding
        duplicate.location.range = SourceRange(lines: 12, 12)
        var findings = SampleReport.full.findings
        findings.append(duplicate)
        let report = Report(tool: SampleReport.tool, command: "lint", targets: [], findings: findings)
        let prints = try issues(report).compactMap { $0["fingerprint"]?.stringValue }
        #expect(prints.count == 6)
        #expect(Set(prints).count == 6)
        #expect(prints.allSatisfy { $0.count == 32 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
        #expect(try issues(report).compactMap { $0["fingerprint"]?.stringValue } == prints)
    }

    @Test func emptyReportIsAnEmptyArray() throws {
        #expect(try issues(SampleReport.clean).isEmpty)
        #expect(GitLabCodeQualityReporter().render(SampleReport.clean) == "[]\n")
    }
}
