/// Writes a recording line by line, describing each container in full only the first time it appears:
/// later events of the same container carry `"container":{"id":…}` alone, which readers resolve to the
/// earlier description.
public struct EventRecordingWriter: Sendable {
    private var described: [String: ContainerInfo] = [:]
    /// Most containers remembered; past it the memory is cleared and containers are described again.
    public let maximumContainers: Int

    /// Creates a writer.
    public init(maximumContainers: Int = 16_384) { self.maximumContainers = max(1, maximumContainers) }

    /// The header line (without a newline).
    public var header: String { EventRecording.header }

    /// The next event line (without a newline).
    public mutating func line(for event: RuntimeEvent) -> String {
        let container = event.container
        guard !container.isHost || container != .host else { return EventRecording.line(for: event) }
        if described[container.id] == container {
            var short = event
            short.container = ContainerInfo(id: container.id)
            return EventRecording.line(for: short)
        }
        if described.count >= maximumContainers { described.removeAll(keepingCapacity: true) }
        described[container.id] = container
        return EventRecording.line(for: event)
    }
}
