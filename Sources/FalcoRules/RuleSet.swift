/// The result of loading rules files: lists, macros and rules in definition order (a redefinition keeps the
/// first position), the plugin requirements, and every error and warning.
public struct RuleSet: Sendable {
    /// The lists, in order of first definition.
    public var lists: [FalcoList] = []
    /// The macros, in order of first definition.
    public var macros: [FalcoMacro] = []
    /// The rules, in order of first definition (disabled ones included).
    public var rules: [FalcoRule] = []
    /// Every `required_plugin_versions` entry, in file order.
    public var pluginRequirements: [PluginRequirement] = []
    /// The highest `required_engine_version` met.
    public var requiredEngineVersion: EngineVersion?
    /// Errors and warnings, in the order found.
    public var diagnostics: [RulesDiagnostic] = []

    /// Creates an empty rule set.
    public init() {}

    /// The errors only.
    public var errors: [RulesDiagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The warnings only.
    public var warnings: [RulesDiagnostic] { diagnostics.filter { $0.severity == .warning } }
    /// True when no diagnostic is an error (Falco would accept the files).
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }

    /// The rules skipped because they use a field the event model does not serve.
    public var skippedRules: [FalcoRule] { rules.filter(\.skipped) }

    /// The list named `name`.
    public func list(named name: String) -> FalcoList? { lists.first { $0.name == name } }
    /// The macro named `name`.
    public func macro(named name: String) -> FalcoMacro? { macros.first { $0.name == name } }
    /// The rule named `name`.
    public func rule(named name: String) -> FalcoRule? { rules.first { $0.name == name } }
}
