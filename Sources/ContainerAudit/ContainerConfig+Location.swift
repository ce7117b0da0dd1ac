public import SecurityModel

extension ContainerConfig {
    /// Short id (12 hex digits) as `docker ps` shows it.
    public var shortID: String? { id.map { String($0.prefix(12)) } }

    /// How findings name this container: `name (id: abc123def456, image: alpine:3.11)`.
    public var displayName: String {
        var details: [String] = []
        if let shortID { details.append("id: \(shortID)") }
        if let image { details.append("image: \(image)") }
        let head = name ?? shortID ?? "container"
        return details.isEmpty ? head : "\(head) (\(details.joined(separator: ", ")))"
    }

    /// The location of a finding about this container; `fieldPath` is the inspect field (`HostConfig.Privileged`).
    public func location(fieldPath: String? = nil) -> Location {
        Location(image: image, container: displayName, fieldPath: fieldPath)
    }
}
