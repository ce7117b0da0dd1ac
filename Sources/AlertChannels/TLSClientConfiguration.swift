/// How a channel (syslog over TLS, HTTPS webhook) sets up its TLS client connections.
///
/// TLS 1.2 is the minimum version. By default the server's certificate chain is verified against
/// `caFile` (PEM, one or more CA certificates) or, when none is given, the system's trust store, and the
/// certificate must name the host: `serverName` when given, else the host the channel connects to (an
/// IP address is matched against the certificate's IP subject alternative names, a name against its
/// DNS names). A non-IP server name is also sent as SNI.
///
/// With `certificateFile` (PEM chain) and `privateKeyFile` (PEM key; when omitted the key is read from
/// the certificate file) the client presents a certificate (mutual TLS).
public struct TLSClientConfiguration: Sendable, Hashable {
    /// CA certificates (PEM) that the server's chain must lead to; nil uses the system trust store.
    public var caFile: String?
    /// The client's certificate chain (PEM) for mutual TLS; nil sends none.
    public var certificateFile: String?
    /// The client's private key (PEM); nil with a `certificateFile` reads the key from that file.
    public var privateKeyFile: String?
    /// The name the certificate must match and that is sent as SNI; nil uses the host connected to.
    public var serverName: String?
    /// Whether the server's certificate and name are verified (the default).
    ///
    /// **INSECURE when false**: any certificate is accepted, so anyone able to intercept the connection
    /// can read and alter the alerts. Only for testing against a receiver with a throw-away certificate.
    public var verifyPeer: Bool

    /// Creates a configuration; the defaults verify the server against the system trust store.
    public init(
        caFile: String? = nil,
        certificateFile: String? = nil,
        privateKeyFile: String? = nil,
        serverName: String? = nil,
        verifyPeer: Bool = true
    ) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
        self.serverName = serverName
        self.verifyPeer = verifyPeer
    }

    /// Loads the CA file, certificate and key as a connection would, so that a command line can report a
    /// bad file at start-up instead of at the first alert. Throws a `.setup` ``AlertChannelError`` whose
    /// message names the file and the OpenSSL reason.
    public func validate() throws(AlertChannelError) {
        _ = try TLSContext(configuration: self)
    }
}
