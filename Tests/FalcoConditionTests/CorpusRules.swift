import SecurityModel
import TestSupport
import Testing

/// One macro, rule or list of a corpus rules file, extracted with PyYAML.
struct CorpusItem: Sendable {
    var file: String
    var kind: String
    var name: String
    var condition: String?
    var items: [String]
}

/// Reads rules files through `python3` + PyYAML (the pure test target has no YAML reader).
enum CorpusRules {
    static let files = [
        "falco/rules-current/falco_rules.yaml",
        "falco/rules-current/falco-incubating_rules.yaml",
        "falco/rules-current/falco-sandbox_rules.yaml",
    ]

    private static let script = """
        import json, sys, yaml
        out = []
        for f in sys.argv[1:]:
            for it in yaml.safe_load(open(f)) or []:
                if not isinstance(it, dict): continue
                for k in ('macro', 'rule', 'list'):
                    if k in it:
                        out.append({'file': f, 'kind': k, 'name': str(it[k]),
                                    'condition': it.get('condition'),
                                    'items': [str(x) for x in (it.get('items') or [])]})
        print(json.dumps(out))
        """

    /// The items of the given corpus files, or nil when the corpus or python3/PyYAML is missing
    /// (recorded as an issue when `BULKHEAD_INTEGRATION=1`).
    static func load(_ relativePaths: [String] = files) throws -> [CorpusItem]? {
        let paths = relativePaths.compactMap { Corpus.path($0) }
        guard paths.count == relativePaths.count else {
            if Corpus.integrationRequired { Issue.record("corpus files missing: \(relativePaths)") }
            return nil
        }
        let result = try runProcessBlocking(["/usr/bin/python3", "-c", script] + paths)
        guard result.status == 0 else {
            if Corpus.integrationRequired { Issue.record("python3/PyYAML failed: \(result.stderr)") }
            return nil
        }
        let json = try JSONParser.parse(result.stdout)
        return json.items.map { entry in
            CorpusItem(
                file: entry["file"]?.stringValue ?? "",
                kind: entry["kind"]?.stringValue ?? "",
                name: entry["name"]?.stringValue ?? "",
                condition: entry["condition"]?.stringValue,
                items: entry["items"]?.strings ?? []
            )
        }
    }
}
