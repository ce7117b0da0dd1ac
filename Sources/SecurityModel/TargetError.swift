/// A target (file, image, …) that could not be read or processed at all.
///
/// Reported beside the findings; any target error makes the command exit with code 2, while the
/// other targets of the same run are still processed.
public struct TargetError: Error, Sendable, Hashable, Codable {
    /// The kind of failure, stable for machines (`unreadable`, `binary`, `too-large`, `invalid-utf8`).
    public var code: String
    /// The target as the user named it.
    public var target: String
    /// A sentence for humans naming the target and what is wrong.
    public var message: String

    public init(code: String, target: String, message: String) {
        self.code = code
        self.target = target
        self.message = message
    }
}

extension TargetError {
    /// A stable error code from a Swift case name: `invalidYAML` → `invalid-yaml`, `notAMapping` →
    /// `not-a-mapping` (the JSON report's codes are kebab-case).
    public static func stableCode(_ camelCase: String) -> String {
        let characters = Array(camelCase)
        var out = ""
        for (i, c) in characters.enumerated() {
            if c.isUppercase, i > 0 {
                let previous = characters[i - 1]
                let nextIsLower = i + 1 < characters.count && characters[i + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                    out.append("-")
                }
            }
            out += c.lowercased()
        }
        return out
    }
}
