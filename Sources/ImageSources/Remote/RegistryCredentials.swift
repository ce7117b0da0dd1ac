/// A user name and secret for a registry. The description never shows the secret.
public struct RegistryCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The user name.
    public var username: String
    /// The password or personal access token.
    public var password: String
    /// An OAuth2 refresh token (`identitytoken` in the Docker configuration, or a credential helper's
    /// `<token>` user); when set, Bearer tokens are obtained with `grant_type=refresh_token`.
    public var identityToken: String?

    /// Credentials.
    public init(username: String, password: String, identityToken: String? = nil) {
        self.username = username
        self.password = password
        self.identityToken = identityToken
    }

    /// `user:<redacted>`.
    public var description: String { "\(username):<redacted>" }

    /// The `Authorization` value for HTTP Basic authentication.
    var basicAuthorization: String {
        "Basic " + RemoteText.base64Encode(Array("\(username):\(password)".utf8))
    }
}
