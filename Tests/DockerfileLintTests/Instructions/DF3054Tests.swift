import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3054Tests {
    let rule = LabelNotSPDX()
    let settings = RuleSettings(labelSchema: ["v": "spdx", "other": "text"])

    @Test func firesOnInvalidValues() {
        let source = """
            FROM a:1
            LABEL v="mit"
            LABEL v="GPL-2.0"
            LABEL v="Apache-2.0+"
            LABEL v="MIT OR Apache-2.0"
            LABEL v=" MIT"
            LABEL v="LicenseRef-x"
            """
        #expect(lines(of: rule, in: source, settings: settings) == [2, 3, 4, 5, 6, 7])
    }

    @Test func acceptsValidValues() {
        let source = """
            FROM a:1
            LABEL v="MIT"
            LABEL v="Apache-2.0"
            LABEL v="GPL-3.0-only"
            LABEL v="0BSD"
            LABEL v="BSD-3-Clause"
            LABEL v="MIT "
            LABEL other="not checked"
            """
        #expect(lines(of: rule, in: source, settings: settings).isEmpty)
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func listIsComplete() {
        #expect(SPDXLicenseList.identifiers.count == 606)
    }
}
