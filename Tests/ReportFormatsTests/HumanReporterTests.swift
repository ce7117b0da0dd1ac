import ReportFormats
import SecurityModel
import Testing

struct HumanReporterTests {
    static let esc = "\u{1B}["

    @Test func rendersFindingsSnippetsErrorsAndSummaryWithoutColour() {
        let expected = [
            "alpine:3.19 sha256:abc123 /usr/lib/libssl.so.3: LOW CVE-2024-0001 (GHSA-xxxx-yyyy-zzzz) "
                + "openssl 3.1.0 is affected; fixed in 3.1.1",
            "-:2:3: INFO DF4000 Use spaces",
            "     2 | \tRUN\tls",
            "       | \t ^~~",
            "Dockerfile: HIGH DF1002 (DL3002, CIS-DI-0001) The last USER is root.",
            "    Containers then run as root.",
            "  fix: Add `USER app` after the last `USER root`.",
            "Dockerfile:3:5: MEDIUM DF3008 (DL3008) Package \"curl\" is not pinned <&> 'quoted'",
            "     3 | RUN apt-get install curl && echo \"<done>\" & 'ok'",
            "       |     ^" + String(repeating: "~", count: 22),  // columns 5..<28
            "  fix: Pin versions: `apt-get install <package>=<version>`.",
            "dir with space/Dockerfile.ünï:1:10: CRITICAL SEC0001 Secret “token” found in ENV ✓ 漢字: ****",
            "     1 | ENV TOKEN=****",
            "       |          ^~~~~",
            "  fix: Use build secrets.",
            "error: cannot read 'missing/Dockerfile': No such file or directory",
            "",
            "5 findings (1 critical, 1 high, 1 medium, 1 low, 1 info) in 5 files; 1 error",
            "",
        ].joined(separator: "\n")
        let output = HumanReporter().render(SampleReport.full)
        #expect(output == expected)
        #expect(!output.contains(Self.esc))
    }

    @Test func colourMarksSeverityRuleAndFix() {
        let output = HumanReporter(color: true).render(SampleReport.full)
        #expect(output.contains("\(Self.esc)1;91mCRITICAL\(Self.esc)0m"))
        #expect(output.contains("\(Self.esc)31mHIGH\(Self.esc)0m"))
        #expect(output.contains("\(Self.esc)33mMEDIUM\(Self.esc)0m"))
        #expect(output.contains("\(Self.esc)36mLOW\(Self.esc)0m"))
        #expect(output.contains("\(Self.esc)2mINFO\(Self.esc)0m"))
        #expect(output.contains("\(Self.esc)1mDF3008\(Self.esc)0m"))
        #expect(output.contains("\(Self.esc)2m  fix: Use build secrets.\(Self.esc)0m"))
        #expect(output.contains("\(Self.esc)31merror:\(Self.esc)0m cannot read"))
        #expect(output.contains("\(Self.esc)33m^\(String(repeating: "~", count: 22))\(Self.esc)0m"))
    }

    @Test func withoutSnippetsPrintsNoGutter() {
        let output = HumanReporter(showSnippets: false).render(SampleReport.full)
        #expect(!output.contains(" | "))
        #expect(!output.contains("^"))
        #expect(output.contains("Dockerfile:3:5: MEDIUM DF3008"))
        #expect(output.contains("  fix: Pin versions"))
    }

    @Test func cleanReportSaysNoFindings() {
        #expect(HumanReporter().render(SampleReport.clean) == "No findings in 2 files.\n")
        let oneFile = Report(tool: SampleReport.tool, command: "lint", targets: ["x"], findings: [])
        #expect(HumanReporter(color: true).render(oneFile) == "No findings in 1 file.\n")
        let withError = Report(
            tool: SampleReport.tool,
            command: "lint",
            targets: ["x"],
            findings: [],
            errors: [SampleReport.readError]
        )
        #expect(HumanReporter().render(withError).hasSuffix("\n\nNo findings in 1 file; 1 error.\n"))
    }

    @Test func summaryUsesSingularAndListsOnlyPresentSeverities() {
        let report = Report(
            tool: SampleReport.tool,
            command: "lint",
            targets: ["Dockerfile"],
            findings: [SampleReport.pinFinding, SampleReport.pinFinding]
        )
        #expect(HumanReporter().render(report).hasSuffix("\n\n2 findings (2 medium) in 1 file\n"))
        let single = Report(tool: SampleReport.tool, command: "lint", targets: [], findings: [SampleReport.rootFinding])
        #expect(HumanReporter().render(single).hasSuffix("\n\n1 finding (1 high) in 0 files\n"))
    }

    @Test(arguments: [
        "\u{1B}[31mred\u{1B}[0m", "\u{1B}]8;;http://evil\u{7}x", "a\u{9B}31mb", "ab\u{202E}cd", "\r\u{0}",
    ])
    func escapeSequencesFromScannedFilesAreShownNotInterpreted(_ text: String) {
        for color in [false, true] {
            let output = HumanReporter(color: color).render(SampleReport.hostile(text))
            let escapes = output.unicodeScalars.filter { $0 == "\u{1B}" }.count
            // With colour every ESC must belong to our own styles: each opens "ESC[<digits;>m".
            if !color { #expect(escapes == 0, "\(output.debugDescription)") }
            #expect(!output.contains("\u{1B}]"))
            #expect(!output.contains("\u{9B}"))
            #expect(!output.contains("\u{202E}"))
            #expect(!output.contains("\u{7}"))
            #expect(!output.contains("\u{0}"))
        }
        let plain = HumanReporter().render(SampleReport.hostile("\u{1B}[31m"))
        #expect(plain.contains("\u{241B}[31m"))
    }

    @Test func caretIsClampedToTheSnippet() {
        func render(_ start: Int, _ end: SourcePosition) -> [String] {
            let finding = Finding(
                ruleID: "R",
                title: "t",
                severity: .low,
                location: Location(
                    file: "f",
                    range: SourceRange(start: .init(line: 7, column: start), end: end),
                    snippet: "abc"
                ),
                message: "m"
            )
            let report = Report(tool: SampleReport.tool, command: "lint", targets: ["f"], findings: [finding])
            return HumanReporter().render(report).split(separator: "\n").map(String.init)
        }
        #expect(render(2, .init(line: 9, column: 1))[2] == "       |  ^~")
        #expect(render(40, .init(line: 7, column: 50))[2] == "       |    ^")
        #expect(render(0, .init(line: 7, column: 0))[2] == "       | ^")
        #expect(render(3, .init(line: 7, column: 3))[2] == "       |   ^")
    }

    @Test func snippetWithoutRangeHasNoCaret() {
        let finding = Finding(
            ruleID: "R",
            title: "t",
            severity: .low,
            location: Location(file: "f", snippet: "line\nnext"),
            message: "m"
        )
        let report = Report(tool: SampleReport.tool, command: "lint", targets: ["f"], findings: [finding])
        let lines = HumanReporter().render(report).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "f: LOW R m")
        #expect(lines[1] == "       | line")
        #expect(lines[2] == "")
    }

    @Test func longLineNumbersWidenTheGutter() {
        let finding = Finding(
            ruleID: "R",
            title: "t",
            severity: .low,
            location: Location(file: "f", range: SourceRange(lines: 123_456, 123_456), snippet: "x"),
            message: "m"
        )
        let report = Report(tool: SampleReport.tool, command: "lint", targets: ["f"], findings: [finding])
        let lines = HumanReporter().render(report).split(separator: "\n").map(String.init)
        #expect(lines[1] == "  123456 | x")
        #expect(lines[2] == "         | ^")
    }
}
