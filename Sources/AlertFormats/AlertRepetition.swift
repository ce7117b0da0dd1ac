/// What a de-duplication summary alert carries: how many alerts of the same rule, process and container
/// one window held, and when the first and the last happened.
public struct AlertRepetition: Sendable, Hashable {
    /// Alerts the window held, the one sent when it opened included.
    public var count: Int
    /// Time of the first alert (the one sent), nanoseconds since the Unix epoch.
    public var firstTime: UInt64
    /// Time of the last duplicate, nanoseconds since the Unix epoch.
    public var lastTime: UInt64

    /// Creates a repetition record.
    public init(count: Int, firstTime: UInt64, lastTime: UInt64) {
        self.count = count
        self.firstTime = firstTime
        self.lastTime = lastTime
    }

    /// Alerts that were not sent (all but the first).
    public var suppressed: Int { max(0, count - 1) }
}
