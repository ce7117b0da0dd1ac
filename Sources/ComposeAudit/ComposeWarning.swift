/// Something the audit worked around and the user should know: an unset variable read as empty, an `extends`
/// from another file not followed, a key given twice in different forms.
public struct ComposeWarning: Sendable, Hashable, CustomStringConvertible {
    /// The Compose file as the caller named it.
    public var file: String
    /// The service concerned, if any.
    public var service: String?
    /// Key path concerned (`services.web.image`), if any.
    public var key: String?
    /// 1-based line in `file`, when known.
    public var line: Int?
    /// What happened.
    public var message: String

    /// Creates a warning.
    public init(file: String, service: String? = nil, key: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.service = service
        self.key = key
        self.line = line
        self.message = message
    }

    /// `file:line: service 'web': message`.
    public var description: String {
        let place = line.map { "\(file):\($0): " } ?? "\(file): "
        return place + (service.map { "service '\($0)': " } ?? "") + message
    }
}
