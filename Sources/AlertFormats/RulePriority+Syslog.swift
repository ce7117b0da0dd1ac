public import FalcoRules

extension RulePriority {
    /// The syslog severity (RFC 5424 section 6.2.1) an alert of this priority is sent with: 0 emergency …
    /// 7 debug.
    public var syslogSeverity: Int { rawValue }
}
