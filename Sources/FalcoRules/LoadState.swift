internal import SecurityModel
internal import YAMLDocuments

/// The mutable state of one load: the rule set so far and name indexes into it.
struct LoadState {
    let engineVersion: EngineVersion
    let maximumYAMLNodes: Int
    var ruleSet = RuleSet()
    var listIndex: [String: Int] = [:]
    var macroIndex: [String: Int] = [:]
    var ruleIndex: [String: Int] = [:]

    init(engineVersion: EngineVersion, maximumYAMLNodes: Int = RulesLoader.defaultMaximumYAMLNodes) {
        self.engineVersion = engineVersion
        self.maximumYAMLNodes = maximumYAMLNodes
    }

    mutating func report(_ diagnostic: RulesDiagnostic) { ruleSet.diagnostics.append(diagnostic) }

    /// Reads every YAML document of one file.
    mutating func read(path: String, text: String) {
        let reader = YAMLDocumentReader(maximumNodes: maximumYAMLNodes, schema: .core, recordsLines: true)
        for result in reader.read(text) {
            switch result {
            case .failure(let failure):
                report(
                    RulesDiagnostic(
                        severity: .error,
                        code: .invalidYAML,
                        message: failure.message,
                        file: path,
                        line: failure.line,
                        itemKind: .rulesContent,
                        itemName: ""
                    )
                )
            case .success(let document):
                read(document, path: path)
            }
        }
    }

    private mutating func read(_ document: YAMLDocumentReader.Document, path: String) {
        guard let value = document.value else { return }
        guard case .array(let items) = value else {
            let message =
                value.scalarText != nil
                ? "rules content is not YAML: expected a sequence of items, found \(value.typeName)"
                : "rules content is not a YAML sequence of items (found \(value.typeName))"
            report(
                RulesDiagnostic(
                    severity: .error,
                    code: .notASequence,
                    message: message,
                    file: path,
                    line: document.firstLine,
                    itemKind: .rulesContent,
                    itemName: ""
                )
            )
            return
        }
        for (index, item) in items.enumerated() {
            let itemPath = "[\(index)]"
            let line = document.lines[itemPath] ?? document.firstLine
            guard case .object(let pairs) = item else {
                report(
                    RulesDiagnostic(
                        severity: .error,
                        code: .itemNotAMapping,
                        message: "unexpected element type (\(item.typeName)): each item should be a mapping",
                        file: path,
                        line: line,
                        itemKind: .rulesContentItem,
                        itemName: ""
                    )
                )
                continue
            }
            readItem(pairs, path: path, lines: document.lines, itemPath: itemPath, line: line)
        }
    }

    private mutating func readItem(
        _ pairs: [(String, JSONValue)],
        path: String,
        lines: [String: Int],
        itemPath: String,
        line: Int
    ) {
        let keys = Set(pairs.map(\.0))
        let kinds: [(String, RuleItemKind)] = [
            ("required_engine_version", .requiredEngineVersion), ("required_plugin_versions", .requiredPluginVersions),
            ("list", .list), ("macro", .macro), ("rule", .rule),
        ]
        guard let (kindKey, kind) = kinds.first(where: { keys.contains($0.0) }) else {
            let described = pairs.map(\.0).prefix(3).joined(separator: ", ")
            report(
                RulesDiagnostic(
                    severity: .warning,
                    code: .unknownKey,
                    message: "unknown top-level item (keys: \(described)); it is ignored",
                    file: path,
                    line: line,
                    itemKind: .rulesContentItem,
                    itemName: ""
                )
            )
            return
        }
        var context = ItemContext(file: path, lines: lines, path: itemPath, fallbackLine: line, kind: kind, name: "")
        let fields = ItemFields(pairs)
        switch kind {
        case .requiredEngineVersion: readEngineVersion(fields, context: context)
        case .requiredPluginVersions: readPluginVersions(fields, context: context)
        case .list, .macro, .rule:
            guard let name = fields[kindKey]?.scalarText, !name.trimmingBlanks().isEmpty else {
                report(
                    context.diagnostic(
                        .emptyName,
                        "the value of key '\(kindKey)' (the item's name) is empty or not a string",
                        at: kindKey
                    )
                )
                return
            }
            context.name = name
            if kind == .list { readList(fields, context: context) }
            if kind == .macro { readMacro(fields, context: context) }
            if kind == .rule { readRule(fields, context: context) }
        default: return
        }
    }
}
