/// An alert could not be delivered.
public struct AlertChannelError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable { case connect, write, response, closed, setup, tls }
        private let kind: Kind
        /// The receiver could not be reached.
        public static var connect: Self { Self(kind: .connect) }
        /// Writing failed (broken connection, disk full, timeout).
        public static var write: Self { Self(kind: .write) }
        /// The receiver answered with an error (HTTP status not 2xx).
        public static var response: Self { Self(kind: .response) }
        /// The channel is closed.
        public static var closed: Self { Self(kind: .closed) }
        /// The channel could not be set up (bad address, cannot open file, cannot start program).
        public static var setup: Self { Self(kind: .setup) }
        /// The TLS handshake failed: the server's certificate was rejected (untrusted, expired, wrong
        /// name) or the server refused the connection's parameters. Not retried: it needs a fix.
        public static var tls: Self { Self(kind: .tls) }
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// The kind of failure.
    public var code: Code
    /// A sentence naming the channel and the cause.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
