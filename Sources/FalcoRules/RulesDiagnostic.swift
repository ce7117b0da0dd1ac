/// An error or warning found while loading rules files, with where it is and which item it is about.
public struct RulesDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Whether the diagnostic makes the load fail.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// What kind of problem it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable {
            case invalidYAML, notASequence, itemNotAMapping, unknownKey, wrongType, missingField, emptyName
            case invalidPriority, invalidOverride, appendToUnknownItem, duplicateExceptionName, invalidException
            case unsupportedEngineVersion, invalidEngineVersion, invalidPluginRequirement, ignoredKey
            case invalidCondition, undefinedMacro, undefinedList, referenceLoop, unknownField, invalidOutput
            case unknownFieldSkipped, unsupportedField
        }
        private let kind: Kind
        /// The file or a YAML document is not valid YAML (or too large).
        public static var invalidYAML: Self { Self(kind: .invalidYAML) }
        /// The document is not a sequence of items.
        public static var notASequence: Self { Self(kind: .notASequence) }
        /// An element of the top-level sequence is not a mapping with one kind key.
        public static var itemNotAMapping: Self { Self(kind: .itemNotAMapping) }
        /// A key that the item kind does not define.
        public static var unknownKey: Self { Self(kind: .unknownKey) }
        /// A value of the wrong YAML type.
        public static var wrongType: Self { Self(kind: .wrongType) }
        /// A required key is absent.
        public static var missingField: Self { Self(kind: .missingField) }
        /// The item's name is empty or null.
        public static var emptyName: Self { Self(kind: .emptyName) }
        /// `priority` is not one of the eight levels.
        public static var invalidPriority: Self { Self(kind: .invalidPriority) }
        /// An `override` map that is malformed or not allowed for the item.
        public static var invalidOverride: Self { Self(kind: .invalidOverride) }
        /// `append: true`, `override` or an `enabled`-only item for a name not defined before.
        public static var appendToUnknownItem: Self { Self(kind: .appendToUnknownItem) }
        /// Two exceptions of one rule item share a name.
        public static var duplicateExceptionName: Self { Self(kind: .duplicateExceptionName) }
        /// An exception whose fields, comps or values do not fit together.
        public static var invalidException: Self { Self(kind: .invalidException) }
        /// The file needs a newer engine than this one.
        public static var unsupportedEngineVersion: Self { Self(kind: .unsupportedEngineVersion) }
        /// `required_engine_version` is not a version.
        public static var invalidEngineVersion: Self { Self(kind: .invalidEngineVersion) }
        /// A malformed `required_plugin_versions` entry.
        public static var invalidPluginRequirement: Self { Self(kind: .invalidPluginRequirement) }
        /// A key that is accepted but has no effect here (warning).
        public static var ignoredKey: Self { Self(kind: .ignoredKey) }
        /// A macro or rule condition (or an exception field) that does not parse.
        public static var invalidCondition: Self { Self(kind: .invalidCondition) }
        /// A condition references a macro that is not defined (or whose own condition is invalid).
        public static var undefinedMacro: Self { Self(kind: .undefinedMacro) }
        /// A condition references a list that is not defined.
        public static var undefinedList: Self { Self(kind: .undefinedList) }
        /// Macros or lists that reference each other in a loop.
        public static var referenceLoop: Self { Self(kind: .referenceLoop) }
        /// A rule's condition or exception uses a field that neither Falco nor the event model knows.
        public static var unknownField: Self { Self(kind: .unknownField) }
        /// A rule's output has a `%field` token that is not a known field.
        public static var invalidOutput: Self { Self(kind: .invalidOutput) }
        /// An unknown field in a rule with `skip-if-unknown-filter: true`: the rule is skipped (warning).
        public static var unknownFieldSkipped: Self { Self(kind: .unknownFieldSkipped) }
        /// A field Falco knows but Bulkhead's event model does not serve yet: the rule is skipped (warning).
        public static var unsupportedField: Self { Self(kind: .unsupportedField) }
        /// The code's name (`unknownKey`, …).
        public var description: String { kind.rawValue }
    }

    /// Error or warning.
    public var severity: Severity
    /// What kind of problem.
    public var code: Code
    /// What is wrong, in a sentence.
    public var message: String
    /// The path of the rules file, as given to the loader.
    public var file: String
    /// The 1-based line in the file.
    public var line: Int
    /// The kind of item.
    public var itemKind: RuleItemKind
    /// The item's name (empty when it has none).
    public var itemName: String

    /// Creates a diagnostic.
    public init(
        severity: Severity,
        code: Code,
        message: String,
        file: String,
        line: Int,
        itemKind: RuleItemKind,
        itemName: String
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.itemKind = itemKind
        self.itemName = itemName
    }

    /// `file:line: error: [kind 'name'] message (code)`.
    public var description: String {
        let item = itemName.isEmpty ? "\(itemKind)" : "\(itemKind) '\(itemName)'"
        return "\(file):\(line): \(severity.rawValue): \(item): \(message) (\(code))"
    }
}
