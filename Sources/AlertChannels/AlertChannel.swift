/// A destination for serialized alerts. `send` may block (network, disk); callers that must not
/// block put an ``AlertDispatcher`` in front.
public protocol AlertChannel: AnyObject, Sendable {
    /// A short name for statistics (`stdout`, `syslog-tcp`, `webhook`).
    var name: String { get }
    /// Delivers one alert, or throws ``AlertChannelError``.
    func send(_ message: AlertMessage) throws(AlertChannelError)
    /// Flushes and releases the channel; later sends fail.
    func close()
}
