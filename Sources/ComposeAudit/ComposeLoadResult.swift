/// What ``ComposeProjectLoader`` made of a file: the project (nil when the file as a whole is unusable), the
/// errors (file-level, or per service: those services are left out) and the warnings.
public struct ComposeLoadResult: Sendable, Hashable {
    /// The project, nil after a file-level error.
    public var project: ComposeProject?
    /// File-level and service-level errors, in file order.
    public var errors: [ComposeError]
    /// Warnings, in file order.
    public var warnings: [ComposeWarning]

    /// Creates a result.
    public init(project: ComposeProject?, errors: [ComposeError] = [], warnings: [ComposeWarning] = []) {
        self.project = project
        self.errors = errors
        self.warnings = warnings
    }
}
