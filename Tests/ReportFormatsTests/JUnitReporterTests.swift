import ReportFormats
import SecurityModel
import TestSupport
import Testing

struct JUnitReporterTests {
    @Test func rendersSuitesCasesAndEscapedFailures() {
        let report = Report(
            tool: SampleReport.tool,
            command: "lint",
            targets: ["Dockerfile", "clean/Dockerfile"],
            findings: [SampleReport.pinFinding]
        )
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="bulkhead lint" tests="2" failures="1" errors="0">
              <testsuite name="Dockerfile" tests="1" failures="1" errors="0">
                <testcase classname="DF3008" name="Dockerfile:3 DF3008">
                  <failure message="Package &quot;curl&quot; is not pinned &lt;&amp;&gt; &apos;quoted&apos;" \
            type="medium">Dockerfile:3:5: MEDIUM DF3008 (DL3008) Pin versions in apt-get install
            Package &quot;curl&quot; is not pinned &lt;&amp;&gt; &apos;quoted&apos;

                RUN apt-get install curl &amp;&amp; echo &quot;&lt;done&gt;&quot; &amp; &apos;ok&apos;

            fix: Pin versions: `apt-get install &lt;package&gt;=&lt;version&gt;`.
            see: https://github.com/hadolint/hadolint/wiki/DL3008</failure>
                </testcase>
              </testsuite>
              <testsuite name="clean/Dockerfile" tests="1" failures="0" errors="0">
                <testcase classname="bulkhead.lint" name="clean/Dockerfile"/>
              </testsuite>
            </testsuites>

            """
        #expect(JUnitReporter().render(report) == expected)
    }

    @Test func everyTargetGetsASuiteAndErrorsBecomeErrorCases() {
        let xml = JUnitReporter().render(SampleReport.full)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
        #expect(xml.hasSuffix("</testsuites>\n"))
        #expect(xml.contains("<testsuites name=\"bulkhead lint\" tests=\"7\" failures=\"5\" errors=\"1\">"))
        for target in ["Dockerfile", "dir with space/Dockerfile.ünï", "-", "missing/Dockerfile", "clean/Dockerfile"] {
            #expect(xml.contains("<testsuite name=\"\(target)\""), "\(target)")
        }
        // The image finding is not in any target: it gets its own suite.
        #expect(xml.contains("<testsuite name=\"alpine:3.19 sha256:abc123 /usr/lib/libssl.so.3\" tests=\"1\""))
        #expect(xml.contains("<testsuite name=\"Dockerfile\" tests=\"2\" failures=\"2\" errors=\"0\">"))
        #expect(xml.contains("<testcase classname=\"DF1002\" name=\"Dockerfile DF1002\">"))
        #expect(
            xml.contains("<failure message=\"The last USER is root.&#10;Containers then run as root.\" type=\"high\">")
        )
        #expect(
            xml.contains(
                """
                <testsuite name="missing/Dockerfile" tests="1" failures="0" errors="1">
                    <testcase classname="bulkhead.lint" name="missing/Dockerfile">
                      <error message="cannot read &apos;missing/Dockerfile&apos;: No such file or directory" type="unreadable">
                """
            )
        )
        #expect(xml.contains("<testcase classname=\"bulkhead.lint\" name=\"clean/Dockerfile\"/>"))
        #expect(count("<testcase ", in: xml) == 7)
        #expect(count("<failure ", in: xml) == 5)
        #expect(count("</failure>", in: xml) == 5)
        #expect(count("<error ", in: xml) == 1)
        #expect(count("<testsuite ", in: xml) == count("</testsuite>", in: xml))
    }

    @Test func stripsCharactersXMLForbids() {
        let xml = JUnitReporter().render(SampleReport.hostile("a\u{0}b\u{1}c\u{1B}d\u{FFFE}e\u{FFFF}f\u{8}g"))
        #expect(xml.contains("message=\"abcdefg\""))
        for forbidden in ["\u{0}", "\u{1}", "\u{1B}", "\u{FFFE}", "\u{FFFF}", "\u{8}"] {
            #expect(!xml.contains(forbidden))
        }
    }

    @Test func escapesMarkupEverywhere() {
        let xml = JUnitReporter().render(SampleReport.hostile("</failure><x a='1'>&\"\t\r"))
        #expect(!xml.contains("</failure><x"))
        #expect(!xml.contains("<x a="))
        #expect(xml.contains("message=\"&lt;/failure&gt;&lt;x a=&apos;1&apos;&gt;&amp;&quot;&#9;&#13;\""))
        #expect(xml.contains("&lt;/failure&gt;&lt;x a=&apos;1&apos;&gt;&amp;&quot;\t&#13;</error>"))
    }

    @Test(
        .enabled(
            if: SchemaValidation.hasPython || Corpus.integrationRequired,
            "python3 is not installed (set BULKHEAD_INTEGRATION=1 to make this a failure)"
        )
    )
    func outputIsWellFormedXML() async throws {
        try #require(SchemaValidation.hasPython, "python3 is required")
        let reports = [
            SampleReport.full, SampleReport.clean, SampleReport.hostile("]]><!-- <![CDATA[ & \u{0}\u{1B}\u{FFFF} \"'"),
            SampleReport.hostile("🙂\r\n\t"),
        ]
        for report in reports {
            let error = try await SchemaValidation.xmlError(JUnitReporter().render(report))
            #expect(error == nil, "\(error ?? "")")
        }
    }

    private func count(_ needle: String, in haystack: String) -> Int {
        haystack.ranges(of: needle).count
    }
}
