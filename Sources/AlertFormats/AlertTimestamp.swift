/// UTC text forms of nanosecond timestamps, computed without Foundation.
public enum AlertTimestamp {
    /// `2026-11-29T07:42:16.123456789Z`.
    public static func rfc3339(_ nanoseconds: UInt64) -> String {
        let seconds = Int64(nanoseconds / 1_000_000_000)
        let (year, month, day) = civilDate(daysSinceEpoch: seconds / 86_400)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + timeOfDay(nanoseconds) + "Z"
    }

    /// `07:42:16.123456789`.
    public static func timeOfDay(_ nanoseconds: UInt64) -> String {
        let fraction = Int64(nanoseconds % 1_000_000_000)
        let secondOfDay = Int64((nanoseconds / 1_000_000_000) % 86_400)
        return pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
            + "." + pad(fraction, 9)
    }

    /// `2026-11-29T07:42:16.123456Z` — microseconds, as RFC 5424 allows at most six fraction digits.
    public static func syslog(_ nanoseconds: UInt64) -> String {
        let text = rfc3339(nanoseconds)
        // Drop the last three fraction digits: "…SS.nnnnnnnnnZ" → "…SS.nnnnnnZ".
        return String(text.dropLast(4)) + "Z"
    }

    /// Year, month, day of a day count since 1970-01-01 (proleptic Gregorian calendar).
    static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
