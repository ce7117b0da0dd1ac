import SecurityModel

/// How declared license strings become CycloneDX `licenses` and SPDX `licenseDeclared` values.
///
/// - A listed SPDX identifier (any case) is written in canonical case: CycloneDX `license.id`.
/// - A valid expression over listed identifiers: CycloneDX `expression` when it is the package's only
///   license, else `license.name`; SPDX uses it as is.
/// - Anything else: CycloneDX `license.name` (text unchanged); SPDX `LicenseRef-<text as idstring>`,
///   declared once per document in `hasExtractedLicensingInfos` with the original text.
/// Several licenses become one SPDX expression joined with `AND`.
enum LicenseMapping {
    /// The CycloneDX `licenses` array for `licenses`, nil when there are none.
    static func cycloneDX(_ licenses: [String]) -> JSONValue? {
        let unique = deduplicated(licenses)
        guard !unique.isEmpty else { return nil }
        if unique.count == 1, let expression = SPDXLicenseExpression(parsing: unique[0]),
            !expression.isSingleLicenseID
        {
            return .array([.object([("expression", .string(expression.description))])])
        }
        return .array(
            unique.map { text in
                if let expression = SPDXLicenseExpression(parsing: text), case .license(let id, false) = expression {
                    return .object([("license", .object([("id", .string(id))]))])
                }
                return .object([("license", .object([("name", .string(text))]))])
            }
        )
    }

    /// Licenses without empty strings and repeats, in first-seen order.
    static func deduplicated(_ licenses: [String]) -> [String] {
        var seen = Set<String>()
        return licenses.compactMap { raw in
            let text = trimmed(raw)
            return !text.isEmpty && seen.insert(text).inserted ? text : nil
        }
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}

/// The `LicenseRef-` identifiers one SPDX document defines, and the `licenseDeclared` values that use them.
struct SPDXLicenseRefs {
    /// `(licenseId, original text)` in first-use order.
    private(set) var extracted: [(id: String, text: String)] = []
    private var byText: [String: String] = [:]
    private var used = Set<String>()

    /// The `licenseDeclared` expression for `licenses`; `NOASSERTION` when there are none.
    mutating func declared(_ licenses: [String]) -> String {
        let parts = LicenseMapping.deduplicated(licenses).map { text -> SPDXLicenseExpression in
            guard let expression = SPDXLicenseExpression(parsing: text) else { return .reference(reference(for: text)) }
            for ref in expression.references where !ref.hasPrefix("DocumentRef-") && !used.contains(ref) {
                used.insert(ref)
                extracted.append((ref, ref))
            }
            return expression
        }
        guard var combined = parts.first else { return "NOASSERTION" }
        for part in parts.dropFirst() { combined = .and(combined, part) }
        return combined.description
    }

    /// The `LicenseRef-…` for non-SPDX `text`, allocated on first use.
    mutating func reference(for text: String) -> String {
        if let known = byText[text] { return known }
        let base = "LicenseRef-" + PackageIdentity.idString(text, limit: 80)
        var candidate = base
        if used.contains(candidate) {
            candidate = base + "-" + SHA256Digest.hexHash(text).prefix(8)
        }
        var n = 2
        while used.contains(candidate) {
            candidate = base + "-" + String(n)
            n += 1
        }
        used.insert(candidate)
        byText[text] = candidate
        extracted.append((candidate, text))
        return candidate
    }

    /// The original text behind a `LicenseRef-` this document allocated, nil for others.
    func text(for reference: String) -> String? { extracted.first { $0.id == reference }?.text }
}
