internal import Foundation
internal import Glibc
public import OCIImage
import SecurityModel

/// Registry credentials from a Docker client configuration (`$DOCKER_CONFIG/config.json`, else
/// `~/.docker/config.json`), looked up as the Docker CLI does:
///
/// 1. a credential helper named for the registry in `credHelpers`, else the `credsStore` helper:
///    `docker-credential-<name> get` (found on the `PATH` of the environment given), with the server
///    URL on stdin; a `<token>` user means the secret is an OAuth identity token;
/// 2. the `auths` entry: the base64 `auth` field (`user:password`), or `username`/`password`, and
///    `identitytoken`.
///
/// A helper that is not installed, or says it has no credentials, falls through to `auths`; a helper
/// that fails otherwise or does not answer within ``helperTimeout`` is an error.
public struct DockerCredentialStore: Sendable {
    /// The configuration file read (it need not exist); nil for a store without credentials.
    public let configPath: String?
    /// Directories searched for `docker-credential-*` helpers.
    public let helperSearchPath: [String]
    /// Longest time a credential helper may take.
    public var helperTimeout: Duration = .seconds(30)

    /// The store that `DOCKER_CONFIG` (or `HOME`) in `environment` names (the process environment
    /// when nil); helpers are looked up on its `PATH`.
    public init(environment: [String: String]? = nil) {
        let env = environment ?? ProcessInfo.processInfo.environment
        if let directory = env["DOCKER_CONFIG"], !directory.isEmpty {
            configPath = directory + "/config.json"
        } else if let home = env["HOME"], !home.isEmpty {
            configPath = home + "/.docker/config.json"
        } else {
            configPath = NSHomeDirectory() + "/.docker/config.json"
        }
        helperSearchPath = (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
    }

    /// A store reading `configPath` (nil: never any credentials), with helpers from `helperSearchPath`.
    public init(configPath: String?, helperSearchPath: [String] = []) {
        self.configPath = configPath
        self.helperSearchPath = helperSearchPath
    }

    /// A store without credentials (anonymous access only).
    public static var anonymous: DockerCredentialStore { DockerCredentialStore(configPath: nil) }

    /// The credentials for `registry` (`host[:port]`, `docker.io` for Docker Hub), or nil.
    public func credentials(forRegistry registry: String) throws(ImageError) -> RegistryCredentials? {
        guard let configPath, FileManager.default.fileExists(atPath: configPath) else { return nil }
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw ImageError(code: .io, subject: configPath, message: "cannot read the Docker client configuration")
        }
        guard data.count <= 4 * 1024 * 1024 else {
            throw ImageError(
                code: .tooLarge,
                subject: configPath,
                message: "the Docker client configuration is too large"
            )
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes: [UInt8](data))
        } catch {
            throw ImageError(
                code: .malformed,
                subject: configPath,
                message: "the Docker client configuration is not valid JSON: \(error)"
            )
        }
        let wanted = Self.normalizedKeys(for: registry)
        var helper: String?
        if case .object(let helpers)? = root["credHelpers"] {
            helper = helpers.first { wanted.contains(Self.normalize($0.0)) }?.1.stringValue
        }
        if helper == nil { helper = root["credsStore"]?.stringValue }
        if let helper, !helper.isEmpty,
            let found = try helperCredentials(helper, serverURL: Self.serverURL(for: registry))
        {
            return found
        }
        guard case .object(let entries)? = root["auths"] else { return nil }
        let exact = entries.first { wanted.first == $0.0 }
        let candidates = exact.map { [$0] } ?? entries.filter { wanted.contains(Self.normalize($0.0)) }
        for (key, entry) in candidates {
            if let found = try Self.decode(entry, key: key, path: configPath) { return found }
        }
        return nil
    }

    private static func decode(_ entry: JSONValue, key: String, path: String) throws(ImageError)
        -> RegistryCredentials?
    {
        let identityToken = entry["identitytoken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if let auth = entry["auth"]?.stringValue, !auth.isEmpty {
            guard let bytes = RemoteText.base64Decode(auth), let text = String(validating: bytes, as: UTF8.self),
                let colon = text.firstIndex(of: ":")
            else {
                throw ImageError(
                    code: .malformed,
                    subject: path,
                    message: "the \"auth\" field of auths[\"\(key)\"] is not base64 of user:password"
                )
            }
            return RegistryCredentials(
                username: String(text[..<colon]),
                password: String(text[text.index(after: colon)...]),
                identityToken: identityToken
            )
        }
        if let user = entry["username"]?.stringValue, let password = entry["password"]?.stringValue, !user.isEmpty {
            return RegistryCredentials(username: user, password: password, identityToken: identityToken)
        }
        if let identityToken {
            return RegistryCredentials(username: "", password: "", identityToken: identityToken)
        }
        return nil
    }

    // MARK: - Credential helpers

    /// Runs `docker-credential-<name> get`; nil when the helper is not installed or has nothing.
    private func helperCredentials(_ name: String, serverURL: String) throws(ImageError) -> RegistryCredentials? {
        let subject = "credential helper docker-credential-\(name)"
        guard name.utf8.allSatisfy({ HTTPResponseHead.isTokenByte($0) && $0 != UInt8(ascii: "/") }) else {
            throw ImageError(code: .malformed, subject: subject, message: "invalid helper name in \(configPath ?? "")")
        }
        let executable = helperSearchPath.lazy.map { "\($0)/docker-credential-\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let executable else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["get"]
        let input = Pipe()
        let output = Pipe()
        // The request goes into the pipe before the helper starts: a helper that exits without reading
        // stdin must not turn our write into a SIGPIPE.
        try? input.fileHandleForWriting.write(contentsOf: Data(serverURL.utf8))
        try? input.fileHandleForWriting.close()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw ImageError(code: .authentication, subject: subject, message: "cannot run \(executable): \(error)")
        }
        guard let data = Self.readOutput(output.fileHandleForReading.fileDescriptor, timeout: helperTimeout) else {
            // SIGKILL: a hung helper may ignore SIGTERM (ignored signals survive exec).
            _ = kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ImageError(
                code: .authentication,
                subject: subject,
                message: "did not answer within \(HTTPTimeouts.describe(helperTimeout))"
            )
        }
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            if text.lowercased().contains("credentials not found") { return nil }
            throw ImageError(
                code: .authentication,
                subject: subject,
                message:
                    "failed (exit \(process.terminationStatus)): \(RemoteText.printable(Array(text.utf8), limit: 200))"
            )
        }
        guard let value = try? JSONParser.parse(bytes: data), let secret = value["Secret"]?.stringValue,
            let user = value["Username"]?.stringValue
        else {
            throw ImageError(code: .authentication, subject: subject, message: "answered without Username and Secret")
        }
        if user == "<token>" { return RegistryCredentials(username: "", password: "", identityToken: secret) }
        return RegistryCredentials(username: user, password: secret)
    }

    /// Reads a helper's output to end of file (at most 64 KiB); nil when `timeout` passes first.
    private static func readOutput(_ fd: Int32, timeout: Duration) -> [UInt8]? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while data.count < 64 * 1024 {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return nil }
            let (seconds, attoseconds) = remaining.components
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1))
            if ready == 0 { continue }
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return data
    }

    /// The server URL helpers are asked about (`https://index.docker.io/v1/` for Docker Hub).
    static func serverURL(for registry: String) -> String {
        normalizedKeys(for: registry).first ?? registry
    }

    /// The keys an `auths` entry for `registry` may use, normalised; the first is the exact form.
    static func normalizedKeys(for registry: String) -> [String] {
        let lower = registry.lowercased()
        if lower == "docker.io" || lower == "index.docker.io" || lower == "registry-1.docker.io" {
            return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"]
        }
        return [registry, lower]
    }

    /// `https://host:port/v1/` → `host:port` (lower-cased).
    static func normalize(_ key: String) -> String {
        var text = Substring(key.lowercased())
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text = text.dropFirst(scheme.count) }
        if let slash = text.firstIndex(of: "/") { text = text[..<slash] }
        return String(text)
    }
}
