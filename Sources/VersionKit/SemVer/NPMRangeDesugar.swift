/// node-semver's `Range#parseRange` pipeline: rewrites one `||` alternative into plain comparators.
struct NPMRangeDesugar {
    typealias Match = Regex<AnyRegexOutput>.Match
    typealias Patterns = NPMRangePatterns

    let includePrerelease: Bool

    /// `String.prototype.trim` with JavaScript's whitespace set.
    static func trim(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end && Patterns.isWhitespace(scalars[start]) { start += 1 }
        while end > start && Patterns.isWhitespace(scalars[end - 1]) { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// `text.split(/\s+/)` (empty leading/trailing fields kept, as JavaScript does).
    static func splitWhitespace(_ text: String) -> [String] {
        var fields: [String] = []
        var current = String.UnicodeScalarView()
        var inRun = false
        for scalar in text.unicodeScalars {
            if Patterns.isWhitespace(scalar) {
                if !inRun {
                    fields.append(String(current))
                    current = String.UnicodeScalarView()
                }
                inRun = true
            } else {
                inRun = false
                current.append(scalar)
            }
        }
        fields.append(String(current))
        return fields
    }

    /// `text.trim().split(/\s+/).join(' ')`.
    static func collapseWhitespace(_ text: String) -> String {
        splitWhitespace(trim(text)).joined(separator: " ")
    }

    static func group(_ match: Match, _ index: Int) -> String? {
        guard index < match.output.count, let substring = match.output[index].substring else {
            return nil
        }
        return String(substring)
    }

    static func isX(_ identifier: String?) -> Bool {
        guard let identifier, !identifier.isEmpty else { return true }
        return identifier == "x" || identifier == "X" || identifier == "*"
    }

    /// `+text + 1` for a numeric identifier; out-of-range results become a number the comparator rejects.
    static func plusOne(_ text: String?) -> String {
        guard let text, let value = Int(text), value < 9_007_199_254_740_991 else {
            return "9007199254740992"
        }
        return String(value + 1)
    }

    static func replaceWhole(
        _ text: String,
        _ regex: Regex<AnyRegexOutput>?,
        _ body: (Match) -> String
    ) -> String {
        guard let regex, let match = text.firstMatch(of: regex) else { return text }
        return String(text[..<match.range.lowerBound]) + body(match)
            + String(text[match.range.upperBound...])
    }

    static func replaceAll(_ text: String, _ regex: Regex<AnyRegexOutput>?, _ body: (Match) -> String)
        -> String
    {
        guard let regex else { return text }
        return text.replacing(regex) { body($0) }
    }

    /// Whether `<`, `>` or `=` is followed by whitespace: otherwise the comparator-trim rewrite (which only
    /// removes whitespace after an operator) leaves the text unchanged.
    static func hasOperatorBeforeWhitespace(_ text: String) -> Bool {
        var previousIsOperator = false
        for scalar in text.unicodeScalars {
            if previousIsOperator && Patterns.isWhitespace(scalar) { return true }
            previousIsOperator = scalar == "<" || scalar == ">" || scalar == "="
        }
        return false
    }

    /// `parseRange(range)`: the comparators of one alternative (empty when it reduces to nothing).
    func parseRange(_ input: String, whole: String) throws(VersionParseError) -> [NPMComparator] {
        // Each rewrite is skipped when its pattern cannot match (it needs a character the text lacks); the
        // regular expressions are the slow part.
        var range = input
        if range.contains("-") {
            range = Self.replaceWhole(range, Patterns.hyphenRange) { hyphenReplace($0) }
        }
        if Self.hasOperatorBeforeWhitespace(range) {
            range = Self.replaceAll(range, Patterns.comparatorTrim) {
                (Self.group($0, 1) ?? "") + (Self.group($0, 2) ?? "") + (Self.group($0, 3) ?? "")
            }
        }
        if range.contains("~") {
            range = Self.replaceAll(range, Patterns.tildeTrim) { (Self.group($0, 1) ?? "") + "~" }
        }
        if range.contains("^") {
            range = Self.replaceAll(range, Patterns.caretTrim) { (Self.group($0, 1) ?? "") + "^" }
        }
        let desugared = range.split(separator: " ", omittingEmptySubsequences: false)
            .map { parseComparator(String($0)) }
            .joined(separator: " ")
        let list = Self.splitWhitespace(desugared).map { replaceGreaterOrEqualZero($0) }
        var parsed: [NPMComparator] = []
        for text in list { parsed.append(try Self.comparator(text, whole: whole)) }
        var comparators: [NPMComparator] = []
        var seen: [String: Int] = [:]
        for comparator in parsed {
            if comparator.isNullSet { return [comparator] }
            if let index = seen[comparator.description] {
                comparators[index] = comparator
            } else {
                seen[comparator.description] = comparators.count
                comparators.append(comparator)
            }
        }
        if comparators.count > 1 { comparators.removeAll { $0.isAny } }
        return comparators
    }

    /// `new Comparator(text)`: operator and strict version, or any version for the empty string.
    static func comparator(_ input: String, whole: String) throws(VersionParseError) -> NPMComparator {
        let text = collapseWhitespace(input)
        func invalid(_ reason: String) -> VersionParseError {
            VersionParseError(ecosystem: "npm", input: whole, reason: reason)
        }
        guard let regex = Patterns.comparator, let match = text.wholeMatch(of: regex) else {
            throw invalid("Invalid comparator: \(text)")
        }
        guard let versionText = group(match, 2), !versionText.isEmpty else {
            return NPMComparator(op: .equal, version: nil)
        }
        let op: NPMComparator.Operator
        switch group(match, 1) ?? "" {
        case ">": op = .greater
        case ">=": op = .greaterOrEqual
        case "<": op = .less
        case "<=": op = .lessOrEqual
        default: op = .equal
        }
        guard versionText.unicodeScalars.count <= 256 else {
            throw invalid("version is longer than 256 characters")
        }
        let version: SemanticVersion
        do {
            version = try SemanticVersion(parsing: versionText)
        } catch {
            throw invalid("Invalid Version: \(versionText)")
        }
        for part in [version.major, version.minor, version.patch] {
            guard let number = Int(part), number <= 9_007_199_254_740_991 else {
                throw invalid("version number '\(part)' is above Number.MAX_SAFE_INTEGER")
            }
        }
        return NPMComparator(op: op, version: version)
    }

    func parseComparator(_ comp: String) -> String {
        var value = Self.splitWhitespace(Self.trim(comp)).map(replaceCaret).joined(separator: " ")
        value = Self.splitWhitespace(Self.trim(value)).map(replaceTilde).joined(separator: " ")
        value = Self.splitWhitespace(value).map(replaceXRange).joined(separator: " ")
        return replaceStars(value)
    }

    func replaceTilde(_ comp: String) -> String {
        guard comp.hasPrefix("~") else { return comp }
        return Self.replaceWhole(comp, Patterns.tilde) { match in
            let (major, minor, patch) = (Self.group(match, 1), Self.group(match, 2), Self.group(match, 3))
            let pre = Self.group(match, 4)
            let majorText = major ?? ""
            let minorText = minor ?? ""
            let patchText = patch ?? ""
            if Self.isX(major) { return "" }
            if Self.isX(minor) { return ">=\(majorText).0.0 <\(Self.plusOne(majorText)).0.0-0" }
            if Self.isX(patch) { return ">=\(majorText).\(minorText).0 <\(majorText).\(Self.plusOne(minorText)).0-0" }
            if let pre, !pre.isEmpty {
                return ">=\(majorText).\(minorText).\(patchText)-\(pre) <\(majorText).\(Self.plusOne(minorText)).0-0"
            }
            return ">=\(majorText).\(minorText).\(patchText) <\(majorText).\(Self.plusOne(minorText)).0-0"
        }
    }

    func replaceCaret(_ comp: String) -> String {
        let z = includePrerelease ? "-0" : ""
        guard comp.hasPrefix("^") else { return comp }
        return Self.replaceWhole(comp, Patterns.caret) { match in
            let (major, minor, patch) = (Self.group(match, 1), Self.group(match, 2), Self.group(match, 3))
            let pre = Self.group(match, 4)
            let majorText = major ?? ""
            let minorText = minor ?? ""
            let patchText = patch ?? ""
            if Self.isX(major) { return "" }
            if Self.isX(minor) { return ">=\(majorText).0.0\(z) <\(Self.plusOne(majorText)).0.0-0" }
            if Self.isX(patch) {
                if majorText == "0" {
                    return ">=\(majorText).\(minorText).0\(z) <\(majorText).\(Self.plusOne(minorText)).0-0"
                }
                return ">=\(majorText).\(minorText).0\(z) <\(Self.plusOne(majorText)).0.0-0"
            }
            if let pre, !pre.isEmpty {
                if majorText == "0" {
                    if minorText == "0" {
                        return
                            ">=\(majorText).\(minorText).\(patchText)-\(pre) <\(majorText).\(minorText).\(Self.plusOne(patchText))-0"
                    }
                    return
                        ">=\(majorText).\(minorText).\(patchText)-\(pre) <\(majorText).\(Self.plusOne(minorText)).0-0"
                }
                return ">=\(majorText).\(minorText).\(patchText)-\(pre) <\(Self.plusOne(majorText)).0.0-0"
            }
            if majorText == "0" {
                if minorText == "0" {
                    return
                        ">=\(majorText).\(minorText).\(patchText)\(z) <\(majorText).\(minorText).\(Self.plusOne(patchText))-0"
                }
                return ">=\(majorText).\(minorText).\(patchText)\(z) <\(majorText).\(Self.plusOne(minorText)).0-0"
            }
            return ">=\(majorText).\(minorText).\(patchText) <\(Self.plusOne(majorText)).0.0-0"
        }
    }

    func replaceXRange(_ input: String) -> String {
        let comp = Self.trim(input)
        return Self.replaceWhole(comp, Patterns.xRange) { match in
            var gtlt = Self.group(match, 1) ?? ""
            let (major, minor, patch) = (Self.group(match, 2), Self.group(match, 3), Self.group(match, 4))
            var majorText = major ?? ""
            var minorText = minor ?? ""
            var patchText = patch ?? ""
            let xM = Self.isX(major)
            let xm = xM || Self.isX(minor)
            let xp = xm || Self.isX(patch)
            if gtlt == "=" && xp { gtlt = "" }
            var pr = includePrerelease ? "-0" : ""
            if xM {
                return gtlt == ">" || gtlt == "<" ? "<0.0.0-0" : "*"
            }
            if !gtlt.isEmpty && xp {
                if xm { minorText = "0" }
                patchText = "0"
                if gtlt == ">" {
                    gtlt = ">="
                    if xm {
                        majorText = Self.plusOne(majorText)
                        minorText = "0"
                    } else {
                        minorText = Self.plusOne(minorText)
                    }
                    patchText = "0"
                } else if gtlt == "<=" {
                    gtlt = "<"
                    if xm { majorText = Self.plusOne(majorText) } else { minorText = Self.plusOne(minorText) }
                }
                if gtlt == "<" { pr = "-0" }
                return "\(gtlt)\(majorText).\(minorText).\(patchText)\(pr)"
            }
            if xm { return ">=\(majorText).0.0\(pr) <\(Self.plusOne(majorText)).0.0-0" }
            if xp { return ">=\(majorText).\(minorText).0\(pr) <\(majorText).\(Self.plusOne(minorText)).0-0" }
            return String(match.output[0].substring ?? "")
        }
    }

    func replaceStars(_ comp: String) -> String {
        let trimmed = Self.trim(comp)
        guard trimmed.contains("*"), let star = Patterns.star, let match = trimmed.firstMatch(of: star) else {
            return trimmed
        }
        return String(trimmed[..<match.range.lowerBound]) + String(trimmed[match.range.upperBound...])
    }

    func replaceGreaterOrEqualZero(_ comp: String) -> String {
        let trimmed = Self.trim(comp)
        let pattern = includePrerelease ? Patterns.greaterOrEqualZeroPre : Patterns.greaterOrEqualZero
        guard trimmed.hasPrefix(">="), let pattern, trimmed.wholeMatch(of: pattern) != nil else { return trimmed }
        return ""
    }

    func hyphenReplace(_ match: Match) -> String {
        let g = { (index: Int) in Self.group(match, index) }
        let inc = includePrerelease
        var from = g(1) ?? ""
        let (fM, fm, fp, fpr) = (g(2), g(3), g(4), g(5))
        var to = g(7) ?? ""
        let (tM, tm, tp, tpr) = (g(8), g(9), g(10), g(11))
        if Self.isX(fM) {
            from = ""
        } else if Self.isX(fm) {
            from = ">=\(fM ?? "").0.0\(inc ? "-0" : "")"
        } else if Self.isX(fp) {
            from = ">=\(fM ?? "").\(fm ?? "").0\(inc ? "-0" : "")"
        } else if let fpr, !fpr.isEmpty {
            from = ">=\(from)"
        } else {
            from = ">=\(from)\(inc ? "-0" : "")"
        }
        if Self.isX(tM) {
            to = ""
        } else if Self.isX(tm) {
            to = "<\(Self.plusOne(tM)).0.0-0"
        } else if Self.isX(tp) {
            to = "<\(tM ?? "").\(Self.plusOne(tm)).0-0"
        } else if let tpr, !tpr.isEmpty {
            to = "<=\(tM ?? "").\(tm ?? "").\(tp ?? "")-\(tpr)"
        } else if inc {
            to = "<\(tM ?? "").\(tm ?? "").\(Self.plusOne(tp))-0"
        } else {
            to = "<=\(to)"
        }
        return Self.trim("\(from) \(to)")
    }
}
