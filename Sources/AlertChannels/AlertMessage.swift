/// One serialized alert as channels receive it: the line to deliver, plus what syslog framing needs.
public struct AlertMessage: Sendable, Hashable {
    /// The serialized alert (a Falco text line or JSON alert), without a trailing newline.
    public var text: String
    /// When the event happened, nanoseconds since the Unix epoch.
    public var time: UInt64
    /// The syslog severity of the alert's priority (0 emergency … 7 debug).
    public var severity: Int

    /// Creates a message; `severity` is clamped to 0…7.
    public init(text: String, time: UInt64, severity: Int) {
        self.text = text
        self.time = time
        self.severity = min(7, max(0, severity))
    }
}
