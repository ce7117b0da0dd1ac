/// A descriptor whose name an event changed (`fd.name_changed`): a connect or bind filling in a socket's
/// tuple after `socket()`, or an open or dup reusing a number still known under another name.
public struct DescriptorNameChange: Sendable, Hashable {
    /// The process.
    public var pid: Int64
    /// The descriptor number.
    public var descriptor: Int64
    /// The name before the event.
    public var previousName: String
    /// The name after the event.
    public var newName: String

    /// Creates a change.
    public init(pid: Int64, descriptor: Int64, previousName: String, newName: String) {
        self.pid = pid
        self.descriptor = descriptor
        self.previousName = previousName
        self.newName = newName
    }
}
