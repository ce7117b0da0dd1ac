public import SecurityModel

/// One check of `bulkhead audit` over a container's inspect data: a small pure value.
///
/// Checks never do I/O; they read a decoded ``ContainerConfig``. Checks of host-configuration facts
/// report nothing when the document has no `HostConfig`.
public protocol ContainerCheck: Sendable {
    /// Identity (`CIS-DOCKER-5.5`), default severity, aliases (docker-bench `5_5`) and texts.
    var descriptor: RuleDescriptor { get }
    /// The findings for one container.
    func check(_ container: ContainerConfig) -> [Finding]
}

extension ContainerCheck {
    /// One finding of this check at `container`.
    func finding(_ container: ContainerConfig, _ message: String, fieldPath: String? = nil) -> Finding {
        Finding(rule: descriptor, location: container.location(fieldPath: fieldPath), message: message)
    }
}
