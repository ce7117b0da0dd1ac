import KubernetesAudit
import SecurityModel
import TestSupport
import Testing

/// Every Pod Security Standards control and best-practice check:
/// each has its page in docs/rules with a header matching its descriptor, and a row in the rule index.
@Suite struct RulePageTests {
    @Test func everyCheckHasADocumentationPageAndAnIndexRow() {
        let descriptors = PodSecurityCatalogue.descriptors + BestPracticeCatalogue.descriptors
        #expect(!descriptors.isEmpty)
        let problems = RulePages.problems(descriptors)
        #expect(problems.isEmpty, "\(problems)")
    }
}
