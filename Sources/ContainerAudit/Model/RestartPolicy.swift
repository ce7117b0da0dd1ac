/// `HostConfig.RestartPolicy`.
public struct RestartPolicy: Sendable, Hashable {
    /// `no`, `always`, `unless-stopped`, `on-failure`, or empty.
    public var name: String?
    /// Retries for `on-failure`; 0 means unlimited.
    public var maximumRetryCount: Int?

    /// Creates a policy.
    public init(name: String? = nil, maximumRetryCount: Int? = nil) {
        self.name = name
        self.maximumRetryCount = maximumRetryCount
    }
}
