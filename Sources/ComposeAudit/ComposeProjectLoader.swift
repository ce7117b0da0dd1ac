import SecurityModel
internal import YAMLDocuments

/// Loads a Compose file from its text: YAML (core schema, as Compose reads it; anchors, aliases and merge keys),
/// variable interpolation from a given environment, `extends` within the file. Pure: it reads no file and no
/// environment of its own.
///
/// Several YAML documents in one file are merged in order, later ones overriding (as `docker compose` does).
public struct ComposeProjectLoader: Sendable {
    /// Largest text accepted, in UTF-8 bytes.
    public var maximumBytes: Int
    /// Node budget of the YAML reader (aliases count at every use).
    public var maximumNodes: Int

    /// Top-level keys of the Compose Specification and of legacy v2/v3 files.
    static let topLevelKeys: Set<String> = [
        "version", "name", "services", "networks", "volumes", "secrets", "configs", "include", "models",
    ]

    /// Creates a loader with the given limits.
    public init(maximumBytes: Int = 64 << 20, maximumNodes: Int = 1_000_000) {
        self.maximumBytes = maximumBytes
        self.maximumNodes = maximumNodes
    }

    /// Loads `text`; `path` names the file in errors, warnings and the project.
    public func load(text: String, path: String, environment: [String: String]) -> ComposeLoadResult {
        var state = LoadState(file: path, interpolator: ComposeInterpolator(environment: environment))
        guard text.utf8.count <= maximumBytes else {
            state.fail(.tooLarge, message: "the file is larger than \(maximumBytes) bytes")
            return state.result(nil)
        }
        guard let (root, lines) = readDocuments(text, &state) else { return state.result(nil) }
        state.lines = lines
        var project = ComposeProject(file: path, lines: lines)
        project.version = root["version"].flatMap(Self.text)
        if let name = root["name"] {
            project.name = state.interpolated(name, at: "name", service: nil).flatMap(Self.text)
        }
        if let networks = root["networks"] {
            project.networks = state.interpolated(networks, at: "networks", service: nil)
        }
        if let volumes = root["volumes"] { project.volumes = state.interpolated(volumes, at: "volumes", service: nil) }
        guard let servicesValue = root["services"], servicesValue != .null else {
            let unknown = (root.objectMembers ?? []).map(\.0).filter {
                !Self.topLevelKeys.contains($0) && !$0.hasPrefix("x-")
            }
            if unknown.isEmpty {
                state.warn(message: "the file defines no services")
                return state.result(project)
            }
            state.fail(
                .notAMapping,
                key: "services",
                message:
                    "there is no `services` mapping (top-level keys \(unknown.prefix(5).joined(separator: ", "))); "
                    + "the Compose file format v1, with services at the top level, is not supported"
            )
            return state.result(nil)
        }
        guard let members = servicesValue.objectMembers else {
            state.fail(.notAMapping, key: "services", message: "must be a mapping of service names to definitions")
            return state.result(nil)
        }
        var definitions: [(String, JSONValue)] = []
        for (name, value) in members {
            let key = "services.\(name)"
            guard value.objectMembers != nil else {
                state.fail(.notAMapping, service: name, key: key, message: "the service must be a mapping")
                continue
            }
            guard let interpolated = state.interpolated(value, at: key, service: name) else { continue }
            definitions.append((name, interpolated))
        }
        var resolver = ExtendsResolver(definitions: definitions)
        for (name, _) in definitions {
            do {
                let (definition, sources) = try resolver.resolve(
                    name,
                    file: path,
                    lines: lines,
                    warnings: &state.warnings
                )
                project.services.append(ComposeService(name: name, definition: definition, sources: sources))
            } catch {
                state.errors.append(error)
            }
        }
        return state.result(project)
    }

    /// Parses every document and merges them; nil after a file-level error.
    private func readDocuments(_ text: String, _ state: inout LoadState) -> (JSONValue, [String: Int])? {
        let reader = YAMLDocumentReader(maximumNodes: maximumNodes, schema: .core, recordsLines: true)
        var root: JSONValue?
        var lines: [String: Int] = [:]
        for result in reader.read(text) {
            switch result {
            case .failure(let failure):
                state.fail(
                    failure.kind == .tooManyNodes ? .tooLarge : .invalidYAML,
                    line: failure.line,
                    message: failure.message
                )
                return nil
            case .success(let document):
                guard let value = document.value else { continue }
                guard value.objectMembers != nil else {
                    state.fail(
                        .notAMapping,
                        line: document.firstLine,
                        message: "a Compose file must be a mapping (found \(Self.kindName(value)))"
                    )
                    return nil
                }
                root = root.map { Self.mergeDocuments($0, value) } ?? value
                lines.merge(document.lines) { _, later in later }
            }
        }
        guard let root else {
            state.fail(.notAMapping, message: "the file is empty")
            return nil
        }
        return (root, lines)
    }

    /// A later document over an earlier one: services merge like `extends`, other top-level keys are replaced
    /// member by member.
    static func mergeDocuments(_ base: JSONValue, _ override: JSONValue) -> JSONValue {
        guard case .object(var pairs) = base, let overridePairs = override.objectMembers else { return override }
        for (key, value) in overridePairs {
            guard let index = pairs.firstIndex(where: { $0.0 == key }) else {
                pairs.append((key, value))
                continue
            }
            let old = pairs[index].1
            if case .object(var members) = old, let newMembers = value.objectMembers {
                for (name, definition) in newMembers {
                    if let at = members.firstIndex(where: { $0.0 == name }) {
                        members[at].1 =
                            key == "services"
                            ? ComposeServiceMerger.merge(base: members[at].1, override: definition) : definition
                    } else {
                        members.append((name, definition))
                    }
                }
                pairs[index].1 = .object(members)
            } else {
                pairs[index].1 = value
            }
        }
        return .object(pairs)
    }

    /// A scalar as text (`version: 3.8` is a number in YAML).
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): String(b)
        default: nil
        }
    }

    /// `a string`, `a mapping`, … for messages.
    static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "the boolean \(b)"
        case .int(let i): "the number \(i)"
        case .double(let d): "the number \(d)"
        case .string(let s): "the string \"\(s.prefix(40))\""
        case .array: "a sequence"
        case .object: "a mapping"
        }
    }
}
