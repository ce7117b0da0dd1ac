import ContainerAudit
import SecurityModel
import TestSupport
import Testing

/// Every container check (`audit docker`, `audit compose`):
/// each has its page in docs/rules with a header matching its descriptor, and a row in the rule index.
@Suite struct RulePageTests {
    @Test func everyCheckHasADocumentationPageAndAnIndexRow() {
        let descriptors = ContainerCheckCatalogue.descriptors
        #expect(!descriptors.isEmpty)
        let problems = RulePages.problems(descriptors)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func aWrongDescriptorIsCaught() throws {
        var wrong = try #require(ContainerCheckCatalogue.descriptors.first)
        wrong.severity = wrong.severity == .critical ? .low : .critical
        wrong.aliases.append("NOT-AN-ALIAS")
        #expect(RulePages.problems([wrong]).count == 2)
        wrong.id = "CIS-DOCKER-99.99"
        #expect(RulePages.problems([wrong]).first?.contains("no page") == true)
    }
}
