internal import Foundation
public import OCIImage
import SecurityModel
import Synchronization

/// A client of the OCI Distribution API v2 (`/v2/<name>/manifests/<ref>`, `/v2/<name>/blobs/<digest>`)
/// with anonymous, Basic and Bearer-token authentication.
///
/// - HTTPS goes through `URLSession` (bodies spooled, see ``HTTPTimeouts``); plain HTTP only when
///   ``Configuration/insecure`` is set, and then only to loopback hosts unless
///   ``Configuration/allowInsecureNonLoopback`` is also set. Plain HTTP uses ``SocketHTTPClient``.
/// - A `401` with `WWW-Authenticate: Bearer realm=…,service=…,scope=…` fetches a token from the realm
///   (with the registry's credentials from the Docker configuration, if any) and retries; `Basic`
///   retries with the credentials. Tokens are cached per scope.
/// - Redirects (blob storage) are followed up to ``Configuration/maximumRedirects`` times; the
///   `Authorization` header is only ever sent to the registry's own origin.
public final class RegistryClient: Sendable {
    /// How the client talks to the registry.
    public struct Configuration: Sendable {
        /// Plain HTTP instead of HTTPS (`--insecure-registry`).
        public var insecure: Bool
        /// Allow plain HTTP to hosts that are not loopback (off: `insecure` is refused for them).
        public var allowInsecureNonLoopback: Bool
        /// Connect and idle timeouts.
        public var timeouts: HTTPTimeouts
        /// Where credentials come from.
        public var credentials: DockerCredentialStore
        /// Parent of the private scratch directory for spooled HTTPS bodies (`$TMPDIR` or `/tmp`).
        public var scratchParent: String?
        /// Redirects followed per request.
        public var maximumRedirects: Int
        /// The `User-Agent` sent.
        public var userAgent: String
        /// Tests only: send plain HTTP through `URLSession` too, to exercise that transport locally.
        var plainHTTPThroughURLSession = false

        /// A configuration; credentials default to the process's Docker configuration.
        public init(
            insecure: Bool = false,
            allowInsecureNonLoopback: Bool = false,
            timeouts: HTTPTimeouts = .default,
            credentials: DockerCredentialStore = DockerCredentialStore(),
            scratchParent: String? = nil,
            maximumRedirects: Int = 10,
            userAgent: String = "bulkhead"
        ) {
            self.insecure = insecure
            self.allowInsecureNonLoopback = allowInsecureNonLoopback
            self.timeouts = timeouts
            self.credentials = credentials
            self.scratchParent = scratchParent
            self.maximumRedirects = maximumRedirects
            self.userAgent = userAgent
        }
    }

    /// The registry as named in references (`docker.io`, `127.0.0.1:5000`).
    public let registry: String
    /// The configuration in use.
    public let configuration: Configuration
    let baseURL: String

    private let auth = Mutex(AuthState())
    private let urlSession = Mutex<URLSessionTransport?>(nil)

    static let manifestMediaTypes = [
        RegistryMediaType.ociIndex, RegistryMediaType.ociManifest, RegistryMediaType.dockerManifestList,
        RegistryMediaType.dockerManifest,
    ]
    /// Largest manifest read (the OCI distribution spec suggests registries accept at least 4 MiB).
    static let maximumManifestBytes = 4 * 1024 * 1024
    static let maximumTokenBytes = 1024 * 1024

    private struct AuthState: Sendable {
        enum Mode: Sendable, Equatable {
            case unknown
            case basic
            case bearer(realm: String, service: String?)
        }
        var mode = Mode.unknown
        var tokens: [String: String] = [:]
        var credentialsLoaded = false
        var credentials: RegistryCredentials?
    }

    /// A client for `registry` (`host[:port]`, `docker.io`).
    public init(registry: String, configuration: Configuration = Configuration()) throws(ImageError) {
        guard RegistryReference.isValidRegistry(registry) else {
            throw ImageError(code: .malformed, subject: "registry \(registry)", message: "not a valid host[:port]")
        }
        self.registry = registry
        self.configuration = configuration
        let reference = RegistryReference(registry: registry, repository: "x")
        if configuration.insecure && !reference.isLoopback && !configuration.allowInsecureNonLoopback {
            throw ImageError(
                code: .network,
                subject: "registry \(registry)",
                message: "plain HTTP (--insecure-registry) is only allowed for loopback registries "
                    + "(localhost, 127.0.0.0/8, ::1) unless explicitly allowed for other hosts"
            )
        }
        baseURL = (configuration.insecure ? "http://" : "https://") + reference.apiHost
    }

    // MARK: - API

    /// Checks that `/v2/` answers (authenticating if the registry asks to).
    public func ping() throws(ImageError) {
        var response = try send(path: "/v2/", accept: nil, scope: nil)
        try Self.check(&response, what: "the API root /v2/", registry: registry)
    }

    /// Fetches a manifest by tag or digest, verifying its digest when `reference` is one and
    /// against `Docker-Content-Digest` when the registry sends it.
    public func manifest(repository: String, reference: String) throws(ImageError) -> RegistryManifest {
        let subject = "manifest \(registry)/\(repository):\(reference)"
        try Self.validate(repository: repository, subject: subject)
        guard RegistryReference.isValidTag(reference) || RemoteText.isSHA256Digest(reference) else {
            throw ImageError(code: .malformed, subject: subject, message: "not a tag or sha256 digest")
        }
        var response = try send(
            path: "/v2/\(repository)/manifests/\(reference)",
            accept: Self.manifestMediaTypes,
            scope: Self.pullScope(repository)
        )
        try Self.check(&response, what: subject, registry: registry)
        let bytes: [UInt8]
        do {
            bytes = try response.readBody(limit: Self.maximumManifestBytes)
        } catch  where error.code == .tooLarge {
            throw ImageError(
                code: .tooLarge,
                subject: subject,
                message: "the manifest is larger than \(Self.maximumManifestBytes) bytes"
            )
        }
        let digest = RemoteSHA256.digest(bytes)
        if reference.hasPrefix("sha256:"), digest != reference {
            throw ImageError(
                code: .digestMismatch,
                subject: subject,
                message: "the registry sent a manifest whose digest is \(digest), not the requested \(reference)"
            )
        }
        if let header = response.headers["Docker-Content-Digest"], header.hasPrefix("sha256:"), header != digest {
            throw ImageError(
                code: .digestMismatch,
                subject: subject,
                message: "the manifest's digest is \(digest) but the registry announced \(header)"
            )
        }
        let contentType = response.headers["Content-Type"].map {
            RemoteText.trimmed(String($0.split(separator: ";").first ?? ""))
        }
        return RegistryManifest(bytes: bytes, contentType: contentType, digest: digest)
    }

    /// Opens a blob as a stream (not verified here: the image reader verifies layer digests). When
    /// `expectedSize` is given, a longer or shorter body is an error.
    public func blob(repository: String, digest: String, expectedSize: Int? = nil) throws(ImageError)
        -> any ByteStream
    {
        let subject = "blob \(digest) of \(registry)/\(repository)"
        try Self.validate(repository: repository, subject: subject)
        guard RemoteText.isSHA256Digest(digest) else {
            throw ImageError(code: .malformed, subject: subject, message: "not a sha256:<64 hex> digest")
        }
        var response = try send(
            path: "/v2/\(repository)/blobs/\(digest)",
            accept: nil,
            scope: Self.pullScope(repository)
        )
        try Self.check(&response, what: subject, registry: registry)
        guard let expectedSize else { return response.body }
        return SizeCheckedStream(base: response.body, expected: expectedSize, subject: subject)
    }

    /// Reads a small blob (a config) into memory and verifies its sha256 digest and size.
    public func blobBytes(repository: String, digest: String, expectedSize: Int?, maximumSize: Int) throws(ImageError)
        -> [UInt8]
    {
        let subject = "blob \(digest) of \(registry)/\(repository)"
        if let expectedSize, expectedSize > maximumSize {
            throw ImageError(
                code: .tooLarge,
                subject: subject,
                message: "declared size \(expectedSize) exceeds \(maximumSize) bytes"
            )
        }
        var stream = try blob(repository: repository, digest: digest, expectedSize: expectedSize)
        var bytes = [UInt8]()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try stream.read(into: chunk)
            if n == 0 { break }
            guard bytes.count + n <= maximumSize else {
                throw ImageError(code: .tooLarge, subject: subject, message: "larger than \(maximumSize) bytes")
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        let actual = RemoteSHA256.digest(bytes)
        guard actual == digest else {
            throw ImageError(code: .digestMismatch, subject: subject, message: "the content's digest is \(actual)")
        }
        return bytes
    }

    static func pullScope(_ repository: String) -> String { "repository:\(repository):pull" }

    /// Repository names go into URL paths: only valid names (no `..`, no escapes) are accepted.
    private static func validate(repository: String, subject: String) throws(ImageError) {
        guard RegistryReference.isValidRepository(repository) else {
            throw ImageError(code: .malformed, subject: subject, message: "invalid repository name")
        }
    }

    // MARK: - Requests, authentication, redirects

    private func send(path: String, accept: [String]?, scope: String?) throws(ImageError) -> HTTPResponse {
        guard let start = URL(string: baseURL + path) else {
            throw ImageError(
                code: .malformed,
                subject: "registry \(registry)",
                message: "cannot form a URL for \(path)"
            )
        }
        var url = start
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: configuration.userAgent)
        if let accept { headers.add(name: "Accept", value: accept.joined(separator: ", ")) }
        var redirects = 0
        var authenticated = false
        while true {
            let sameOrigin = Self.origin(url) == Self.origin(start)
            var requestHeaders = headers
            if sameOrigin, let authorization = try authorization(scope: scope) {
                requestHeaders.add(name: "Authorization", value: authorization)
            }
            var response = try perform(method: "GET", url: url, headers: requestHeaders)
            if response.status == 401 && sameOrigin && !authenticated {
                authenticated = true
                let challenges = AuthChallenge.parse(response.headers.values(for: "WWW-Authenticate"))
                _ = response.bodySnippet()
                try authenticate(challenges, scope: scope)
                continue
            }
            if [301, 302, 303, 307, 308].contains(response.status), let location = response.headers["Location"] {
                redirects += 1
                guard redirects <= configuration.maximumRedirects else {
                    throw ImageError(
                        code: .network,
                        subject: "registry \(registry)",
                        message: "more than \(configuration.maximumRedirects) redirects for \(path)"
                    )
                }
                guard let next = URL(string: location, relativeTo: url)?.absoluteURL, next.host != nil else {
                    throw ImageError(
                        code: .network,
                        subject: "registry \(registry)",
                        message: "invalid redirect location \"\(RemoteText.printable(Array(location.utf8)))\""
                    )
                }
                url = next
                continue
            }
            return response
        }
    }

    /// Sends one request through the transport the URL's scheme calls for.
    func perform(method: String, url: URL, headers: HTTPHeaders, body: [UInt8] = []) throws(ImageError)
        -> HTTPResponse
    {
        let scheme = url.scheme?.lowercased() ?? ""
        guard let host = url.host, !host.isEmpty else {
            throw ImageError(code: .malformed, subject: url.absoluteString, message: "the URL has no host")
        }
        if scheme == "http" {
            guard configuration.insecure,
                RegistryReference.isLoopbackHost(host) || configuration.allowInsecureNonLoopback
            else {
                throw ImageError(
                    code: .network,
                    subject: url.absoluteString,
                    message: "refusing plain HTTP: allowed only with --insecure-registry and only to loopback hosts"
                )
            }
            if !configuration.plainHTTPThroughURLSession {
                let components = URLComponents(url: url, resolvingAgainstBaseURL: true)
                var target = components?.percentEncodedPath ?? "/"
                if target.isEmpty { target = "/" }
                if let query = components?.percentEncodedQuery { target += "?" + query }
                let port = url.port ?? 80
                var fields = headers
                fields.replace(
                    name: "Host",
                    value: port == 80 ? HTTPEndpoint.bracketed(host) : "\(HTTPEndpoint.bracketed(host)):\(port)"
                )
                let client = SocketHTTPClient(endpoint: .tcp(host: host, port: port), timeouts: configuration.timeouts)
                var response = try client.send(HTTPRequest(method: method, target: target, headers: fields, body: body))
                response.peer = url.absoluteString
                return response
            }
        } else if scheme != "https" {
            throw ImageError(
                code: .network,
                subject: url.absoluteString,
                message: "unsupported URL scheme \"\(scheme)\""
            )
        }
        return try sessionTransport().send(method: method, url: url, headers: headers, body: body)
    }

    private func sessionTransport() throws(ImageError) -> URLSessionTransport {
        try urlSession.withLock { (transport) throws(ImageError) -> URLSessionTransport in
            if let transport { return transport }
            let made = try URLSessionTransport(
                timeouts: configuration.timeouts,
                scratchParent: configuration.scratchParent
            )
            transport = made
            return made
        }
    }

    private static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    private func loadCredentials() throws(ImageError) -> RegistryCredentials? {
        if let cached = auth.withLock({ $0.credentialsLoaded ? Optional($0.credentials) : nil }) { return cached }
        let found = try configuration.credentials.credentials(forRegistry: registry)
        auth.withLock {
            $0.credentials = found
            $0.credentialsLoaded = true
        }
        return found
    }

    /// The `Authorization` value to send now, fetching a token when the registry uses tokens and none
    /// is cached for `scope`.
    private func authorization(scope: String?) throws(ImageError) -> String? {
        let (mode, token) = auth.withLock { state in (state.mode, scope.flatMap { state.tokens[$0] }) }
        switch mode {
        case .unknown: return nil
        case .basic: return try loadCredentials()?.basicAuthorization
        case .bearer(let realm, let service):
            if let token { return "Bearer \(token)" }
            let fresh = try fetchToken(realm: realm, service: service, scopes: scope.map { [$0] } ?? [])
            auth.withLock { $0.tokens[scope ?? ""] = fresh }
            return "Bearer \(fresh)"
        }
    }

    private func authenticate(_ challenges: [AuthChallenge], scope: String?) throws(ImageError) {
        let subject = "registry \(registry)"
        if let bearer = challenges.first(where: { $0.scheme == "bearer" }) {
            guard let realm = bearer.parameters["realm"], !realm.isEmpty else {
                throw ImageError(code: .authentication, subject: subject, message: "a Bearer challenge without a realm")
            }
            var scopes = scope.map { [$0] } ?? []
            if let extra = bearer.parameters["scope"], !scopes.contains(extra) { scopes.append(extra) }
            let token = try fetchToken(realm: realm, service: bearer.parameters["service"], scopes: scopes)
            auth.withLock {
                $0.mode = .bearer(realm: realm, service: bearer.parameters["service"])
                $0.tokens[scope ?? ""] = token
            }
            return
        }
        if challenges.contains(where: { $0.scheme == "basic" }) {
            let credentials = try loadCredentials()
            if let credentials, credentials.username.isEmpty, credentials.identityToken != nil {
                throw ImageError(
                    code: .authentication,
                    subject: subject,
                    message: "the registry asks for a user name and password (Basic) but only an identity token "
                        + "is configured for \(registry)"
                )
            }
            guard credentials != nil else {
                throw ImageError(
                    code: .authentication,
                    subject: subject,
                    message: "the registry requires a user name and password (Basic) and no credentials for "
                        + "\(registry) were found in \(configuration.credentials.configPath ?? "any Docker configuration")"
                )
            }
            auth.withLock { $0.mode = .basic }
            return
        }
        let names = challenges.map(\.scheme).joined(separator: ", ")
        throw ImageError(
            code: .authentication,
            subject: subject,
            message: names.isEmpty
                ? "the registry answered 401 without a WWW-Authenticate challenge"
                : "unsupported authentication scheme(s): \(names)"
        )
    }

    /// Gets a token from the realm (Docker token protocol, GET with `service` and `scope`).
    private func fetchToken(realm: String, service: String?, scopes: [String]) throws(ImageError) -> String {
        let subject = "token service \(realm)"
        guard var components = URLComponents(string: realm), components.host != nil,
            ["https", "http"].contains(components.scheme?.lowercased() ?? "")
        else {
            throw ImageError(code: .authentication, subject: subject, message: "the realm is not an http(s) URL")
        }
        var items = components.queryItems ?? []
        if let service { items.append(URLQueryItem(name: "service", value: service)) }
        for scope in scopes { items.append(URLQueryItem(name: "scope", value: scope)) }
        components.queryItems = items.isEmpty ? nil : items
        guard let url = components.url else {
            throw ImageError(code: .authentication, subject: subject, message: "cannot form the token URL")
        }
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: configuration.userAgent)
        let credentials = try loadCredentials()
        var response: HTTPResponse
        if let refreshToken = credentials?.identityToken {
            // OAuth2 refresh-token grant (what `docker login` with an identity token does).
            components.queryItems = nil
            guard let postURL = components.url else {
                throw ImageError(code: .authentication, subject: subject, message: "cannot form the token URL")
            }
            var form = [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", "bulkhead")]
            if let service { form.append(("service", service)) }
            if !scopes.isEmpty { form.append(("scope", scopes.joined(separator: " "))) }
            headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            let body = form.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
            response = try perform(method: "POST", url: postURL, headers: headers, body: Array(body.utf8))
        } else {
            if let credentials { headers.add(name: "Authorization", value: credentials.basicAuthorization) }
            response = try perform(method: "GET", url: url, headers: headers)
        }
        if response.status == 401 || response.status == 403 {
            let detail = response.bodySnippet()
            throw ImageError(
                code: .authentication,
                subject: subject,
                message: credentials.map { credentials in
                    credentials.identityToken != nil
                        ? "the token service rejected the identity token for \(registry): \(detail)"
                        : "the token service rejected the credentials of \(credentials.username): \(detail)"
                } ?? "the token service refused an anonymous token (no credentials for \(registry)): \(detail)"
            )
        }
        guard response.status == 200 else {
            throw ImageError(
                code: .network,
                subject: subject,
                message: "HTTP \(response.status): \(response.bodySnippet())"
            )
        }
        let body = try response.readBody(limit: Self.maximumTokenBytes)
        guard let value = try? JSONParser.parse(bytes: body),
            let token = value["token"]?.stringValue ?? value["access_token"]?.stringValue, !token.isEmpty,
            token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw ImageError(
                code: .authentication,
                subject: subject,
                message: "the token answer has no usable \"token\" field"
            )
        }
        return token
    }

    /// `application/x-www-form-urlencoded` encoding of one key or value.
    static func formEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + RemoteText.hex([byte]).uppercased()
            }
        }
        return out
    }

    // MARK: - Status handling

    /// Throws the error a non-200 answer means, with the registry's own error text.
    static func check(_ response: inout HTTPResponse, what: String, registry: String) throws(ImageError) {
        guard response.status != 200 else { return }
        let detail = registryErrorDetail(&response)
        switch response.status {
        case 404:
            throw ImageError(code: .notFound, subject: what, message: "not found in registry \(registry)\(detail)")
        case 401:
            throw ImageError(
                code: .authentication,
                subject: what,
                message: "registry \(registry) refused the request (401 Unauthorized)\(detail)"
            )
        case 403:
            throw ImageError(
                code: .authentication,
                subject: what,
                message: "registry \(registry) denied access (403)\(detail)"
            )
        case 429:
            throw ImageError(
                code: .network,
                subject: what,
                message: "registry \(registry) is rate-limiting requests (429)\(detail)"
            )
        default:
            throw ImageError(
                code: .network,
                subject: what,
                message: "registry \(registry) answered HTTP \(response.status)\(detail)"
            )
        }
    }

    /// `: CODE: message` from an OCI error body, else a printable snippet, else empty.
    private static func registryErrorDetail(_ response: inout HTTPResponse) -> String {
        guard let body = try? response.readBody(limit: 256 * 1024), !body.isEmpty else { return "" }
        if let value = try? JSONParser.parse(bytes: body), let errors = value["errors"]?.arrayValue, !errors.isEmpty {
            let parts = errors.prefix(3).map { error -> String in
                let code = error["code"]?.stringValue ?? "ERROR"
                let message = error["message"]?.stringValue ?? ""
                return message.isEmpty ? code : "\(code): \(message)"
            }
            return ": " + parts.joined(separator: "; ")
        }
        return ": " + RemoteText.printable(body, limit: 200)
    }
}
