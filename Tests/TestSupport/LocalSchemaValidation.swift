import SecurityModel

/// Validates JSON documents with Python's `jsonschema` against a schema whose `$ref`s point to sibling
/// files (CycloneDX's `spdx.schema.json`, `jsf-0.82.schema.json`), resolved offline through a
/// `referencing` registry built from every schema file in the schema's directory.
///
/// Several documents are checked in one Python run, so a test can validate many cheaply. Availability
/// follows ``SchemaValidation/hasJSONSchema``.
public enum LocalSchemaValidation {
    /// True when `python3` has `jsonschema` with the `referencing` library (jsonschema ≥ 4.18).
    public static let hasReferencing: Bool =
        (try? runProcessBlocking(["python3", "-c", "import jsonschema, referencing"]).status == 0) ?? false

    /// Validator classes by draft.
    public enum Draft: String, Sendable {
        case draft7 = "Draft7Validator"
        case draft2019 = "Draft201909Validator"
        case draft2020 = "Draft202012Validator"
    }

    /// The validation errors of each of `documents` against `schemaPath` (at most 25 each, formatted
    /// `path: message`); an empty inner array means that document is valid.
    public static func errors(of documents: [String], schemaPath: String, draft: Draft) async throws -> [[String]] {
        let script = """
            import json, os, sys
            import jsonschema
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT7, DRAFT201909, DRAFT202012
            schema_path, validator_name = sys.argv[1], sys.argv[2]
            default = {"Draft7Validator": DRAFT7, "Draft201909Validator": DRAFT201909,
                       "Draft202012Validator": DRAFT202012}[validator_name]
            directory = os.path.dirname(os.path.abspath(schema_path))
            resources = []
            for name in sorted(os.listdir(directory)):
                full = os.path.join(directory, name)
                if not name.endswith(".json") or not os.path.isfile(full):
                    continue
                try:
                    with open(full, encoding="utf-8") as f:
                        contents = json.load(f)
                except ValueError:
                    continue
                if not isinstance(contents, dict) or ("$schema" not in contents and "$id" not in contents):
                    continue
                resource = Resource.from_contents(contents, default_specification=default)
                resources.append((name, resource))
                if isinstance(contents.get("$id"), str):
                    resources.append((contents["$id"], resource))
            registry = Registry().with_resources(resources)
            with open(schema_path, encoding="utf-8") as f:
                schema = json.load(f)
            cls = getattr(jsonschema, validator_name)
            cls.check_schema(schema)
            validator = cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
            documents = json.loads(sys.stdin.buffer.read().decode("utf-8"))
            results = []
            for instance in documents:
                errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
                results.append(["/".join(str(p) for p in e.absolute_path) + ": " + e.message[:300]
                                for e in errors[:25]])
            print(json.dumps(results))
            print("checked")
            """
        let input = "[" + documents.joined(separator: ",\n") + "]"
        let result = try await runProcess(["python3", "-c", script, schemaPath, draft.rawValue], stdin: input)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        guard lines.last == "checked", lines.count >= 2, result.status == 0 else {
            let failure = ["validator did not run (status \(result.status)): \(result.stderr.suffix(2000))"]
            return documents.map { _ in failure }
        }
        let parsed = try JSONParser.parse(lines[lines.count - 2])
        guard case .array(let perDocument) = parsed, perDocument.count == documents.count else {
            return documents.map { _ in ["validator returned an unexpected result"] }
        }
        return perDocument.map { entry in
            guard case .array(let messages) = entry else { return ["validator returned an unexpected entry"] }
            return messages.compactMap(\.stringValue)
        }
    }
}
