/// A rules engine version (`major.minor.patch`), as compared with a file's `required_engine_version`.
///
/// Old rules files give a bare integer (`required_engine_version: 2`), which means `0.2.0`.
public struct EngineVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The major component.
    public var major: Int
    /// The minor component.
    public var minor: Int
    /// The patch component.
    public var patch: Int

    /// Creates the version `major.minor.patch`.
    public init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// The engine version this loader implements by default (the one the current Falco rules require).
    public static var supported: EngineVersion { EngineVersion(major: 0, minor: 57, patch: 0) }

    /// Parses `1.2.3` (a leading `v` and a `-pre`/`+build` suffix are allowed and ignored), or a bare
    /// integer `N` meaning `0.N.0`; nil for anything else.
    public init?(parsing text: String) {
        var body = Substring(text.trimmingBlanks())
        if body.first == "v" { body = body.dropFirst() }
        if let cut = body.firstIndex(where: { $0 == "-" || $0 == "+" }) { body = body[..<cut] }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 9, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(part)
            else { return nil }
            numbers.append(value)
        }
        if numbers.count == 1 {
            self.init(major: 0, minor: numbers[0], patch: 0)
        } else {
            self.init(major: numbers[0], minor: numbers[1], patch: numbers.count == 3 ? numbers[2] : 0)
        }
    }

    /// `major.minor.patch`.
    public var description: String { "\(major).\(minor).\(patch)" }

    /// Orders by major, then minor, then patch.
    public static func < (lhs: EngineVersion, rhs: EngineVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
