/// The kind of rules-file item a diagnostic is about.
public enum RuleItemKind: String, Sendable, Hashable, CustomStringConvertible {
    /// The file (or one YAML document of it) as a whole.
    case rulesContent = "rules content"
    /// One element of the top-level sequence, before its kind is known.
    case rulesContentItem = "rules content item"
    case list
    case macro
    case rule
    /// An exception inside a rule.
    case exception
    case requiredEngineVersion = "required_engine_version"
    case requiredPluginVersions = "required_plugin_versions"

    /// The name Falco uses (`rule`, `required_engine_version`, …).
    public var description: String { rawValue }
}
