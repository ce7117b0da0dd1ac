/// CVSS v3.0 and v3.1 equations (FIRST CVSS v3.x specification, §7 and Appendix A for v3.1's `Roundup`).
enum CVSS3Score {
    static let modifiedNames: [String: String] = [
        "AV": "MAV", "AC": "MAC", "PR": "MPR", "UI": "MUI", "S": "MS", "C": "MC", "I": "MI", "A": "MA",
    ]
    static let exploitWeights: [String: Double] = [
        "X": 1.0, "H": 1.0, "F": 0.97, "P": 0.94, "U": 0.91,
    ]
    static let remediationWeights: [String: Double] = [
        "X": 1.0, "U": 1.0, "W": 0.97, "T": 0.96, "O": 0.95,
    ]
    static let confidenceWeights: [String: Double] = ["X": 1.0, "C": 1.0, "R": 0.96, "U": 0.92]
    static let attackVectorTable: [String: Double] = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2]
    static let complexityTable: [String: Double] = ["L": 0.77, "H": 0.44]
    static let interactionTable: [String: Double] = ["N": 0.85, "R": 0.62]
    static let impactWeightTable: [String: Double] = ["H": 0.56, "L": 0.22, "N": 0.0]
    static let requirementTable: [String: Double] = ["X": 1.0, "H": 1.5, "M": 1.0, "L": 0.5]

    /// Base score and the most specific score (environmental, else temporal, else base).
    static func scores(_ values: [String: String], isV31: Bool) -> (base: Double, overall: Double) {
        func v(_ name: String) -> String { values[name] ?? "X" }
        /// The modified metric when defined, else the base metric.
        func modified(_ name: String) -> String {
            let value = v(modifiedNames[name] ?? "")
            return value == "X" ? v(name) : value
        }
        func roundUp(_ value: Double) -> Double {
            guard isV31 else { return (value * 10).rounded(.up) / 10 }
            let integer = Int((value * 100_000).rounded(.toNearestOrAwayFromZero))
            if integer % 10_000 == 0 { return Double(integer) / 100_000 }
            return Double(integer / 10_000 + 1) / 10
        }
        let attackVector = Self.attackVectorTable
        let complexity = Self.complexityTable
        let interaction = Self.interactionTable
        let impactWeight = Self.impactWeightTable
        func privileges(_ value: String, changed: Bool) -> Double {
            switch value {
            case "N": 0.85
            case "L": changed ? 0.68 : 0.62
            default: changed ? 0.5 : 0.27
            }
        }
        let exploit: Double = Self.exploitWeights[v("E")] ?? 1
        let remediation: Double = Self.remediationWeights[v("RL")] ?? 1
        let confidence: Double = Self.confidenceWeights[v("RC")] ?? 1

        let changed = v("S") == "C"
        let iss =
            1 - (1 - (impactWeight[v("C")] ?? 0)) * (1 - (impactWeight[v("I")] ?? 0))
            * (1 - (impactWeight[v("A")] ?? 0))
        let impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability =
            8.22 * (attackVector[v("AV")] ?? 0) * (complexity[v("AC")] ?? 0)
            * privileges(v("PR"), changed: changed) * (interaction[v("UI")] ?? 0)
        let base: Double
        if impact <= 0 {
            base = 0
        } else if changed {
            base = roundUp(min(1.08 * (impact + exploitability), 10))
        } else {
            base = roundUp(min(impact + exploitability, 10))
        }
        let temporal = roundUp(base * exploit * remediation * confidence)

        let environmentalNames = ["CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"]
        guard environmentalNames.contains(where: { v($0) != "X" }) else {
            let temporalGiven = ["E", "RL", "RC"].contains { v($0) != "X" }
            return (base, temporalGiven ? temporal : base)
        }
        let requirement = Self.requirementTable
        let modifiedChanged = modified("S") == "C"
        let miss = min(
            1 - (1 - (requirement[v("CR")] ?? 1) * (impactWeight[modified("C")] ?? 0))
                * (1 - (requirement[v("IR")] ?? 1) * (impactWeight[modified("I")] ?? 0))
                * (1 - (requirement[v("AR")] ?? 1) * (impactWeight[modified("A")] ?? 0)),
            0.915
        )
        let modifiedImpact: Double
        if !modifiedChanged {
            modifiedImpact = 6.42 * miss
        } else if isV31 {
            modifiedImpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss * 0.9731 - 0.02, 13)
        } else {
            modifiedImpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss - 0.02, 15)
        }
        let modifiedExploitability =
            8.22 * (attackVector[modified("AV")] ?? 0) * (complexity[modified("AC")] ?? 0)
            * privileges(modified("PR"), changed: modifiedChanged) * (interaction[modified("UI")] ?? 0)
        let environmental: Double
        if modifiedImpact <= 0 {
            environmental = 0
        } else if modifiedChanged {
            environmental = roundUp(
                roundUp(min(1.08 * (modifiedImpact + modifiedExploitability), 10)) * exploit * remediation
                    * confidence
            )
        } else {
            environmental = roundUp(
                roundUp(min(modifiedImpact + modifiedExploitability, 10)) * exploit * remediation
                    * confidence
            )
        }
        return (base, environmental)
    }

    /// `base` raised to a small positive integer power (no Foundation in pure targets).
    static func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
