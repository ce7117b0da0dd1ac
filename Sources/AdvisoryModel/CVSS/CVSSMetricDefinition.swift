/// One metric a CVSS version defines: its name, allowed values, whether it is mandatory and (v2) its group.
struct CVSSMetricDefinition: Sendable {
    /// Metric groups; v2 requires a temporal or environmental group to be given completely or not at all.
    enum Group: Sendable { case base, temporal, environmental, supplemental }

    let name: String
    let values: [String]
    let group: Group

    var isMandatory: Bool { group == .base }

    init(_ name: String, _ values: [String], _ group: Group) {
        self.name = name
        self.values = values
        self.group = group
    }

    /// The metrics of `version` in the order of the specification's vector-string table.
    static func table(for version: CVSSVersion) -> [CVSSMetricDefinition] {
        switch version {
        case .v2: v2
        case .v30, .v31: v3
        case .v40: v4
        }
    }

    /// Each metric's index in ``table(for:)``.
    static func positions(for version: CVSSVersion) -> [String: Int] {
        switch version {
        case .v2: v2Positions
        case .v30, .v31: v3Positions
        case .v40: v4Positions
        }
    }

    static let v2Positions = indexByName(v2)
    static let v3Positions = indexByName(v3)
    static let v4Positions = indexByName(v4)

    static func indexByName(_ table: [CVSSMetricDefinition]) -> [String: Int] {
        Dictionary(table.enumerated().map { ($0.element.name, $0.offset) }) { first, _ in first }
    }

    static let v2: [CVSSMetricDefinition] = [
        .init("AV", ["L", "A", "N"], .base),
        .init("AC", ["H", "M", "L"], .base),
        .init("Au", ["M", "S", "N"], .base),
        .init("C", ["N", "P", "C"], .base),
        .init("I", ["N", "P", "C"], .base),
        .init("A", ["N", "P", "C"], .base),
        .init("E", ["U", "POC", "F", "H", "ND"], .temporal),
        .init("RL", ["OF", "TF", "W", "U", "ND"], .temporal),
        .init("RC", ["UC", "UR", "C", "ND"], .temporal),
        .init("CDP", ["N", "L", "LM", "MH", "H", "ND"], .environmental),
        .init("TD", ["N", "L", "M", "H", "ND"], .environmental),
        .init("CR", ["L", "M", "H", "ND"], .environmental),
        .init("IR", ["L", "M", "H", "ND"], .environmental),
        .init("AR", ["L", "M", "H", "ND"], .environmental),
    ]

    static let v3: [CVSSMetricDefinition] = [
        .init("AV", ["N", "A", "L", "P"], .base),
        .init("AC", ["L", "H"], .base),
        .init("PR", ["N", "L", "H"], .base),
        .init("UI", ["N", "R"], .base),
        .init("S", ["U", "C"], .base),
        .init("C", ["H", "L", "N"], .base),
        .init("I", ["H", "L", "N"], .base),
        .init("A", ["H", "L", "N"], .base),
        .init("E", ["X", "H", "F", "P", "U"], .temporal),
        .init("RL", ["X", "U", "W", "T", "O"], .temporal),
        .init("RC", ["X", "C", "R", "U"], .temporal),
        .init("CR", ["X", "H", "M", "L"], .environmental),
        .init("IR", ["X", "H", "M", "L"], .environmental),
        .init("AR", ["X", "H", "M", "L"], .environmental),
        .init("MAV", ["X", "N", "A", "L", "P"], .environmental),
        .init("MAC", ["X", "L", "H"], .environmental),
        .init("MPR", ["X", "N", "L", "H"], .environmental),
        .init("MUI", ["X", "N", "R"], .environmental),
        .init("MS", ["X", "U", "C"], .environmental),
        .init("MC", ["X", "H", "L", "N"], .environmental),
        .init("MI", ["X", "H", "L", "N"], .environmental),
        .init("MA", ["X", "H", "L", "N"], .environmental),
    ]

    static let v4: [CVSSMetricDefinition] = [
        .init("AV", ["N", "A", "L", "P"], .base),
        .init("AC", ["L", "H"], .base),
        .init("AT", ["N", "P"], .base),
        .init("PR", ["N", "L", "H"], .base),
        .init("UI", ["N", "P", "A"], .base),
        .init("VC", ["H", "L", "N"], .base),
        .init("VI", ["H", "L", "N"], .base),
        .init("VA", ["H", "L", "N"], .base),
        .init("SC", ["H", "L", "N"], .base),
        .init("SI", ["H", "L", "N"], .base),
        .init("SA", ["H", "L", "N"], .base),
        .init("E", ["X", "A", "P", "U"], .temporal),
        .init("CR", ["X", "H", "M", "L"], .environmental),
        .init("IR", ["X", "H", "M", "L"], .environmental),
        .init("AR", ["X", "H", "M", "L"], .environmental),
        .init("MAV", ["X", "N", "A", "L", "P"], .environmental),
        .init("MAC", ["X", "L", "H"], .environmental),
        .init("MAT", ["X", "N", "P"], .environmental),
        .init("MPR", ["X", "N", "L", "H"], .environmental),
        .init("MUI", ["X", "N", "P", "A"], .environmental),
        .init("MVC", ["X", "H", "L", "N"], .environmental),
        .init("MVI", ["X", "H", "L", "N"], .environmental),
        .init("MVA", ["X", "H", "L", "N"], .environmental),
        .init("MSC", ["X", "H", "L", "N"], .environmental),
        .init("MSI", ["X", "S", "H", "L", "N"], .environmental),
        .init("MSA", ["X", "S", "H", "L", "N"], .environmental),
        .init("S", ["X", "N", "P"], .supplemental),
        .init("AU", ["X", "N", "Y"], .supplemental),
        .init("R", ["X", "A", "U", "I"], .supplemental),
        .init("V", ["X", "D", "C"], .supplemental),
        .init("RE", ["X", "L", "M", "H"], .supplemental),
        .init("U", ["X", "Clear", "Green", "Amber", "Red"], .supplemental),
    ]
}
