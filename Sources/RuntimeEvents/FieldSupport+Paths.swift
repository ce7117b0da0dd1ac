extension FieldSupport {
    /// The descriptor argument that path argument `name` of `event` resolves against; when the event has no such
    /// argument (`mkdir`, `rename`…) or it is `AT_FDCWD`, the path resolves against the working directory.
    static func directoryArgument(of event: RuntimeEvent, forPath name: String) -> String {
        switch event.type {
        case .renameat, .renameat2: return name == "oldpath" ? "olddirfd" : "newdirfd"
        case .linkat: return name == "oldpath" ? "olddir" : "newdir"
        case .symlinkat: return "linkdirfd"
        default: return "dirfd"
        }
    }

    /// `fs.path.*`: path argument `name` of `event` resolved (``PathResolution``) against the working directory or
    /// the directory its descriptor argument names in `table`; nil when the event has no such argument.
    static func resolvedPath(_ name: String, of event: RuntimeEvent, in table: ProcessTable) -> String? {
        event.argument(name).flatMap { resolved($0, argument: name, of: event, in: table) }
    }

    /// `fs.path.name`: the first of `name`, `path`, `pathname` and `filename` that `event` has, resolved as
    /// ``resolvedPath(_:of:in:)`` does (one lookup per name).
    static func resolvedPrimaryPath(of event: RuntimeEvent, in table: ProcessTable) -> String? {
        for name in ["name", "path", "pathname", "filename"] {
            if let value = event.argument(name) { return resolved(value, argument: name, of: event, in: table) }
        }
        return nil
    }

    private static func resolved(
        _ value: ArgumentValue,
        argument name: String,
        of event: RuntimeEvent,
        in table: ProcessTable
    ) -> String? {
        guard let raw = value.stringValue else { return nil }
        if raw.isEmpty || PathResolution.isResolved(raw) { return raw }
        let dirfd = event.argument(directoryArgument(of: event, forPath: name))?.integerValue
        let base = PathResolution.base(dirfd: dirfd, cwd: event.thread.cwd) {
            table.fileDescriptor($0, of: event.thread.pid)?.name
        }
        return PathResolution.resolve(raw, against: base)
    }
}
