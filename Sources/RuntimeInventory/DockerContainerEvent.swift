import SecurityModel

/// One container event of the Docker Engine event stream (`GET /events`, one JSON object per line).
public struct DockerContainerEvent: Sendable, Hashable {
    /// `Action`: `create`, `start`, `rename`, `die`, `destroy`, `exec_start: sh`…
    public var action: String
    /// `Actor.ID` (or the legacy `id`): the full container id.
    public var containerID: String
    /// `Actor.Attributes.name`: the container name (after a rename, the new one).
    public var name: String?
    /// `Actor.Attributes.oldName` of a rename.
    public var oldName: String?
    /// `timeNano`, nanoseconds since the epoch (else `time` × 10⁹), when present.
    public var timeNanoseconds: UInt64?

    /// Creates an event.
    public init(
        action: String,
        containerID: String,
        name: String? = nil,
        oldName: String? = nil,
        timeNanoseconds: UInt64? = nil
    ) {
        self.action = action
        self.containerID = containerID
        self.name = name
        self.oldName = oldName
        self.timeNanoseconds = timeNanoseconds
    }

    /// How the directory reacts to an event.
    public enum Effect: Sendable, Hashable {
        /// Fetch the container again (`start`, `rename`, `die`, `update`…).
        case refresh
        /// Forget the container (`destroy`).
        case evict
        /// Nothing to do (`exec_*`, `attach`, `top`, health status…).
        case none
    }

    /// The directory's reaction to ``action``.
    public var effect: Effect {
        let verb = action.split(separator: ":", maxSplits: 1).first.map(String.init) ?? action
        switch verb {
        case "destroy": return .evict
        case "create", "start", "restart", "rename", "die", "stop", "kill", "pause", "unpause", "update", "oom":
            return .refresh
        default: return .none
        }
    }

    /// Decodes one line of the event stream; nil for events that are not about a container (`Type` other
    /// than `container`). `subject` names the line in errors.
    public static func parse(_ line: [UInt8], subject: String) throws(DockerDocumentError) -> DockerContainerEvent? {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: line)
        } catch {
            throw DockerDocumentError(subject: subject, reason: "event is not JSON (\(error))")
        }
        guard value.objectMembers != nil else {
            throw DockerDocumentError(subject: subject, reason: "event is not a JSON object")
        }
        let type = value["Type"]?.stringValue ?? "container"
        guard type == "container" else { return nil }
        guard let action = (value["Action"] ?? value["status"])?.nonEmptyString else {
            throw DockerDocumentError(subject: subject, reason: "container event without Action")
        }
        let actor = value["Actor"]
        guard let id = (actor?["ID"] ?? value["id"])?.stringValue,
            DockerContainerInspectDecoder.isContainerID(id)
        else {
            throw DockerDocumentError(subject: subject, reason: "container event without a valid Actor.ID")
        }
        let attributes = actor?["Attributes"]
        var time: UInt64?
        if let nanoseconds = value["timeNano"]?.integerValue, nanoseconds >= 0 {
            time = UInt64(nanoseconds)
        } else if let seconds = value["time"]?.integerValue, seconds >= 0, seconds < Int(UInt64.max / 1_000_000_000) {
            time = UInt64(seconds) * 1_000_000_000
        }
        return DockerContainerEvent(
            action: action,
            containerID: id,
            name: attributes?["name"]?.stringValue,
            oldName: attributes?["oldName"]?.stringValue,
            timeNanoseconds: time
        )
    }
}
