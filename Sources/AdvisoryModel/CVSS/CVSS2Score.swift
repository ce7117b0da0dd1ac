/// CVSS v2 equations (FIRST CVSS v2 Complete Documentation, §3.2).
enum CVSS2Score {
    static let accessVectorWeights: [String: Double] = ["L": 0.395, "A": 0.646, "N": 1.0]
    static let complexityWeights: [String: Double] = ["H": 0.35, "M": 0.61, "L": 0.71]
    static let authenticationWeights: [String: Double] = ["M": 0.45, "S": 0.56, "N": 0.704]
    static let exploitWeights: [String: Double] = ["U": 0.85, "POC": 0.9, "F": 0.95, "H": 1.0]
    static let remediationWeights: [String: Double] = ["OF": 0.87, "TF": 0.90, "W": 0.95, "U": 1.0]
    static let confidenceWeights: [String: Double] = ["UC": 0.90, "UR": 0.95, "C": 1.0]
    static let damageWeights: [String: Double] = ["N": 0.0, "L": 0.1, "LM": 0.3, "MH": 0.4, "H": 0.5]
    static let distributionWeights: [String: Double] = ["N": 0.0, "L": 0.25, "M": 0.75, "H": 1.0]
    static let impactWeightsTable: [String: Double] = ["N": 0.0, "P": 0.275, "C": 0.660]
    static let requirementTable: [String: Double] = ["L": 0.5, "M": 1.0, "H": 1.51]

    /// Base score and the most specific score (environmental, else temporal, else base).
    static func scores(_ values: [String: String]) -> (base: Double, overall: Double) {
        func v(_ name: String) -> String { values[name] ?? "ND" }
        let accessVector: Double = Self.accessVectorWeights[v("AV")] ?? 1.0
        let complexity: Double = Self.complexityWeights[v("AC")] ?? 0.71
        let authentication: Double = Self.authenticationWeights[v("Au")] ?? 0.704
        let impactWeights = Self.impactWeightsTable
        let confidentiality: Double = impactWeights[v("C")] ?? 0
        let integrity: Double = impactWeights[v("I")] ?? 0
        let availability: Double = impactWeights[v("A")] ?? 0
        let exploitability = 20 * accessVector * complexity * authentication

        func base(impact: Double) -> Double {
            let factor = impact == 0 ? 0 : 1.176
            // Very low adjusted impacts make the equation negative; scores are clamped at 0 like NVD's calculator.
            return max(0, round1(((0.6 * impact) + (0.4 * exploitability) - 1.5) * factor))
        }
        let impact = 10.41 * (1 - (1 - confidentiality) * (1 - integrity) * (1 - availability))
        let baseScore = base(impact: impact)

        let exploit: Double = Self.exploitWeights[v("E")] ?? 1.0
        let remediation: Double = Self.remediationWeights[v("RL")] ?? 1.0
        let confidence: Double = Self.confidenceWeights[v("RC")] ?? 1.0
        func temporal(_ base: Double) -> Double { round1(base * exploit * remediation * confidence) }

        guard values["CDP"] != nil else {
            return (baseScore, values["E"] != nil ? temporal(baseScore) : baseScore)
        }
        let requirement = Self.requirementTable
        let confReq: Double = requirement[v("CR")] ?? 1.0
        let integReq: Double = requirement[v("IR")] ?? 1.0
        let availReq: Double = requirement[v("AR")] ?? 1.0
        let adjustedImpact = min(
            10,
            10.41
                * (1 - (1 - confidentiality * confReq) * (1 - integrity * integReq)
                    * (1 - availability * availReq))
        )
        let adjustedTemporal = temporal(base(impact: adjustedImpact))
        let damage: Double = Self.damageWeights[v("CDP")] ?? 0
        let distribution: Double = Self.distributionWeights[v("TD")] ?? 1.0
        return (baseScore, round1((adjustedTemporal + (10 - adjustedTemporal) * damage) * distribution))
    }

    /// Rounds to one decimal, halves up (with a guard against binary representation error).
    static func round1(_ value: Double) -> Double {
        ((value * 10) + 1e-9).rounded(.toNearestOrAwayFromZero) / 10
    }
}
