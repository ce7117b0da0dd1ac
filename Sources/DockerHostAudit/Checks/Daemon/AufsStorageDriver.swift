public import SecurityModel

/// CIS-DOCKER-2.6: the `aufs` storage driver is used.
public struct AufsStorageDriver: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.6",
        slug: "aufs-storage-driver",
        title: "The aufs storage driver is used",
        severity: .medium,
        remediation:
            "Use `overlay2`: set `\"storage-driver\": \"overlay2\"` in daemon.json (images must be pulled again)."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let driver = daemon.storageDriver
        guard let value = driver.value, !value.isEmpty else {
            return result(.unknown, "the storage driver is chosen automatically; /info is needed to know it")
        }
        guard value == "aufs" else { return pass("storage driver is \(value) (\(driver.origin))") }
        return fail("The storage driver is aufs", driver)
    }
}
