/// The CVSS v4.0 score, computed the way FIRST's reference calculator (`cvss_score.js`) does: look up the
/// macro-vector's score, then subtract the mean proportional severity distance to the macro-vector's highest
/// severity vectors, and round to one decimal.
enum CVSS4Score {
    /// The effective value of `metric`: defaults for `X` threat/requirement metrics, modified metrics override
    /// base metrics.
    static func effective(_ values: [String: String], _ metric: String) -> String {
        let selected = values[metric] ?? "X"
        if metric == "E" && selected == "X" { return "A" }
        if (metric == "CR" || metric == "IR" || metric == "AR") && selected == "X" { return "H" }
        if let name = modifiedNames[metric], let modified = values[name], modified != "X" { return modified }
        return selected
    }

    /// The environmental metric that overrides each base metric.
    static let modifiedNames: [String: String] = Dictionary(
        uniqueKeysWithValues: ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"].map { ($0, "M" + $0) }
    )

    /// The six EQ digits of the vector.
    static func macroVector(_ m: (String) -> String) -> [Int] {
        let eq1: Int
        if m("AV") == "N" && m("PR") == "N" && m("UI") == "N" {
            eq1 = 0
        } else if (m("AV") == "N" || m("PR") == "N" || m("UI") == "N") && m("AV") != "P" {
            eq1 = 1
        } else {
            eq1 = 2
        }
        let eq2 = m("AC") == "L" && m("AT") == "N" ? 0 : 1
        let eq3: Int
        if m("VC") == "H" && m("VI") == "H" {
            eq3 = 0
        } else if m("VC") == "H" || m("VI") == "H" || m("VA") == "H" {
            eq3 = 1
        } else {
            eq3 = 2
        }
        let eq4: Int
        if m("MSI") == "S" || m("MSA") == "S" {
            eq4 = 0
        } else if m("SC") == "H" || m("SI") == "H" || m("SA") == "H" {
            eq4 = 1
        } else {
            eq4 = 2
        }
        let eq5 = m("E") == "A" ? 0 : (m("E") == "P" ? 1 : 2)
        let eq6 =
            (m("CR") == "H" && m("VC") == "H") || (m("IR") == "H" && m("VI") == "H")
                || (m("AR") == "H" && m("VA") == "H") ? 0 : 1
        return [eq1, eq2, eq3, eq4, eq5, eq6]
    }

    static func lookup(_ digits: [Int]) -> Double? {
        cvss4MacroVectorScores[digits.reduce(0) { $0 * 10 + $1 }]
    }

    /// The severity level of each metric value used by the distance computation.
    static let levels: [String: [String: Double]] = [
        "AV": ["N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3],
        "PR": ["N": 0.0, "L": 0.1, "H": 0.2],
        "UI": ["N": 0.0, "P": 0.1, "A": 0.2],
        "AC": ["L": 0.0, "H": 0.1],
        "AT": ["N": 0.0, "P": 0.1],
        "VC": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VI": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VA": ["H": 0.0, "L": 0.1, "N": 0.2],
        "SC": ["H": 0.1, "L": 0.2, "N": 0.3],
        "SI": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "SA": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "CR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "IR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "AR": ["H": 0.0, "M": 0.1, "L": 0.2],
    ]

    /// The highest-severity vectors of each EQ level (`max_composed.js`); EQ3 is keyed by EQ3 then EQ6.
    static let maxEQ1: [[String]] = [
        ["AV:N/PR:N/UI:N"], ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"],
        ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"],
    ]
    static let maxEQ2: [[String]] = [["AC:L/AT:N"], ["AC:H/AT:N", "AC:L/AT:P"]]
    static let maxEQ3EQ6: [[[String]]] = [
        [
            ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"],
            ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"],
        ],
        [
            ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"],
            [
                "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
                "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
                "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M",
            ],
        ],
        [[], ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"]],
    ]
    static let maxEQ4: [[String]] = [["SC:H/SI:S/SA:S"], ["SC:H/SI:H/SA:H"], ["SC:L/SI:L/SA:L"]]

    /// Maximal severity distances within each EQ level (`max_severity.js`).
    static let maxSeverityEQ1: [Double] = [1, 4, 5]
    static let maxSeverityEQ2: [Double] = [1, 2]
    static let maxSeverityEQ3EQ6: [[Double]] = [[7, 6], [8, 8], [0, 10]]
    static let maxSeverityEQ4: [Double] = [6, 5, 4]

    /// The metrics the severity distance is computed over, in the order of ``distanceLevels``.
    static let distanceNames = [
        "AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR",
    ]

    /// The levels of the metrics a max-vector fragment names, as (position in ``distanceNames``, level).
    static func fragmentLevels(_ text: String) -> [(Int, Double)] {
        var result: [(Int, Double)] = []
        for component in text.split(separator: "/") {
            let pair = component.split(separator: ":").map(String.init)
            guard pair.count == 2, let position = distanceNames.firstIndex(of: pair[0]),
                let level = levels[pair[0]]?[pair[1]]
            else { continue }
            result.append((position, level))
        }
        return result
    }

    static let maxEQ1Levels = maxEQ1.map { $0.map(fragmentLevels) }
    static let maxEQ2Levels = maxEQ2.map { $0.map(fragmentLevels) }
    static let maxEQ3EQ6Levels = maxEQ3EQ6.map { $0.map { $0.map(fragmentLevels) } }
    static let maxEQ4Levels = maxEQ4.map { $0.map(fragmentLevels) }

    /// The score of the given (validated) metric values.
    static func score(_ values: [String: String]) -> Double {
        var effectiveValues: [String: String] = [:]
        for name in distanceNames + ["E", "MSI", "MSA"] {
            effectiveValues[name] = effective(values, name)
        }
        let m: (String) -> String = { effectiveValues[$0] ?? "X" }
        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ m($0) == "N" }) { return 0 }
        let eq = macroVector(m)
        guard let value = lookup(eq) else { return 0 }

        func shifted(_ changes: [Int: Int]) -> Double? {
            var digits = eq
            for (index, delta) in changes { digits[index] += delta }
            return lookup(digits)
        }
        let lowerEQ1 = shifted([0: 1])
        let lowerEQ2 = shifted([1: 1])
        let lowerEQ3EQ6: Double?
        switch (eq[2], eq[5]) {
        case (1, 1), (0, 1): lowerEQ3EQ6 = shifted([2: 1])
        case (1, 0): lowerEQ3EQ6 = shifted([5: 1])
        case (0, 0):
            // The reference calculator takes the left score only when both exist and it is greater.
            let left = shifted([5: 1])
            let right = shifted([2: 1])
            if let left, let right, left > right { lowerEQ3EQ6 = left } else { lowerEQ3EQ6 = right }
        default: lowerEQ3EQ6 = shifted([2: 1, 5: 1])
        }
        let lowerEQ4 = shifted([3: 1])
        let lowerEQ5 = shifted([4: 1])

        let own = distanceNames.map { levels[$0]?[m($0)] ?? 0 }
        var distances = [Double](repeating: 0, count: distanceNames.count)
        search: for a in maxEQ1Levels[eq[0]] {
            for b in maxEQ2Levels[eq[1]] {
                for c in maxEQ3EQ6Levels[eq[2]][eq[5]] {
                    for d in maxEQ4Levels[eq[3]] {
                        var top = [Double](repeating: 0, count: distanceNames.count)
                        for (position, level) in a + b + c + d { top[position] = level }
                        for index in distances.indices { distances[index] = own[index] - top[index] }
                        // The first max vector not exceeded on any metric; failing that, the last one tried.
                        if !distances.contains(where: { $0 < 0 }) { break search }
                    }
                }
            }
        }
        func d(_ name: String) -> Double {
            distanceNames.firstIndex(of: name).map { distances[$0] } ?? 0
        }
        let current1 = d("AV") + d("PR") + d("UI")
        let current2 = d("AC") + d("AT")
        let current3 = d("VC") + d("VI") + d("VA") + d("CR") + d("IR") + d("AR")
        let current4 = d("SC") + d("SI") + d("SA")

        let step = 0.1
        var count = 0
        var total = 0.0
        let parts: [(Double?, Double, Double)] = [
            (lowerEQ1, current1, maxSeverityEQ1[eq[0]] * step),
            (lowerEQ2, current2, maxSeverityEQ2[eq[1]] * step),
            (lowerEQ3EQ6, current3, maxSeverityEQ3EQ6[eq[2]][eq[5]] * step),
            (lowerEQ4, current4, maxSeverityEQ4[eq[3]] * step),
        ]
        var normalized: [Double] = []
        for (lower, current, maxSeverity) in parts {
            guard let lower else {
                normalized.append(0)
                continue
            }
            count += 1
            normalized.append((value - lower) * (current / maxSeverity))
        }
        if lowerEQ5 != nil {
            count += 1
            normalized.append(0)
        } else {
            normalized.append(0)
        }
        total = normalized[0] + normalized[1] + normalized[2] + normalized[3] + normalized[4]
        var result = value - (count == 0 ? 0 : total / Double(count))
        result = min(max(result, 0), 10)
        return (result * 10).rounded(.toNearestOrAwayFromZero) / 10
    }
}
