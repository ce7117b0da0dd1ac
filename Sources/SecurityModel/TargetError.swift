/// A target (file, image, …) that could not be read or processed at all.
///
/// Reported beside the findings; any target error makes the command exit with code 2, while the
/// other targets of the same run are still processed.
public struct TargetError: Sendable, Hashable, Codable {
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
