import AlertChannels
import AlertFormats
import ArgumentParser
import Foundation

/// One `--output` (or `watch.outputs` entry), parsed. Syntax (docs/watch.md):
///
/// ```
/// stdout[;format=text|json]
/// file=PATH[;max-size=SIZE][;keep=N][;format=text|json]
/// syslog[+udp|+tcp|+tls]://HOST[:PORT][;facility=F][;app-name=NAME][;format=text|json][;TLS]
/// webhook=http[s]://HOST[:PORT][/PATH][;secret-env=VAR|;secret-file=PATH][;retries=N][;backoff=D][;timeout=D][;TLS]
/// program=COMMAND              (the rest of the value is the command, verbatim)
/// TLS: ca=FILE;cert=FILE;key=FILE;server-name=NAME;insecure
/// ```
struct WatchOutputSpec: Sendable, Hashable {
    /// Text lines or JSON alerts.
    enum Format: String, Sendable, Hashable { case text, json }

    /// Syslog transports.
    enum SyslogTransport: String, Sendable, Hashable { case udp, tcp, tls }

    /// Where alerts go.
    enum Destination: Sendable, Hashable {
        case standardOutput
        case file(path: String, maximumBytes: Int, keep: Int)
        case syslog(transport: SyslogTransport, host: String, port: UInt16, facility: Int, appName: String)
        case webhook(url: String, secret: SecretSource?, retries: Int, backoffSeconds: Double, timeoutSeconds: Double)
        case program(command: String)
    }

    /// Where a webhook's HMAC secret is read from (never the command line).
    enum SecretSource: Sendable, Hashable {
        case environment(String)
        case file(String)
    }

    var destination: Destination
    /// nil: the run's default (`--json-output`); webhooks are always JSON.
    var format: Format?
    /// For `syslog+tls` and `https` webhooks.
    var tls: WatchTLSOptions?
    /// The specification as written, with a webhook's query string left out (it may hold a token).
    var label: String

    static let defaultFileBytes = 100 * 1_048_576
    static let defaultFileKeep = 5
    static let defaultRetries = 2

    static let syntax =
        "stdout, file=PATH, syslog+udp://HOST:PORT, syslog+tcp://HOST:PORT, syslog+tls://HOST:PORT, "
        + "webhook=http(s)://HOST/PATH or program=COMMAND"

    /// Parses `text`; errors name the output and the option.
    init(parsing text: String) throws(ValidationError) {
        let trimmed = String(text.trimmingCharacters(in: .whitespaces))
        if trimmed.hasPrefix("program=") {
            let command = String(trimmed.dropFirst("program=".count))
            guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("output '\(text)': program= needs a command")
            }
            self.init(destination: .program(command: command), format: nil, tls: nil, label: "program")
            return
        }
        let parts = trimmed.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let target = parts.first ?? ""
        var options = try Self.options(parts.dropFirst(), output: text)
        let format = try options.take("format", output: text).map { value throws(ValidationError) -> Format in
            guard let format = Format(rawValue: value.lowercased()) else {
                throw ValidationError("output '\(text)': format must be text or json, not '\(value)'")
            }
            return format
        }
        let destination: Destination
        var tls: WatchTLSOptions?
        var label = target
        if target == "stdout" || target == "-" {
            destination = .standardOutput
            label = "stdout"
        } else if target.hasPrefix("file=") {
            let path = String(target.dropFirst("file=".count))
            guard !path.isEmpty else { throw ValidationError("output '\(text)': file= needs a path") }
            let size = try options.take("max-size", output: text).map { value throws(ValidationError) -> Int in
                guard let bytes = WatchValueParser.byteCount(value), bytes >= 1024 else {
                    throw ValidationError(
                        "output '\(text)': max-size '\(value)' is not a size of at least 1KiB (e.g. 100MiB)"
                    )
                }
                return bytes
            }
            let keep = try options.int("keep", output: text, range: 0...1_000)
            destination = .file(
                path: path,
                maximumBytes: size ?? Self.defaultFileBytes,
                keep: keep ?? Self.defaultFileKeep
            )
        } else if target.hasPrefix("syslog") {
            (destination, tls) = try Self.syslog(target, options: &options, output: text)
        } else if target.hasPrefix("webhook=") {
            (destination, tls, label) = try Self.webhook(
                String(target.dropFirst("webhook=".count)),
                options: &options,
                output: text
            )
        } else {
            throw ValidationError("unknown output '\(text)'; use \(Self.syntax)")
        }
        if case .webhook = destination, format == .text {
            throw ValidationError("output '\(text)': a webhook always sends JSON alerts; remove format=text")
        }
        if let unknown = options.keys.sorted().first {
            throw ValidationError("output '\(text)': unknown option '\(unknown)'")
        }
        self.init(destination: destination, format: format, tls: tls, label: label)
    }

    private init(destination: Destination, format: Format?, tls: WatchTLSOptions?, label: String) {
        self.destination = destination
        self.format = format
        self.tls = tls
        self.label = label
    }

    private static func options(
        _ items: ArraySlice<String>,
        output: String
    ) throws(ValidationError) -> [String: String] {
        var options: [String: String] = [:]
        for item in items where !item.isEmpty {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty else { throw ValidationError("output '\(output)': an option has no name") }
            if key == "secret" {
                throw ValidationError(
                    "output '\(output)': a webhook secret is never taken from the command line or a "
                        + "configuration file; use secret-env=VARIABLE or secret-file=PATH"
                )
            }
            guard options[key] == nil else { throw ValidationError("output '\(output)': '\(key)' given twice") }
            options[key] = pair.count == 2 ? pair[1] : ""
        }
        return options
    }

    private static func syslog(
        _ target: String,
        options: inout [String: String],
        output: String
    ) throws(ValidationError) -> (Destination, WatchTLSOptions?) {
        let transport: SyslogTransport
        let rest: Substring
        if let range = target.range(of: "://") {
            switch target[..<range.lowerBound] {
            case "syslog", "syslog+udp": transport = .udp
            case "syslog+tcp": transport = .tcp
            case "syslog+tls": transport = .tls
            default: throw ValidationError("unknown output '\(output)'; use \(syntax)")
            }
            rest = target[range.upperBound...]
        } else {
            throw ValidationError("output '\(output)': use syslog+udp://HOST:PORT, syslog+tcp://… or syslog+tls://…")
        }
        let (host, port) = try hostAndPort(rest, defaultPort: transport == .tls ? 6514 : 514, output: output)
        let facility = try options.take("facility", output: output).map { name throws(ValidationError) in
            guard let code = WatchValueParser.syslogFacility(name) else {
                throw ValidationError(
                    "output '\(output)': unknown facility '\(name)'; use kern, user, daemon, auth, authpriv, "
                        + "syslog, local0 … local7 or a number 0…23"
                )
            }
            return code
        }
        let appName = try options.take("app-name", output: output) ?? "bulkhead"
        guard !appName.isEmpty, appName.utf8.count <= 48, appName.allSatisfy({ $0.isASCII && $0 > " " }) else {
            throw ValidationError("output '\(output)': app-name must be 1…48 printable ASCII characters")
        }
        let tls = transport == .tls ? try tlsOptions(&options, output: output) : nil
        return (
            .syslog(
                transport: transport,
                host: host,
                port: port,
                facility: facility ?? SyslogFacility.user.code,
                appName: appName
            ),
            tls
        )
    }

    private static func webhook(
        _ url: String,
        options: inout [String: String],
        output: String
    ) throws(ValidationError) -> (Destination, WatchTLSOptions?, String) {
        let lower = url.lowercased()
        let secure = lower.hasPrefix("https://")
        guard secure || lower.hasPrefix("http://") else {
            throw ValidationError("output '\(output)': webhook= needs an http:// or https:// URL")
        }
        let afterScheme = url.dropFirst(secure ? 8 : 7)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        _ = try hostAndPort(authority, defaultPort: secure ? 443 : 80, output: output)
        var secret: SecretSource?
        if let variable = try options.take("secret-env", output: output) {
            guard !variable.isEmpty else { throw ValidationError("output '\(output)': secret-env= needs a name") }
            secret = .environment(variable)
        }
        if let path = try options.take("secret-file", output: output) {
            guard secret == nil else {
                throw ValidationError("output '\(output)': give secret-env or secret-file, not both")
            }
            guard !path.isEmpty else { throw ValidationError("output '\(output)': secret-file= needs a path") }
            secret = .file(path)
        }
        let retries = try options.int("retries", output: output, range: 0...20) ?? defaultRetries
        let backoff = try options.duration("backoff", output: output) ?? 0.2
        let timeout = try options.duration("timeout", output: output) ?? 5
        guard timeout > 0 else { throw ValidationError("output '\(output)': timeout must be more than 0") }
        let tls = secure ? try tlsOptions(&options, output: output) : nil
        let label = "webhook=" + String(url.prefix { $0 != "?" && $0 != "#" })
        return (
            .webhook(url: url, secret: secret, retries: retries, backoffSeconds: backoff, timeoutSeconds: timeout),
            tls,
            label
        )
    }

    private static func tlsOptions(
        _ options: inout [String: String],
        output: String
    ) throws(ValidationError) -> WatchTLSOptions {
        var tls = WatchTLSOptions()
        tls.caFile = try options.take("ca", output: output)
        tls.certificateFile = try options.take("cert", output: output)
        tls.privateKeyFile = try options.take("key", output: output)
        tls.serverName = try options.take("server-name", output: output)
        if let insecure = options.removeValue(forKey: "insecure") {
            guard ["", "true", "1", "yes"].contains(insecure.lowercased()) else {
                throw ValidationError("output '\(output)': insecure takes no value (or true)")
            }
            tls.verifyPeer = false
        }
        for (name, value) in [("ca", tls.caFile), ("cert", tls.certificateFile), ("key", tls.privateKeyFile)]
        where value?.isEmpty == true {
            throw ValidationError("output '\(output)': \(name)= needs a file")
        }
        if (tls.certificateFile == nil) != (tls.privateKeyFile == nil) {
            throw ValidationError("output '\(output)': cert= and key= go together")
        }
        return tls
    }

    /// `HOST[:PORT]`, `[IPv6][:PORT]`.
    static func hostAndPort(
        _ text: Substring,
        defaultPort: UInt16,
        output: String
    ) throws(ValidationError) -> (String, UInt16) {
        var host = text
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                throw ValidationError("output '\(output)': '[' without ']' in the address")
            }
            let after = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw ValidationError("output '\(output)': unexpected '\(after)' after the address")
            }
        } else if let colon = host.lastIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._:".contains($0)) })
        else {
            throw ValidationError("output '\(output)': '\(text)' has no valid host name")
        }
        var port = defaultPort
        if let portText {
            guard let value = UInt16(portText), value > 0 else {
                throw ValidationError("output '\(output)': port '\(portText)' is not a number 1…65535")
            }
            port = value
        }
        return (String(host), port)
    }
}

extension [String: String] {
    fileprivate mutating func take(_ key: String, output: String) throws(ValidationError) -> String? {
        removeValue(forKey: key)
    }

    fileprivate mutating func int(
        _ key: String,
        output: String,
        range: ClosedRange<Int>
    ) throws(ValidationError) -> Int? {
        guard let text = removeValue(forKey: key) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError(
                "output '\(output)': \(key) must be a number \(range.lowerBound)…\(range.upperBound), not '\(text)'"
            )
        }
        return value
    }

    fileprivate mutating func duration(_ key: String, output: String) throws(ValidationError) -> Double? {
        guard let text = removeValue(forKey: key) else { return nil }
        guard let nanoseconds = AlertDuration.nanoseconds(parsing: text), nanoseconds <= 3_600_000_000_000 else {
            throw ValidationError("output '\(output)': \(key) '\(text)' is not a duration up to 1h (e.g. 500ms, 5s)")
        }
        return Double(nanoseconds) / 1e9
    }
}
