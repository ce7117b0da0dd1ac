/// A syslog facility (RFC 5424 section 6.2.1); Falco logs as `user`.
public struct SyslogFacility: Sendable, Hashable {
    /// The numeric code, 0…23.
    public let code: Int

    /// A facility by code; nil outside 0…23.
    public init?(code: Int) {
        guard (0...23).contains(code) else { return nil }
        self.code = code
    }

    private init(known code: Int) { self.code = code }

    /// `kern` (0).
    public static let kernel = SyslogFacility(known: 0)
    /// `user` (1), Falco's default.
    public static let user = SyslogFacility(known: 1)
    /// `daemon` (3).
    public static let daemon = SyslogFacility(known: 3)
    /// `auth` (4).
    public static let auth = SyslogFacility(known: 4)
    /// `authpriv` (10).
    public static let authpriv = SyslogFacility(known: 10)
    /// `local0` … `local7` (16…23).
    public static func local(_ n: Int) -> SyslogFacility? {
        SyslogFacility(code: 16 + n).flatMap { n < 8 && n >= 0 ? $0 : nil }
    }
}
