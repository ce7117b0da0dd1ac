/// RFC 3339 timestamps for SBOM documents, computed without reading a clock.
///
/// The caller chooses the instant (the current time, or `SOURCE_DATE_EPOCH` for reproducible
/// documents) and passes it in; the encoders never read a clock themselves.
public enum SBOMTimestamp {
    /// `YYYY-MM-DDTHH:MM:SSZ` (UTC) for a count of seconds since 1970-01-01T00:00:00Z.
    ///
    /// Years outside 0…9999 are clamped so the result always has the RFC 3339 shape.
    public static func rfc3339(secondsSinceEpoch: Int64) -> String {
        let minimum: Int64 = -62_167_219_200  // 0000-01-01T00:00:00Z
        let maximum: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z
        let seconds = min(max(secondsSinceEpoch, minimum), maximum)
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    /// True when `text` has the `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` shape of RFC 3339 `date-time`.
    public static func isRFC3339(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= b.count && b[range].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        guard b.count >= 20, digits(0..<4), b[4] == UInt8(ascii: "-"), digits(5..<7), b[7] == UInt8(ascii: "-"),
            digits(8..<10), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"), digits(11..<13),
            b[13] == UInt8(ascii: ":"), digits(14..<16), b[16] == UInt8(ascii: ":"), digits(17..<19)
        else { return false }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            if i == start { return false }
        }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.count, digits(i + 1..<i + 3),
            b[i + 3] == UInt8(ascii: ":"), digits(i + 4..<i + 6)
        else { return false }
        return true
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
