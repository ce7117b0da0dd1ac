public import SecurityModel

/// A loaded Compose file: the Compose Specification or a legacy v2/v3 file (with or without `version:`).
public struct ComposeProject: Sendable, Hashable {
    /// The file as the caller named it.
    public var file: String
    /// Top-level `name:`, when set.
    public var name: String?
    /// Top-level `version:` of legacy files, as text; informative only (Compose ignores it).
    public var version: String?
    /// The services that loaded, in file order (a service with an error is missing here).
    public var services: [ComposeService]
    /// Top-level `networks:` definitions (interpolated), or nil.
    public var networks: JSONValue?
    /// Top-level `volumes:` definitions (interpolated), or nil.
    public var volumes: JSONValue?
    /// 1-based line of each key path (`services.web.privileged`, `services.web.ports[0]`).
    public var lines: [String: Int]

    /// Creates a project.
    public init(
        file: String,
        name: String? = nil,
        version: String? = nil,
        services: [ComposeService] = [],
        networks: JSONValue? = nil,
        volumes: JSONValue? = nil,
        lines: [String: Int] = [:]
    ) {
        self.file = file
        self.name = name
        self.version = version
        self.services = services
        self.networks = networks
        self.volumes = volumes
        self.lines = lines
    }

    /// The service named `name`.
    public func service(named name: String) -> ComposeService? { services.first { $0.name == name } }

    /// The line of `path` (`services.web.privileged`), looking through the services `service` extends for an
    /// inherited key; else the line of the nearest enclosing key that has one.
    public func line(of path: String, in service: ComposeService) -> Int? {
        let own = service.keyPath
        var candidate = path
        while true {
            if let line = lines[candidate] { return line }
            if candidate.hasPrefix(own) {
                let suffix = candidate.dropFirst(own.count)
                if suffix.isEmpty || suffix.first == "." || suffix.first == "[" {
                    for source in service.sources.dropFirst() {
                        if let line = lines["services.\(source)\(suffix)"] { return line }
                    }
                }
            }
            guard let cut = Self.parent(of: candidate) else { return nil }
            candidate = cut
        }
    }

    /// `a.b[2]` → `a.b`, `a.b` → `a`, `a` → nil.
    static func parent(of path: String) -> String? {
        guard let index = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
        return String(path[..<index])
    }
}
