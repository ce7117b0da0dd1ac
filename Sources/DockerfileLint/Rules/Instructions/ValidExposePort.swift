import DockerfileSyntax
public import SecurityModel

/// DF3011 (hadolint DL3011): `EXPOSE` ports must lie in 0–65535.
///
/// Accepts the forms hadolint accepts (`80`, `80/tcp`, `53/udp`, `8000-8100`, `$PORT`); only
/// numeric ports and ranges whose two ends are both numbers are range-checked.
public struct ValidExposePort: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3011",
        slug: "expose-port-range",
        aliases: ["DL3011"],
        title: "EXPOSE port outside 0–65535",
        severity: .high,
        remediation: "Use a valid TCP/UDP port number between 0 and 65535.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3011"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .expose, let bad = Self.invalidPorts(HadolintArguments.restOfLine(ins)), !bad.isEmpty
            else { return nil }
            return Violation(ins, "Port \(bad.joined(separator: ", ")) is outside the valid range 0–65535")
        }
    }

    /// The port specs that are out of range, or nil when the text is not a list of port specs.
    static func invalidPorts(_ text: String) -> [String]? {
        var bad: [String] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard let ok = check(word) else { return nil }
            if !ok { bad.append(String(word)) }
        }
        return bad
    }

    /// True when valid, false when a number is out of range, nil when unparseable.
    private static func check(_ word: Substring) -> Bool? {
        if word.hasPrefix("$") { return true }
        let first = word.prefix { $0.isASCII && $0.isNumber }
        guard !first.isEmpty else { return nil }
        var rest = word.dropFirst(first.count)
        if rest.isEmpty { return inRange(first) }
        if rest.hasPrefix("/") { return isProtocol(rest.dropFirst()) ? inRange(first) : nil }
        guard rest.hasPrefix("-") else { return nil }
        rest = rest.dropFirst()
        if rest.hasPrefix("$") {
            let variable = rest.prefix { $0 != "-" && $0 != "/" }
            guard variable.count > 1 else { return nil }
            let tail = rest.dropFirst(variable.count)
            return tail.isEmpty || (tail.hasPrefix("/") && isProtocol(tail.dropFirst())) ? true : nil
        }
        let second = rest.prefix { $0.isASCII && $0.isNumber }
        guard !second.isEmpty else { return nil }
        let tail = rest.dropFirst(second.count)
        guard tail.isEmpty || (tail.hasPrefix("/") && isProtocol(tail.dropFirst())) else { return nil }
        return inRange(first) && inRange(second)
    }

    private static func isProtocol(_ text: Substring) -> Bool {
        let p = text.lowercased()
        return p == "tcp" || p == "udp"
    }

    private static func inRange(_ digits: Substring) -> Bool {
        let significant = digits.drop { $0 == "0" }
        guard significant.count <= 5 else { return false }
        return (Int(significant) ?? 0) <= 65535
    }
}
