/// A CVSS specification version, ordered by preference (a newer specification is preferred).
public enum CVSSVersion: String, Sendable, Hashable, CaseIterable, Comparable,
    CustomStringConvertible
{
    /// CVSS v2 (vectors carry no prefix: `AV:N/AC:L/Au:N/C:P/I:P/A:P`).
    case v2 = "2.0"
    /// CVSS v3.0 (`CVSS:3.0/…`).
    case v30 = "3.0"
    /// CVSS v3.1 (`CVSS:3.1/…`).
    case v31 = "3.1"
    /// CVSS v4.0 (`CVSS:4.0/…`).
    case v40 = "4.0"

    /// Preference rank: 0 for v2 up to 3 for v4.0.
    public var rank: Int {
        switch self {
        case .v2: 0
        case .v30: 1
        case .v31: 2
        case .v40: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    /// The version number, for example `3.1`.
    public var description: String { rawValue }
}
