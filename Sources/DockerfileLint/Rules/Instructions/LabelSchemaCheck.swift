import DockerfileSyntax

/// Shared reading of the label schema (`settings.labelSchema`, hadolint's `label-schema`).
enum LabelSchemaCheck {
    /// The schema's labels whose type is `type` (type names compared without letter case; an
    /// empty type means `text`), sorted.
    static func labels(in context: LintContext, ofType type: String) -> [String] {
        context.settings.labelSchema.filter { normalized($0.value) == type }.map(\.key).sorted()
    }

    /// All labels of the schema, sorted.
    static func allLabels(in context: LintContext) -> [String] {
        context.settings.labelSchema.keys.sorted()
    }

    static func normalized(_ type: String) -> String {
        let t = type.lowercased()
        return t.isEmpty ? "text" : t
    }

    /// One violation per `LABEL` instruction and schema label of `type` whose value fails `isValid`.
    static func invalidValues(
        in context: LintContext,
        ofType type: String,
        isValid: (String) -> Bool,
        message: (String, String) -> String
    ) -> [Violation] {
        let labels = labels(in: context, ofType: type)
        guard !labels.isEmpty else { return [] }
        var result: [Violation] = []
        for ins in context.instructions where ins.kind == .label {
            guard let pairs = HadolintArguments.pairs(ins) else { continue }
            for label in labels {
                guard let bad = pairs.first(where: { $0.key == label && !isValid($0.value) }) else { continue }
                result.append(Violation(ins, message(label, bad.value)))
            }
        }
        return result
    }
}
