import AlertChannels
import ArgumentParser
import Foundation
import SecurityModel

/// Turns parsed output specifications into AlertChannels channels: resolves paths against a base
/// directory, reads webhook secrets (from the environment or a file), and maps TLS options.
struct WatchChannelFactory {
    /// One channel ready to run, with the format it wants and the label shown in statistics.
    struct Output {
        var label: String
        var format: WatchOutputSpec.Format
        var channel: any AlertChannel
    }

    let io: CommandIO
    /// The hostname written in syslog headers.
    let hostname: String
    /// Defaults for TLS options an output leaves unset (`--tls-*`).
    let tlsDefaults: WatchTLSOptions
    /// The format of outputs that do not choose one.
    let defaultFormat: WatchOutputSpec.Format

    /// Largest webhook secret file read.
    static let maximumSecretBytes = 4_096

    /// Opens the channel of `spec`; relative paths are resolved against `baseDirectory`.
    func make(_ spec: WatchOutputSpec, baseDirectory: String) throws(ValidationError) -> Output {
        var format = spec.format ?? defaultFormat
        if case .webhook = spec.destination { format = .json }
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
        }
        var secret: String?
        if case .webhook(_, let source?, _, _, _) = spec.destination {
            secret = try readSecret(source, absolute: absolute, output: spec.label)
        }
        if let tls = spec.tls, !tls.filled(from: tlsDefaults).verifyPeer {
            io.writeErr(
                "bulkhead watch: warning: output '\(spec.label)': TLS certificate verification is off (insecure)\n"
            )
        }
        let channel: any AlertChannel
        do throws(AlertChannelError) {
            switch spec.destination {
            case .standardOutput:
                channel = CommandIOChannel(io: io)
            case .file(let path, let maximumBytes, let keep):
                channel = try RotatingFileChannel(path: absolute(path), maximumBytes: maximumBytes, keep: keep)
            case .program(let command):
                channel = try ProgramChannel(command: command)
            case .syslog(let transport, let host, let port, let facility, let appName):
                let facility = SyslogFacility(code: facility) ?? .user
                switch transport {
                case .udp, .tcp:
                    channel = SyslogChannel(
                        host: host,
                        port: port,
                        transport: transport == .udp ? .udp : .tcp,
                        facility: facility,
                        hostname: hostname,
                        appName: appName
                    )
                case .tls:
                    channel = try Self.syslogTLSChannel(
                        host: host,
                        port: port,
                        facility: facility,
                        hostname: hostname,
                        appName: appName,
                        tls: resolved(spec.tls, absolute: absolute)
                    )
                }
            case .webhook(let url, _, let retries, let backoff, let timeout):
                guard let parsed = URL(string: url) else {
                    throw AlertChannelError(code: .setup, message: "'\(url)' is not a URL")
                }
                channel = try Self.webhookChannel(
                    url: parsed,
                    secret: secret,
                    attempts: retries + 1,
                    backoff: backoff,
                    timeout: timeout,
                    tls: parsed.scheme?.lowercased() == "https" ? resolved(spec.tls, absolute: absolute) : nil
                )
            }
        } catch {
            throw ValidationError("output '\(spec.label)': \(error.message)")
        }
        return Output(label: spec.label, format: format, channel: channel)
    }

    private func resolved(_ tls: WatchTLSOptions?, absolute: (String) -> String) -> WatchTLSOptions {
        var options = (tls ?? WatchTLSOptions()).filled(from: tlsDefaults)
        options.caFile = options.caFile.map(absolute)
        options.certificateFile = options.certificateFile.map(absolute)
        options.privateKeyFile = options.privateKeyFile.map(absolute)
        return options
    }

    // MARK: TLS — the one place that maps `WatchTLSOptions` to AlertChannels' TLS support.

    /// AlertChannels' TLS configuration for `options`.
    static func channelTLS(_ options: WatchTLSOptions) -> TLSClientConfiguration {
        TLSClientConfiguration(
            caFile: options.caFile,
            certificateFile: options.certificateFile,
            privateKeyFile: options.privateKeyFile,
            serverName: options.serverName,
            verifyPeer: options.verifyPeer
        )
    }

    /// A syslog channel over TLS; the CA, certificate and key are loaded now, so a bad file is an error
    /// at start-up rather than at the first alert.
    static func syslogTLSChannel(
        host: String,
        port: UInt16,
        facility: SyslogFacility,
        hostname: String,
        appName: String,
        tls: WatchTLSOptions
    ) throws(AlertChannelError) -> any AlertChannel {
        let configuration = channelTLS(tls)
        try configuration.validate()
        return SyslogChannel(
            host: host,
            port: port,
            transport: .tls(configuration),
            facility: facility,
            hostname: hostname,
            appName: appName
        )
    }

    /// A webhook channel; `tls` is set for https URLs.
    static func webhookChannel(
        url: URL,
        secret: String?,
        attempts: Int,
        backoff: Double,
        timeout: Double,
        tls: WatchTLSOptions?
    ) throws(AlertChannelError) -> any AlertChannel {
        try WebhookChannel(
            url: url,
            secret: secret,
            tls: tls.map(channelTLS) ?? TLSClientConfiguration(),
            attempts: attempts,
            backoff: backoff,
            timeout: timeout
        )
    }

    private func readSecret(
        _ source: WatchOutputSpec.SecretSource,
        absolute: (String) -> String,
        output: String
    ) throws(ValidationError) -> String {
        switch source {
        case .environment(let variable):
            guard let value = io.environment[variable], !value.isEmpty else {
                throw ValidationError("output '\(output)': the environment variable \(variable) is not set or empty")
            }
            return value
        case .file(let path):
            let full = absolute(path)
            let reader = SourceFileReader(maximumSize: Self.maximumSecretBytes)
            switch reader.read(path: full, display: path, io: io) {
            case .failure(let error): throw ValidationError("output '\(output)': secret-file: \(error.message)")
            case .text(let text):
                let secret = text.trimmingCharacters(in: .newlines)
                guard !secret.isEmpty else {
                    throw ValidationError("output '\(output)': secret-file \(path) is empty")
                }
                return secret
            }
        }
    }
}
