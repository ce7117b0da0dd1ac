import FalcoCondition
import TestSupport
import Testing

@testable import RuleEngine

/// Equality matchers decide a byte miss without an ASCII test only when no non-ASCII text can equal a literal as a
/// string (Swift compares by canonical equivalence).
@Suite struct TextMatcherTests {
    /// The premise of ``TextMatcher/missIsFinal``: over every Unicode scalar, the only non-ASCII ones equal (as
    /// strings) to an ASCII character are U+037E, U+1FEF and U+212A.
    @Test func onlyThreeNonASCIIScalarsEqualAnASCIICharacter() {
        let ascii = Set((0..<128).map { String(UnicodeScalar(UInt8($0))) })
        var equal: [UInt32] = []
        for value in UInt32(0x80)...0x10_FFFF {
            guard let scalar = UnicodeScalar(value) else { continue }
            if ascii.contains(String(Character(scalar))) { equal.append(value) }
        }
        #expect(equal == [0x037E, 0x1FEF, 0x212A])
    }

    @Test func equalityMissesAgreeWithStringComparison() throws {
        let texts = [
            "K", "\u{212A}", ";", "\u{037E}", "`", "\u{1FEF}", "caf\u{E9}", "cafe\u{301}", "sshd", "ssh\u{212A}",
            "/etc/K", "/etc/\u{212A}", "", "a;b", "a\u{037E}b",
        ]
        let literalSets = [
            ["sshd", "bash"], ["K"], ["/etc/K", "x"], ["a;b"], ["`"], ["caf\u{E9}"], ["cafe\u{301}"], ["plain"],
        ]
        var random = SplitMix64(seed: 0x7E47)
        for literals in literalSets {
            for negated in [false, true] {
                let matcher = try #require(TextMatcher(negated ? .notEqual : .in, literals: literals))
                for _ in 0..<60 {
                    let text = random.pick(texts) + (random.oneIn(3) ? random.pick(texts) : "")
                    let expected = literals.contains(text) != negated
                    let decided = Array(text.utf8).withUnsafeBufferPointer { matcher.match($0) }
                    // Undecided (nil) sends the check to the string comparison, which is always right.
                    if let decided { #expect(decided == expected, "\(literals) \(negated ? "!=" : "in") \(text)") }
                }
            }
        }
        // Literals without the three look-alike characters decide every miss; the others keep the ASCII test.
        #expect(try #require(TextMatcher(.in, literals: ["sshd", "/etc/shadow"])).missIsFinal)
        #expect(try !#require(TextMatcher(.in, literals: ["sshd", "K"])).missIsFinal)
        #expect(try !#require(TextMatcher(.in, literals: ["caf\u{E9}"])).missIsFinal)
    }
}
