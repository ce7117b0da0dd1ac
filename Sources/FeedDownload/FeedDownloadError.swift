/// A feed could not be downloaded.
///
/// Every error names the URL it concerns; ``code`` tells the kind, ``message`` the details, and
/// ``attempts`` how many requests were made before giving up.
public struct FeedDownloadError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String {
            case httpStatus, tooLarge, truncated, checksumMismatch, network, timedOut, cancelled, unsupportedURL,
                invalidRequest, fileSystem
        }
        private let kind: Kind

        /// The server answered with a status other than 200 or 304 (see ``FeedDownloadError/httpStatus``).
        public static var httpStatus: Self { Self(kind: .httpStatus) }
        /// The response is larger than the configured limit (by Content-Length or while streaming).
        public static var tooLarge: Self { Self(kind: .tooLarge) }
        /// The body ended before the announced Content-Length (or the source file shrank while copied).
        public static var truncated: Self { Self(kind: .truncated) }
        /// The SHA-256 of the bytes is not the expected one.
        public static var checksumMismatch: Self { Self(kind: .checksumMismatch) }
        /// A connection-level failure (refused, reset, DNS, TLS …); ``FeedDownloadError/underlying`` has the cause.
        public static var network: Self { Self(kind: .network) }
        /// No data arrived for the idle timeout, or the whole download exceeded the total timeout.
        public static var timedOut: Self { Self(kind: .timedOut) }
        /// The calling task was cancelled.
        public static var cancelled: Self { Self(kind: .cancelled) }
        /// Only `http://`, `https://` and `file://` URLs are accepted.
        public static var unsupportedURL: Self { Self(kind: .unsupportedURL) }
        /// The request itself is unusable (a staging name that is not a plain file name, a duplicate name).
        public static var invalidRequest: Self { Self(kind: .invalidRequest) }
        /// The staging directory or a local source file could not be read or written.
        public static var fileSystem: Self { Self(kind: .fileSystem) }

        /// The kind's name, e.g. `truncated`.
        public var description: String { kind.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The URL that failed.
    public var url: String
    /// What went wrong, in words.
    public var message: String
    /// The HTTP status when ``code`` is ``Code/httpStatus``.
    public var httpStatus: Int?
    /// How many requests were made (1 when the first one failed for good; 0 when none was made).
    public var attempts: Int
    /// The lower-level error, when there is one (a `URLError` for network failures).
    public var underlying: (any Error)?

    /// Creates an error.
    public init(
        code: Code,
        url: String,
        message: String,
        httpStatus: Int? = nil,
        attempts: Int = 0,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.url = url
        self.message = message
        self.httpStatus = httpStatus
        self.attempts = attempts
        self.underlying = underlying
    }

    /// `<code>: <url>: <message>`, plus the number of attempts when there was more than one.
    public var description: String {
        let tries = attempts > 1 ? " (after \(attempts) attempts)" : ""
        return "\(code): \(url): \(message)\(tries)"
    }
}
