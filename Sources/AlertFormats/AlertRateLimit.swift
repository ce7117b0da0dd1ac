/// A per-rule token-bucket setting: a sustained rate and a burst, as written in options and configuration.
///
/// Syntax: `RATE[/UNIT][:BURST]` — `20/s:200` (20 alerts a second on average, 200 at once), `5` (5 a
/// second, burst 5), `60/m`, `100/h:10`; `off`, `none` and `0` disable limiting. UNIT is `s`, `m` or `h`.
/// Without BURST the burst is the rate per second rounded up (at least 1).
public struct AlertRateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Alerts per second on average.
    public var perSecond: Double
    /// Alerts that may be sent at once.
    public var burst: Int

    /// The default per rule: 100 alerts a second, bursts of 1 000.
    public static let `default` = AlertRateLimit(perSecond: 100, burst: 1_000)

    /// Creates a setting; `burst` is at least 1.
    public init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond
        self.burst = max(1, burst)
    }

    /// Parses `text`. Returns `.some(nil)` for `off`/`none`/`0`, nil when the text is not a rate limit.
    public static func parse(_ text: String) -> AlertRateLimit?? {
        let trimmed = String(text.trimmingASCIIWhitespace.lowercased())
        if ["off", "none", "0", "unlimited"].contains(trimmed) { return .some(nil) }
        let halves = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        guard halves.count <= 2, let rateText = halves.first else { return nil }
        let rateParts = rateText.split(separator: "/", omittingEmptySubsequences: false)
        guard rateParts.count <= 2, let amountText = rateParts.first, Self.isDecimal(amountText),
            let amount = Double(amountText), amount.isFinite, amount > 0, amount <= 1_000_000_000
        else { return nil }
        var perSecond = amount
        if rateParts.count == 2 {
            switch rateParts[1] {
            case "s", "sec", "second": break
            case "m", "min", "minute": perSecond = amount / 60
            case "h", "hour": perSecond = amount / 3_600
            default: return nil
            }
        }
        var burst = max(1, Int(perSecond.rounded(.up)))
        if halves.count == 2 {
            guard let value = Int(halves[1]), value >= 1, value <= 1_000_000_000 else { return nil }
            burst = value
        }
        return .some(AlertRateLimit(perSecond: perSecond, burst: burst))
    }

    /// `RATE/s:BURST`, parsed back to the same setting.
    public var description: String {
        let rate =
            perSecond == perSecond.rounded() && perSecond < 1e15 ? String(Int64(perSecond)) : String(perSecond)
        return "\(rate)/s:\(burst)"
    }

    private static func isDecimal(_ text: Substring) -> Bool {
        !text.isEmpty && text != "." && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && text.filter { $0 == "." }.count <= 1
    }
}
