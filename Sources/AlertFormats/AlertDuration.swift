/// Durations as written in options and configuration: a number and a unit.
///
/// `10s`, `1.5s`, `500ms`, `2m`, `1h`, `250us`, `100ns`; a bare number is seconds; `0`, `off` and
/// `none` are zero (feature off). Whitespace around the text is ignored.
public enum AlertDuration {
    /// The largest accepted duration: one week.
    public static let maximumNanoseconds: UInt64 = 7 * 86_400 * 1_000_000_000

    /// Nanoseconds, or nil when `text` is not a duration (negative, unknown unit, over a week, not a number).
    public static func nanoseconds(parsing text: String) -> UInt64? {
        let trimmed = text.trimmingASCIIWhitespace.lowercased()
        if trimmed == "off" || trimmed == "none" { return 0 }
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
            ("m", 60_000_000_000), ("h", 3_600_000_000_000),
        ]
        var number = Substring(trimmed)
        var scale = 1_000_000_000.0
        // Longest suffixes first, so `ms` is not read as `m` + `s`.
        for unit in units.sorted(by: { $0.suffix.count > $1.suffix.count }) where number.hasSuffix(unit.suffix) {
            number = number.dropLast(unit.suffix.count)
            scale = unit.nanoseconds
            break
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            number.filter({ $0 == "." }).count <= 1, number != ".", let value = Double(number)
        else { return nil }
        let nanoseconds = value * scale
        guard nanoseconds.isFinite, nanoseconds >= 0, nanoseconds <= Double(maximumNanoseconds) else { return nil }
        return UInt64(nanoseconds.rounded())
    }

    /// A short text for `nanoseconds`: `10s`, `1.5s`, `500ms`, `2m`, `0` — parsed back to the same value
    /// when it is a whole number of the unit chosen.
    public static func text(_ nanoseconds: UInt64) -> String {
        if nanoseconds == 0 { return "0" }
        let units: [(String, UInt64)] = [
            ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
            ("us", 1_000), ("ns", 1),
        ]
        for (suffix, size) in units where nanoseconds % size == 0 { return "\(nanoseconds / size)\(suffix)" }
        return "\(nanoseconds)ns"
    }
}
