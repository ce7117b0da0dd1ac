/// Validates documents with Python's `jsonschema` (an independent oracle) and XML with `xml.dom.minidom`.
///
/// Tests using it are enabled when `python3` with `jsonschema` (and, for SARIF, the corpus) is present,
/// or when `BULKHEAD_INTEGRATION=1`, in which case a missing prerequisite fails the test.
public enum SchemaValidation {
    /// True when `python3 -c "import jsonschema"` succeeds.
    public static let hasJSONSchema: Bool = probe("import jsonschema")

    /// True when `python3` can parse XML.
    public static let hasPython: Bool = probe("import xml.dom.minidom")

    /// The official SARIF 2.1.0 schema in the shared corpus.
    public static var sarifSchemaPath: String? { Corpus.path("schemas/sarif/sarif-schema-2.1.0.json") }

    /// The Bulkhead report schema in this repository.
    public static var reportSchemaPath: String { Corpus.repositoryPath("docs/report.schema.json") }

    public static var canValidateSARIF: Bool { hasJSONSchema && sarifSchemaPath != nil }

    private static func probe(_ code: String) -> Bool {
        (try? runProcessBlocking(["python3", "-c", code]).status == 0) ?? false
    }

    public enum Draft: String, Sendable {
        case draft7 = "Draft7Validator"
        case draft2020 = "Draft202012Validator"
    }

    /// The validation errors of `document` against `schemaPath`; empty when it is valid.
    public static func errors(of document: String, schemaPath: String, draft: Draft) async throws -> [String] {
        let script = """
            import json, sys
            import jsonschema
            schema_path, validator_name = sys.argv[1], sys.argv[2]
            with open(schema_path, encoding="utf-8") as f:
                schema = json.load(f)
            instance = json.loads(sys.stdin.buffer.read().decode("utf-8"))
            cls = getattr(jsonschema, validator_name)
            cls.check_schema(schema)
            validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
            errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
            for e in errors[:25]:
                print("/".join(str(p) for p in e.absolute_path) + ": " + e.message)
            print("checked")
            sys.exit(1 if errors else 0)
            """
        let result = try await runProcess(["python3", "-c", script, schemaPath, draft.rawValue], stdin: document)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // A crash of the script itself (no "checked" line) must not pass as "valid".
        guard lines.last == "checked" else {
            return ["validator did not run (status \(result.status)): \(result.stderr)"]
        }
        let errors = Array(lines.dropLast())
        if result.status != 0, errors.isEmpty { return ["validator failed without errors: \(result.stderr)"] }
        return errors
    }

    /// The parse error of `xml`, or nil when it is well-formed XML.
    public static func xmlError(_ xml: String) async throws -> String? {
        let script = """
            import sys, xml.dom.minidom
            xml.dom.minidom.parseString(sys.stdin.buffer.read())
            print("well-formed")
            """
        let result = try await runProcess(["python3", "-c", script], stdin: xml)
        return result.status == 0 && result.stdout.contains("well-formed") ? nil : result.stderr
    }
}
