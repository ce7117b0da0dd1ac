public import SecurityModel

/// One service of a Compose file, as the audit sees it: its definition after variable interpolation, YAML
/// merge keys and `extends` (same file), with the key paths it was assembled from for source lines.
public struct ComposeService: Sendable, Hashable {
    /// The service name (the key under `services`).
    public var name: String
    /// The service mapping. Extension keys (`x-…`) and keys the audit does not read are kept as written.
    public var definition: JSONValue
    /// Names of the services whose definitions make up this one: the service itself first, then the services
    /// it `extends`, nearest first. Used to find the line of an inherited key.
    public var sources: [String]

    /// Creates a service.
    public init(name: String, definition: JSONValue, sources: [String]? = nil) {
        self.name = name
        self.definition = definition
        self.sources = sources ?? [name]
    }

    /// The key path of the service (`services.web`).
    public var keyPath: String { "services.\(name)" }

    /// `image:`, when set and not empty.
    public var image: String? { definition["image"]?.nonEmptyString }

    /// The build context: `build: ./dir` or `build: {context: ./dir}`; `.` for a `build` mapping without one.
    public var buildContext: String? {
        guard let build = definition["build"] else { return nil }
        if let context = build.nonEmptyString { return context }
        guard build.objectMembers != nil else { return nil }
        return build["context"]?.nonEmptyString ?? "."
    }

    /// How findings name the image: `image:`, else `build:<context>` for a service built locally.
    public var imageName: String {
        if let image { return image }
        return "build:\(buildContext ?? ".")"
    }
}
