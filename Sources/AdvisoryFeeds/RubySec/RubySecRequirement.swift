internal import AdvisoryModel
internal import VersionKit

/// A RubyGems requirement list such as `"~> 5.2.4, >= 5.2.4.3"` (all clauses must hold), read as
/// the intervals of versions that satisfy it, following `Gem::Requirement#satisfied_by?`.
enum RubySecRequirement {
    /// Why a requirement could not be read.
    struct Problem: Error {
        var reason: String
    }

    /// The versions satisfying every clause of `text`, as disjoint intervals.
    static func intervals(_ text: String) throws(Problem) -> [GemVersionInterval] {
        var current: [GemVersionInterval] = [.everything]
        let clauses = text.split(separator: ",")
        guard !clauses.isEmpty else { throw Problem(reason: "empty requirement") }
        do throws(VersionParseError) {
            for clause in clauses {
                let clauseIntervals = try intervals(clause: String(clause))
                var next: [GemVersionInterval] = []
                for a in current {
                    for b in clauseIntervals {
                        let both = try a.intersection(b)
                        if !(try both.isEmpty()) { next.append(both) }
                    }
                }
                current = try GemVersionInterval.union(next)
            }
        } catch {
            throw Problem(reason: "requirement '\(text)': \(error)")
        }
        return current
    }

    private static let operators = ["~>", ">=", "<=", "!=", "=", ">", "<"]

    private static func intervals(clause: String) throws(VersionParseError) -> [GemVersionInterval] {
        var text = Substring(trimmed(clause))
        var op = "="
        for candidate in operators where text.hasPrefix(candidate) {
            op = candidate
            text = text.dropFirst(candidate.count)
            break
        }
        let version = trimmed(String(text))
        _ = try RubyGemsVersion(parsing: version)
        guard !version.isEmpty else {
            throw VersionParseError(ecosystem: "RubyGems", input: clause, reason: "requirement without a version")
        }
        let at = GemVersionBound(version: version, inclusive: true)
        let after = GemVersionBound(version: version, inclusive: false)
        switch op {
        case "=": return [GemVersionInterval(lower: at, upper: at)]
        case "!=": return [GemVersionInterval(lower: nil, upper: after), GemVersionInterval(lower: after, upper: nil)]
        case ">": return [GemVersionInterval(lower: after, upper: nil)]
        case ">=": return [GemVersionInterval(lower: at, upper: nil)]
        case "<": return [GemVersionInterval(lower: nil, upper: after)]
        case "<=": return [GemVersionInterval(lower: nil, upper: at)]
        default:
            // `~> r`: v >= r and v.release < r.bump. Every version whose release is below the bump
            // is below the bump's lowest prerelease `bump.A` (a letter segment sorts before any
            // number, and `A` is the lowest letter), and every other version is not.
            let bumped = GemVersionBound(version: bump(version) + ".A", inclusive: false)
            return [GemVersionInterval(lower: at, upper: bumped)]
        }
    }

    /// `Gem::Version#bump`: drop the prerelease part, drop the last segment (unless it is the
    /// only one), increment the new last one.
    static func bump(_ version: String) -> String {
        var segments: [String] = []
        var current = ""
        var currentIsDigits = true
        let prepared = version.split(separator: "-", omittingEmptySubsequences: false).joined(separator: ".pre.")
        for character in prepared {
            let isDigit = character.isASCII && character.isNumber
            let isLetter = character.isASCII && character.isLetter
            if isDigit || isLetter {
                if !current.isEmpty && currentIsDigits != isDigit {
                    segments.append(current)
                    current = ""
                }
                currentIsDigits = isDigit
                current.append(character)
            } else if !current.isEmpty {
                segments.append(current)
                current = ""
            }
        }
        if !current.isEmpty { segments.append(current) }
        if let firstString = segments.firstIndex(where: { $0.first?.isLetter == true }) {
            segments.removeSubrange(firstString...)
        }
        if segments.count > 1 { segments.removeLast() }
        var numbers = segments.map { Self.strippedNumber($0) }
        if numbers.isEmpty { numbers = ["0"] }
        numbers[numbers.count - 1] = increment(numbers[numbers.count - 1])
        return numbers.joined(separator: ".")
    }

    private static func strippedNumber(_ digits: String) -> String {
        let stripped = digits.drop { $0 == "0" }
        return stripped.isEmpty ? "0" : String(stripped)
    }

    /// Adds one to a decimal string of any length.
    private static func increment(_ digits: String) -> String {
        var bytes = Array(digits.utf8)
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "9") {
                bytes[index] = UInt8(ascii: "0")
                index -= 1
            } else {
                bytes[index] += 1
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        return "1" + String(decoding: bytes, as: UTF8.self)
    }

    private static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
