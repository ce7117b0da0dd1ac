import SecurityModel

/// The errors, warnings and interpolation state of one ``ComposeProjectLoader/load(text:path:environment:)``.
struct LoadState {
    let file: String
    let interpolator: ComposeInterpolator
    var lines: [String: Int] = [:]
    var errors: [ComposeError] = []
    var warnings: [ComposeWarning] = []
    private var warnedVariables: Set<String> = []

    init(file: String, interpolator: ComposeInterpolator) {
        self.file = file
        self.interpolator = interpolator
    }

    mutating func fail(
        _ code: ComposeError.Code,
        service: String? = nil,
        key: String? = nil,
        line: Int? = nil,
        message: String
    ) {
        errors.append(
            ComposeError(
                code: code,
                file: file,
                service: service,
                key: key,
                line: line ?? key.flatMap { lines[$0] },
                message: message
            )
        )
    }

    mutating func warn(service: String? = nil, key: String? = nil, message: String) {
        warnings.append(
            ComposeWarning(file: file, service: service, key: key, line: key.flatMap { lines[$0] }, message: message)
        )
    }

    func result(_ project: ComposeProject?) -> ComposeLoadResult {
        ComposeLoadResult(project: project, errors: errors, warnings: warnings)
    }

    /// `value` with every string interpolated (keys are not, nor `x-…` extension members); nil after an error,
    /// which is recorded naming `service` and the key of the offending string.
    mutating func interpolated(_ value: JSONValue, at path: String, service: String?) -> JSONValue? {
        switch value {
        case .string(let text):
            do {
                let output = try interpolator.interpolate(text)
                for name in output.unresolved where warnedVariables.insert(name).inserted {
                    warn(
                        service: service,
                        key: path,
                        message: "the variable \(name) is not set; it is read as an empty string"
                    )
                }
                return .string(output.text)
            } catch {
                record(error, service: service, key: path)
                return nil
            }
        case .array(let items):
            var out: [JSONValue] = []
            for (index, item) in items.enumerated() {
                guard let converted = interpolated(item, at: "\(path)[\(index)]", service: service) else { return nil }
                out.append(converted)
            }
            return .array(out)
        case .object(let pairs):
            var out: [(String, JSONValue)] = []
            for (key, member) in pairs {
                if key.hasPrefix("x-") {
                    out.append((key, member))
                    continue
                }
                guard let converted = interpolated(member, at: "\(path).\(key)", service: service) else { return nil }
                out.append((key, converted))
            }
            return .object(out)
        default:
            return value
        }
    }

    private mutating func record(_ failure: ComposeInterpolator.Failure, service: String?, key: String) {
        switch failure {
        case .missing(let name, let message):
            let detail = message.isEmpty ? "" : ": \(message)"
            fail(
                .missingVariable,
                service: service,
                key: key,
                message: "the required variable \(name) is missing a value\(detail)"
            )
        case .invalid(let expression):
            fail(
                .invalidInterpolation,
                service: service,
                key: key,
                message: "invalid interpolation `\(expression.prefix(80))`; write `$$` for a literal `$`"
            )
        }
    }
}
