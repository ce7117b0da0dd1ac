import TestSupport
import Testing

@testable import RuleEngine

@Suite struct PathPrefixPatternTests {
    @Test(arguments: [
        ("/etc", "/etc", true), ("/etc", "/etc/passwd", true), ("/etc", "/etcetera", false), ("/etc", "/et", false),
        ("/", "/anything", true), ("/", "relative", false), ("/usr/*/bin", "/usr/local/bin/x", true),
        ("/usr/*/bin", "/usr/bin", false), ("/home/*/.ssh", "/home/ann/.ssh/id", true), ("/a/b", "", false),
    ])
    func matchesAtOrBelowThePrefix(prefix: String, path: String, expected: Bool) {
        #expect(PathPrefixPattern(prefix).matches(path) == expected)
        #expect(ValueTest.pathMatches(path, prefix: prefix) == expected)
    }

    /// The prepared pattern answers as the reference `ValueTest.pathMatches(_:prefix:)` on random paths.
    @Test func agreesWithTheReferenceOnRandomPaths() {
        var random = SplitMix64(seed: 0x5EED_0F_9A7E)
        let parts = ["", "etc", "usr", "bin", "*", "b?n", "[ab]", "lib", "a", "é", "..", "."]
        func path(_ random: inout SplitMix64, absolute: Bool) -> String {
            let count = Int(random.next() % 5)
            let components = (0..<count).map { _ in random.pick(parts) }
            return (absolute ? "/" : "") + components.joined(separator: "/")
        }
        var matched = 0
        for _ in 0..<20_000 {
            let prefix = path(&random, absolute: true)
            let normalized = prefix.count > 1 && prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
            let candidate = String(path(&random, absolute: !random.oneIn(5)).map { $0 == "*" ? "x" : $0 })
            let pattern = PathPrefixPattern(normalized)
            #expect(
                pattern.matches(candidate) == ValueTest.pathMatches(candidate, prefix: normalized),
                "prefix '\(normalized)', path '\(candidate)'"
            )
            if pattern.matches(candidate) { matched += 1 }
        }
        #expect(matched > 1_000, "the random paths exercise matches too (\(matched))")
    }
}
