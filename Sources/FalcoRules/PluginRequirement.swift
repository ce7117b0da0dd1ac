/// One entry of `required_plugin_versions`: a plugin (or one of its alternatives) at a minimum version.
public struct PluginRequirement: Sendable, Hashable {
    /// A plugin name with its minimum version.
    public struct Alternative: Sendable, Hashable {
        /// The plugin's name.
        public var name: String
        /// The minimum version, as written.
        public var version: String

        /// Creates an alternative.
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// The plugin's name.
    public var name: String
    /// The minimum version, as written.
    public var version: String
    /// Other plugins that satisfy the requirement instead.
    public var alternatives: [Alternative]
    /// Where the requirement was written.
    public var origin: RuleOrigin

    /// Creates a requirement.
    public init(name: String, version: String, alternatives: [Alternative], origin: RuleOrigin) {
        self.name = name
        self.version = version
        self.alternatives = alternatives
        self.origin = origin
    }
}
