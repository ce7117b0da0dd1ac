/// Parsers for the small values `watch` options take: sizes and syslog facilities.
enum WatchValueParser {
    /// `1048576`, `512KiB`, `100MiB`, `1GiB`, `10MB` (powers of 1000), `64k`/`64K` (KiB); nil when not a
    /// size or above 1 TiB.
    static func byteCount(_ text: String) -> Int? {
        let trimmed = text.filter { $0 != " " && $0 != "_" }
        let units: [(String, Int)] = [
            ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("tib", 1 << 40),
            ("kb", 1_000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("tb", 1_000_000_000_000),
            ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30), ("t", 1 << 40), ("b", 1),
        ]
        let lower = trimmed.lowercased()
        var digits = Substring(lower)
        var scale = 1
        for (suffix, size) in units where lower.hasSuffix(suffix) {
            digits = lower.dropLast(suffix.count)
            scale = size
            break
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 13,
            let value = Int(digits)
        else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow, bytes <= 1 << 40 else { return nil }
        return bytes
    }

    /// A syslog facility by name (`user`, `local3`, …) or number (0…23).
    static func syslogFacility(_ text: String) -> Int? {
        let names = [
            "kern": 0, "kernel": 0, "user": 1, "mail": 2, "daemon": 3, "auth": 4, "syslog": 5, "lpr": 6,
            "news": 7, "uucp": 8, "cron": 9, "authpriv": 10, "ftp": 11, "ntp": 12, "security": 13,
            "console": 14, "solaris-cron": 15,
        ]
        let lower = text.lowercased()
        if let code = names[lower] { return code }
        if lower.hasPrefix("local"), let n = Int(lower.dropFirst(5)), (0...7).contains(n), lower.count == 6 {
            return 16 + n
        }
        if lower.allSatisfy({ $0.isASCII && $0.isNumber }), lower.count <= 2, let n = Int(lower), (0...23).contains(n) {
            return n
        }
        return nil
    }
}
