/// A RubyGems requirement such as `~> 5.2.4`, `>= 1.0, < 2`, `!= 1.5` or `= 1.2`, matched exactly like
/// `Gem::Requirement#satisfied_by?` (RubyGems 3.3).
///
/// The text is a comma-separated list of constraints (the form rubysec's `patched_versions` use); each one
/// must match `Gem::Requirement::PATTERN` (`\A\s*(=|!=|>|<|>=|<=|~>)?\s*VERSION\s*\z`, no operator meaning
/// `=`). Empty text means `>= 0`, as `Gem::Requirement.new` with no arguments. The pessimistic operator
/// `~> r` holds when `v >= r` and `v.release < r.bump`, where `bump` drops the prerelease segments and the last
/// segment and increments the one before, and `release` drops a prerelease version's prerelease segments.
public struct GemRequirement: Sendable, CustomStringConvertible {
    /// A comparison operator of `Gem::Requirement::OPS`.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case greater = ">"
        case less = "<"
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case pessimistic = "~>"
    }

    /// One `OPERATOR VERSION` constraint.
    public struct Constraint: Sendable, CustomStringConvertible {
        /// The operator.
        public let op: Operator
        /// The version compared against.
        public let version: RubyGemsVersion
        /// `version.bump`, the exclusive upper bound of `~>`.
        let bump: RubyGemsVersion?

        /// `OPERATOR VERSION`.
        public var description: String { "\(op.rawValue) \(version.text)" }

        /// `OPS[op].call(candidate, version)`.
        public func isSatisfied(by candidate: RubyGemsVersion) -> Bool {
            switch op {
            case .equal: return candidate == version
            case .notEqual: return candidate != version
            case .greater: return candidate > version
            case .less: return candidate < version
            case .greaterOrEqual: return candidate >= version
            case .lessOrEqual: return candidate <= version
            case .pessimistic:
                guard candidate >= version, let bump else { return false }
                return GemRequirement.release(of: candidate) < bump
            }
        }
    }

    /// The text as given.
    public let text: String
    /// The constraints, all of which must hold.
    public let constraints: [Constraint]

    /// Parses a comma-separated requirement list.
    public init(parsing text: String) throws(VersionParseError) {
        self.text = text
        guard !text.isEmpty else {
            constraints = [try Self.constraint(">= 0", whole: text)]
            return
        }
        var result: [Constraint] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            result.append(try Self.constraint(Substring(part), whole: text))
        }
        constraints = result
    }

    /// The constraints joined with `, `.
    public var description: String { constraints.map(\.description).joined(separator: ", ") }

    /// Whether `version` satisfies every constraint (`Gem::Requirement#satisfied_by?`).
    public func isSatisfied(by version: RubyGemsVersion) -> Bool {
        constraints.allSatisfy { $0.isSatisfied(by: version) }
    }

    /// Parses one constraint against `Gem::Requirement::PATTERN`.
    static func constraint(_ part: Substring, whole: String) throws(VersionParseError) -> Constraint {
        let bytes = Array(part.utf8)
        var index = 0
        while index < bytes.count && RubyGemsVersion.isSpace(bytes[index]) { index += 1 }
        var op = Operator.equal
        let rest = bytes[index...]
        for candidate in [
            Operator.notEqual, .greaterOrEqual, .lessOrEqual, .pessimistic, .equal, .greater, .less,
        ] {
            let spelled = Array(candidate.rawValue.utf8)
            if rest.starts(with: spelled) {
                op = candidate
                index += spelled.count
                break
            }
        }
        while index < bytes.count && RubyGemsVersion.isSpace(bytes[index]) { index += 1 }
        var end = bytes.count
        while end > index && RubyGemsVersion.isSpace(bytes[end - 1]) { end -= 1 }
        let body = Array(bytes[index..<end])
        guard !body.isEmpty, RubyGemsVersion.isValid(body) else {
            throw VersionParseError(
                ecosystem: RubyGemsVersion.ecosystem,
                input: whole,
                reason: "Illformed requirement [\"\(String(decoding: bytes, as: UTF8.self))\"]"
            )
        }
        let version = try RubyGemsVersion(parsing: String(decoding: body, as: UTF8.self))
        return Constraint(op: op, version: version, bump: op == .pessimistic ? bump(of: version) : nil)
    }

    /// A segment of `Gem::Version#segments`: digits (leading zeros dropped) or letters.
    enum Segment {
        case number([UInt8])
        case letters([UInt8])
    }

    /// `Gem::Version#segments`: runs of digits or letters of the version with `-` read as `.pre.`.
    static func segments(of version: RubyGemsVersion) -> [Segment] {
        var bytes = Array(version.text.utf8)
        while let first = bytes.first, RubyGemsVersion.isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, RubyGemsVersion.isSpace(last) { bytes.removeLast() }
        if bytes.isEmpty { bytes = [UInt8(ascii: "0")] }
        var result: [Segment] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-") {
                result.append(.letters(Array("pre".utf8)))
                index += 1
            } else if RubyGemsVersion.isDigit(byte) {
                let begin = index
                while index < bytes.count && RubyGemsVersion.isDigit(bytes[index]) { index += 1 }
                var digits = Array(bytes[begin..<index].drop { $0 == UInt8(ascii: "0") })
                if digits.isEmpty { digits = [UInt8(ascii: "0")] }
                result.append(.number(digits))
            } else if RubyGemsVersion.isLetter(byte) {
                let begin = index
                while index < bytes.count && RubyGemsVersion.isLetter(bytes[index]) { index += 1 }
                result.append(.letters(Array(bytes[begin..<index])))
            } else {
                index += 1
            }
        }
        return result
    }

    /// The numeric segments before the first letter segment.
    static func releaseSegments(of version: RubyGemsVersion) -> [[UInt8]] {
        var numbers: [[UInt8]] = []
        for segment in segments(of: version) {
            guard case .number(let digits) = segment else { break }
            numbers.append(digits)
        }
        return numbers
    }

    static func version(joining numbers: [[UInt8]]) -> RubyGemsVersion? {
        let text = numbers.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ".")
        return try? RubyGemsVersion(parsing: text)
    }

    /// `Gem::Version#release`.
    static func release(of version: RubyGemsVersion) -> RubyGemsVersion {
        guard version.isPrerelease else { return version }
        return Self.version(joining: releaseSegments(of: version)) ?? version
    }

    /// `Gem::Version#bump`.
    static func bump(of version: RubyGemsVersion) -> RubyGemsVersion? {
        var numbers = releaseSegments(of: version)
        if numbers.count > 1 { numbers.removeLast() }
        guard let last = numbers.popLast() else { return nil }
        numbers.append(increment(last))
        return Self.version(joining: numbers)
    }

    /// Adds one to a decimal digit string of any length.
    static func increment(_ digits: [UInt8]) -> [UInt8] {
        var result = digits
        var index = result.count - 1
        while index >= 0 {
            if result[index] == UInt8(ascii: "9") {
                result[index] = UInt8(ascii: "0")
                index -= 1
            } else {
                result[index] += 1
                return result
            }
        }
        return [UInt8(ascii: "1")] + result
    }
}
