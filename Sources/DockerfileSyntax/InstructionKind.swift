/// The Dockerfile instructions BuildKit knows, plus `unknown` for anything else.
public enum InstructionKind: String, Sendable, Hashable, CaseIterable {
    case add = "ADD"
    case arg = "ARG"
    case cmd = "CMD"
    case copy = "COPY"
    case entrypoint = "ENTRYPOINT"
    case env = "ENV"
    case expose = "EXPOSE"
    case from = "FROM"
    case healthcheck = "HEALTHCHECK"
    case label = "LABEL"
    case maintainer = "MAINTAINER"
    case onbuild = "ONBUILD"
    case run = "RUN"
    case shell = "SHELL"
    case stopsignal = "STOPSIGNAL"
    case user = "USER"
    case volume = "VOLUME"
    case workdir = "WORKDIR"
    case unknown = ""

    /// Instructions whose arguments may be a JSON array (exec form).
    public var acceptsExecForm: Bool {
        switch self {
        case .run, .cmd, .entrypoint, .shell, .copy, .add, .volume, .healthcheck: true
        default: false
        }
    }

    /// Instructions that may carry here-documents.
    public var acceptsHeredocs: Bool {
        switch self {
        case .run, .copy, .add: true
        default: false
        }
    }

    /// Instructions that may legitimately have no arguments.
    public var allowsEmptyArguments: Bool { false }
}
