/// TLS settings of one `watch` output (`syslog+tls://…`, `webhook=https://…`), as parsed from the
/// output's options (`ca=`, `cert=`, `key=`, `server-name=`, `insecure`) and the `--tls-*` defaults.
/// Paths are absolute once resolved. ``WatchChannelFactory`` maps it to AlertChannels' TLS type.
struct WatchTLSOptions: Sendable, Hashable {
    /// PEM file of the certificate authorities to trust (nil: the system's).
    var caFile: String?
    /// PEM client certificate, for mutual TLS.
    var certificateFile: String?
    /// PEM private key of the client certificate.
    var privateKeyFile: String?
    /// The name checked in the server certificate (default: the host).
    var serverName: String?
    /// Check the server's certificate (false only with `insecure`).
    var verifyPeer = true

    /// These options with the unset ones taken from `defaults`.
    func filled(from defaults: WatchTLSOptions) -> WatchTLSOptions {
        WatchTLSOptions(
            caFile: caFile ?? defaults.caFile,
            certificateFile: certificateFile ?? defaults.certificateFile,
            privateKeyFile: privateKeyFile ?? defaults.privateKeyFile,
            serverName: serverName ?? defaults.serverName,
            verifyPeer: verifyPeer && defaults.verifyPeer
        )
    }
}
