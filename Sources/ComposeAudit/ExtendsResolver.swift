import SecurityModel

/// Resolves `extends` between services of one file, memoising each service and rejecting cycles. An `extends`
/// naming another file is not followed: the service keeps its own keys and a warning says so.
struct ExtendsResolver {
    /// Longest `extends` chain followed.
    static let maximumChain = 64

    private let definitions: [String: JSONValue]
    private var resolved: [String: Result<(JSONValue, [String]), ComposeError>] = [:]

    init(definitions: [(String, JSONValue)]) {
        var table: [String: JSONValue] = [:]
        for (name, definition) in definitions where table[name] == nil { table[name] = definition }
        self.definitions = table
    }

    /// The merged definition of `name` and the services it was assembled from (itself first).
    mutating func resolve(
        _ name: String,
        file: String,
        lines: [String: Int],
        warnings: inout [ComposeWarning]
    ) throws(ComposeError) -> (JSONValue, [String]) {
        try resolve(name, chain: [], file: file, lines: lines, warnings: &warnings)
    }

    private mutating func resolve(
        _ name: String,
        chain: [String],
        file: String,
        lines: [String: Int],
        warnings: inout [ComposeWarning]
    ) throws(ComposeError) -> (JSONValue, [String]) {
        if let done = resolved[name] { return try done.get() }
        let key = "services.\(name).extends"
        func error(_ code: ComposeError.Code, _ message: String) -> ComposeError {
            ComposeError(code: code, file: file, service: name, key: key, line: lines[key], message: message)
        }
        guard let definition = definitions[name] else {
            throw error(.invalidExtends, "the service is not defined in this file or has errors")
        }
        guard case .object(var own) = definition, let extends = definition["extends"] else {
            resolved[name] = .success((definition, [name]))
            return (definition, [name])
        }
        own.removeAll { $0.0 == "extends" }
        let result: Result<(JSONValue, [String]), ComposeError>
        let base: String
        if let text = extends.nonEmptyString {
            base = text
        } else if let target = extends["service"]?.nonEmptyString {
            if let other = extends["file"]?.nonEmptyString {
                warnings.append(
                    ComposeWarning(
                        file: file,
                        service: name,
                        key: key,
                        line: lines[key],
                        message: "`extends` names service '\(target)' in \(other), which is not followed: only the "
                            + "keys written here are audited"
                    )
                )
                resolved[name] = .success((.object(own), [name]))
                return (.object(own), [name])
            }
            base = target
        } else {
            let failure = error(.invalidValue, "must be a service name or a mapping with a `service` key")
            resolved[name] = .failure(failure)
            throw failure
        }
        if chain.contains(name) || chain.count >= Self.maximumChain {
            let failure = error(
                .invalidExtends,
                "`extends` forms a cycle: \((chain + [name]).joined(separator: " → "))"
            )
            resolved[name] = .failure(failure)
            throw failure
        }
        if definitions[base] == nil {
            result = .failure(
                error(
                    .invalidExtends,
                    "`extends` names service '\(base)', which is not defined in this file or has errors"
                )
            )
        } else {
            do {
                let (baseDefinition, baseSources) = try resolve(
                    base,
                    chain: chain + [name],
                    file: file,
                    lines: lines,
                    warnings: &warnings
                )
                let merged = ComposeServiceMerger.merge(base: baseDefinition, override: .object(own))
                result = .success((merged, [name] + baseSources))
            } catch {
                result = .failure(
                    ComposeError(
                        code: error.code,
                        file: file,
                        service: name,
                        key: key,
                        line: lines[key],
                        message: "cannot extend service '\(base)': \(error.message)"
                    )
                )
            }
        }
        resolved[name] = result
        return try result.get()
    }
}
