import DockerHostAudit
import SecurityModel
import TestSupport
import Testing

/// Every daemon and host-file check (`audit docker`):
/// each has its page in docs/rules with a header matching its descriptor, and a row in the rule index.
@Suite struct RulePageTests {
    @Test func everyCheckHasADocumentationPageAndAnIndexRow() {
        let descriptors = DockerHostCatalogue.descriptors
        #expect(!descriptors.isEmpty)
        let problems = RulePages.problems(descriptors)
        #expect(problems.isEmpty, "\(problems)")
    }
}
