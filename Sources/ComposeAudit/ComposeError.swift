/// A Compose file, or one service of it, that cannot be audited: not YAML, not a Compose mapping, a key of the
/// wrong type, a required variable missing, a broken `extends`.
///
/// A file-level error stops the audit of the file; a service-level one (``service`` set) only of that service.
public struct ComposeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why, stable for machines.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case invalidYAML, tooLarge, notAMapping, wrongType, invalidValue, missingVariable, invalidInterpolation
            case invalidExtends
        }
        private let kind: Kind
        /// The text is not valid YAML.
        public static var invalidYAML: Self { Self(kind: .invalidYAML) }
        /// The text is larger than the auditor's byte limit or expands to too many YAML nodes.
        public static var tooLarge: Self { Self(kind: .tooLarge) }
        /// The file, `services` or a service is not a mapping.
        public static var notAMapping: Self { Self(kind: .notAMapping) }
        /// A key has the wrong type (`privileged: "maybe"`).
        public static var wrongType: Self { Self(kind: .wrongType) }
        /// A key has the right type but a value Compose rejects (`mem_limit: lots`, `ports: ["x:y"]`).
        public static var invalidValue: Self { Self(kind: .invalidValue) }
        /// A `${VAR:?message}` variable is unset or empty.
        public static var missingVariable: Self { Self(kind: .missingVariable) }
        /// A `${…}` expression is malformed.
        public static var invalidInterpolation: Self { Self(kind: .invalidInterpolation) }
        /// `extends` names an unknown service or forms a cycle.
        public static var invalidExtends: Self { Self(kind: .invalidExtends) }
        public var description: String { "\(kind)" }
    }

    /// The kind of failure.
    public var code: Code
    /// The Compose file as the caller named it.
    public var file: String
    /// The service, for a service-level error.
    public var service: String?
    /// Key path of the offending key (`services.web.privileged`), when one is known.
    public var key: String?
    /// 1-based line in `file`, when known.
    public var line: Int?
    /// What is wrong, without the file, service and key (``description`` adds them).
    public var message: String

    /// Creates an error.
    public init(code: Code, file: String, service: String? = nil, key: String? = nil, line: Int? = nil, message: String)
    {
        self.code = code
        self.file = file
        self.service = service
        self.key = key
        self.line = line
        self.message = message
    }

    /// `file:line: service 'web', key services.web.privileged: must be a boolean, found a string "maybe"`.
    public var description: String {
        var text = line.map { "\(file):\($0): " } ?? "\(file): "
        var subjects: [String] = []
        if let service { subjects.append("service '\(service)'") }
        if let key { subjects.append("key \(key)") }
        if !subjects.isEmpty { text += subjects.joined(separator: ", ") + ": " }
        return text + message
    }
}
