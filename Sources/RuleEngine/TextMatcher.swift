import FalcoCondition

/// A string comparison compiled to byte operations: the fast form of a ``ValueTest`` on a string field.
///
/// `match` answers nil when the bytes alone cannot decide as `ValueTest` would (non-ASCII text where String
/// comparison is Unicode-aware, or case folding); the caller then asks the generic test. A class: evaluation
/// shares it rather than copying its lists.
final class TextMatcher: Sendable {
    enum Kind: Sendable {
        case equal, prefix, suffix, contains, containsLowercased, glob, pathPrefix
    }

    let kind: Kind
    /// The members of `equal`.
    let set: ByteSet
    /// The literals (prefixes, suffixes, needles) of the other kinds.
    let needles: [[UInt8]]
    /// The patterns of `glob`.
    let patterns: [GlobPattern]
    /// `!=`: the negation of `=` on a present value.
    let negated: Bool
    /// For ``Kind/equal``: true when a text whose bytes are in no literal cannot equal one as a string either, so a
    /// miss needs no ASCII test. Swift compares strings by canonical equivalence, and the only non-ASCII scalars
    /// equivalent to ASCII text are U+037E (`;`), U+1FEF (`` ` ``) and U+212A (`K`) — checked over every scalar by
    /// `TextMatcherTests`. So literals that are ASCII and hold none of those three characters decide every miss.
    let missIsFinal: Bool

    /// The byte form of `op` with `literals` on a string field, or nil when only the generic test can do it.
    init?(_ op: ComparisonOperator, literals: [String]) {
        func bytes(_ items: [String]) -> [[UInt8]] { items.map { Array($0.utf8) } }
        var set = ByteSet([])
        var needles: [[UInt8]] = []
        var patterns: [GlobPattern] = []
        let allASCII = literals.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        negated = op == .notEqual
        switch op {
        case .equal, .notEqual, .in, .intersects:
            guard !literals.isEmpty || op == .in || op == .intersects else { return nil }
            kind = .equal
            set = ByteSet(bytes(literals))
        case .startswith:
            guard !literals.isEmpty else { return nil }
            kind = .prefix
            needles = bytes(literals)
        case .endswith:
            guard !literals.isEmpty else { return nil }
            kind = .suffix
            needles = bytes(literals)
        case .contains:
            guard !literals.isEmpty else { return nil }
            kind = .contains
            needles = bytes(literals)
        case .bcontains, .bstartswith:
            for literal in literals {
                guard let needle = ValueTest.hexBytes(literal) else { return nil }
                needles.append(needle)
            }
            guard !needles.isEmpty else { return nil }
            kind = op == .bcontains ? .contains : .prefix
        case .icontains:
            let lowered = literals.map { $0.lowercased() }
            guard !literals.isEmpty, lowered.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
            kind = .containsLowercased
            needles = bytes(lowered)
        case .glob, .iglob:
            guard !literals.isEmpty, allASCII else { return nil }
            kind = .glob
            patterns = literals.map { GlobPattern($0, ignoringCase: op == .iglob) }
        case .pmatch:
            guard literals.allSatisfy({ !GlobPattern.hasWildcards($0) }) else { return nil }
            kind = .pathPrefix
            needles = literals.map { literal in
                var prefix = literal
                while prefix.count > 1, prefix.hasSuffix("/") { prefix.removeLast() }
                return Array(prefix.utf8)
            }
        default:
            return nil
        }
        self.set = set
        self.needles = needles
        self.patterns = patterns
        let lookalikes: Set<UInt8> = [UInt8(ascii: ";"), UInt8(ascii: "`"), UInt8(ascii: "K")]
        missIsFinal = allASCII && !literals.contains { $0.utf8.contains(where: lookalikes.contains) }
    }

    /// True when matching a text made of pieces joined by `separator` is the same as matching any piece alone: a
    /// substring test whose needles are not empty and hold no `separator` (such a needle cannot straddle one).
    func isPiecewise(separator: UInt8) -> Bool {
        guard kind == .contains || kind == .containsLowercased, !needles.isEmpty else { return false }
        return needles.allSatisfy { !$0.isEmpty && !$0.contains(separator) }
    }

    /// True or false, or nil when the generic test must decide.
    @inline(__always)
    func match(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let positive = matchPositive(text) else { return nil }
        return negated ? !positive : positive
    }

    /// The comparison before `!=` negation (what holds for one element of a list).
    func matchPositive(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch kind {
        case .equal:
            if set.contains(text) { return true }
            if missIsFinal { return false }
            return Bytes.isASCII(text) ? false : nil
        case .prefix: return any(text, Bytes.hasPrefix)
        case .suffix: return any(text, Bytes.hasSuffix)
        case .contains: return any(text, Bytes.contains)
        case .containsLowercased:
            guard Bytes.isASCII(text) else { return nil }
            return any(text, Bytes.containsLowercased)
        case .glob:
            guard Bytes.isASCII(text) else { return nil }
            return patterns.withUnsafeBufferPointer { patterns in
                for index in patterns.indices where patterns[index].matches(ascii: text) { return true }
                return false
            }
        case .pathPrefix: return any(text, Self.pathMatches)
        }
    }

    @inline(__always)
    private func any(
        _ text: UnsafeBufferPointer<UInt8>,
        _ test: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        needles.withUnsafeBufferPointer { needles in
            for index in needles.indices where needles[index].withUnsafeBufferPointer({ test(text, $0) }) {
                return true
            }
            return false
        }
    }

    /// ``ValueTest/pathMatches(_:prefix:)`` for a prefix without wildcards.
    static func pathMatches(_ path: UnsafeBufferPointer<UInt8>, _ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        if prefix.count == 1, prefix[0] == UInt8(ascii: "/") { return path.first == UInt8(ascii: "/") }
        guard Bytes.hasPrefix(path, prefix) else { return false }
        return path.count == prefix.count || path[prefix.count] == UInt8(ascii: "/")
    }
}
