import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct InstructionRulesCatalogueTests {
    @Test func everyRuleIsListedOnceWithItsHadolintAlias() {
        let rules = RuleCatalogue.instructionRules
        let ids = rules.map(\.descriptor.id)
        #expect(ids.count == 39)
        #expect(Set(ids).count == ids.count)
        for rule in rules {
            let d = rule.descriptor
            #expect(d.aliases == ["DL" + d.id.dropFirst(2)])
            #expect(d.references == ["https://github.com/hadolint/hadolint/wiki/\(d.aliases[0])"])
            #expect(!d.slug.isEmpty && d.slug == d.slug.lowercased())
        }
    }

    @Test func offByDefaultRulesMatchHadolint() {
        let off = RuleCatalogue.instructionRules.filter { !$0.descriptor.enabledByDefault }.map(\.descriptor.id)
        #expect(off.sorted() == ["DF1001", "DF3057"])
    }

    @Test func hadolintSeveritiesAreMapped() {
        let severity = Dictionary(
            uniqueKeysWithValues: RuleCatalogue.instructionRules.map { ($0.descriptor.id, $0.descriptor.severity) }
        )
        #expect(severity["DF3000"] == .high)
        #expect(severity["DF3006"] == .medium)
        #expect(severity["DF3010"] == .low)
        #expect(severity["DF3048"] == .info)
        #expect(severity["DF3057"] == .low)
    }

    @Test func hadolintParseFailuresAreRecognised() {
        let bad = Dockerfile(parsing: "FROM a:1\nRUN <<EOF\necho\nEOF\n# comment\nUSER root\n")
        #expect(HadolintCompatibility.parseFailureLine(bad) == 5)
        let good = Dockerfile(parsing: "FROM a:1\nRUN <<EOF\necho\nEOF\n\nUSER root\n")
        #expect(HadolintCompatibility.parseFailureLine(good) == nil)
    }
}
