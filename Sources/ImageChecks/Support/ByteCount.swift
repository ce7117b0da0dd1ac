/// Formats byte counts the way `dive` and `docker images` do: decimal units, one decimal place.
public enum ByteCount {
    /// `0 B`, `999 B`, `1.5 kB`, `12.3 MB`, `1.2 GB`.
    public static func format(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        guard bytes >= 1000 else { return "\(max(bytes, 0)) B" }
        var unit = 0
        var scaled = bytes
        // Find the unit so that the integer part stays below 1000.
        var divisor = 1
        while unit + 1 < units.count, scaled >= 1000 {
            scaled /= 1000
            divisor *= 1000
            unit += 1
        }
        // One decimal, rounded half up, without overflowing near Int.max.
        let tenth = divisor / 10
        let tenths = bytes / tenth + (bytes % tenth >= tenth - bytes % tenth ? 1 : 0)
        if tenths >= 10_000, unit + 1 < units.count {
            return "1.0 \(units[unit + 1])"
        }
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// `0.853` → `85.3%`.
    public static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))%"
    }
}
