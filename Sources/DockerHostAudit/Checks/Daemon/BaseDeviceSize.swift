public import SecurityModel

/// CIS-DOCKER-2.11: the base device size is changed (`--storage-opt dm.basesize`).
public struct BaseDeviceSize: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.11",
        slug: "base-device-size",
        title: "The base device size is changed",
        severity: .low,
        remediation: "Remove `dm.basesize` from `--storage-opt` / `storage-opts` unless it is needed."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let options = daemon.storageOptions
        let sizes = options.value.filter { $0.trimmingWhitespace().lowercased().hasPrefix("dm.basesize") }
        guard let size = sizes.last else { return pass("dm.basesize not set (\(options.origin))") }
        return fail("The storage option `\(size)` changes the base device size", options)
    }
}
