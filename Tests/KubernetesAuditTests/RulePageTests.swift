import Foundation
import KubernetesAudit
import SecurityModel
import Testing

/// Every Pod Security Standards control and best-practice check has its page in docs/rules,
/// named after its id, whose header matches the descriptor, and a row in the rule index.
@Suite struct RulePageTests {
    /// The repository root, found from this file with symlinks resolved (development packages link the tests in).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyCheckHasADocumentationPage() throws {
        let descriptors = PodSecurityCatalogue.descriptors + BestPracticeCatalogue.descriptors
        #expect(!descriptors.isEmpty)
        for d in descriptors {
            let path = Self.repositoryRoot.appendingPathComponent(d.documentationPath).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("# \(d.id) \(d.slug): "), "\(path)")
            #expect(text.contains("| Severity | \(d.severity) |"), "\(path)")
            for alias in d.aliases { #expect(text.contains(alias), "\(path) lacks \(alias)") }
        }
    }

    @Test func theRuleIndexListsEveryCheck() throws {
        let index = try String(
            contentsOfFile: Self.repositoryRoot.appendingPathComponent("docs/rules/README.md").path,
            encoding: .utf8
        )
        for d in PodSecurityCatalogue.descriptors + BestPracticeCatalogue.descriptors {
            #expect(index.contains("| [\(d.id)](\(d.id).md) | \(d.slug) |"), "index lacks \(d.id)")
        }
    }
}
