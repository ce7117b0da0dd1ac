import ReportFormats
import SecurityModel
import Testing

struct OutputFormatTests {
    @Test func parsesEveryFormatName() {
        #expect(OutputFormat.allCases.map(\.rawValue) == ["human", "json", "sarif", "junit", "gitlab"])
        for format in OutputFormat.allCases { #expect(OutputFormat(rawValue: format.description) == format) }
        #expect(OutputFormat(rawValue: "xml") == nil)
        #expect(OutputFormat(rawValue: "JSON") == nil)
    }

    @Test func dispatchesToTheMatchingReporter() {
        let report = SampleReport.full
        let options = RenderOptions(color: true, showSnippets: false, failOn: .high)
        #expect(
            OutputFormat.human.render(report, options: options)
                == HumanReporter(color: true, showSnippets: false).render(report)
        )
        #expect(OutputFormat.json.render(report, options: options) == JSONReporter(failOn: .high).render(report))
        #expect(OutputFormat.sarif.render(report, options: options) == SARIFReporter().render(report))
        #expect(OutputFormat.junit.render(report, options: options) == JUnitReporter().render(report))
        #expect(OutputFormat.gitlab.render(report, options: options) == GitLabCodeQualityReporter().render(report))
    }

    @Test func defaultOptionsShowSnippetsWithoutColour() {
        let options = RenderOptions()
        #expect(!options.color)
        #expect(options.showSnippets)
        #expect(options.failOn == nil)
    }

    @Test(arguments: OutputFormat.allCases)
    func everyFormatEndsWithNewlineAndIsDeterministic(_ format: OutputFormat) {
        let first = format.render(SampleReport.full, options: RenderOptions())
        #expect(first.hasSuffix("\n"))
        #expect(first == format.render(SampleReport.full, options: RenderOptions()))
    }

    @Test(arguments: OutputFormat.allCases)
    func machineFormatsNeverContainANSI(_ format: OutputFormat) {
        let output = format.render(SampleReport.hostile("\u{1B}[31mred\u{1B}[0m"), options: RenderOptions(color: true))
        if format != .human { #expect(!output.contains("\u{1B}")) }
    }
}
