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
        guard let raw = event.argument(name)?.stringValue else { return nil }
        if raw.isEmpty || PathResolution.isResolved(raw) { return raw }
        let dirfd = event.argument(directoryArgument(of: event, forPath: name))?.integerValue
        let base = PathResolution.base(dirfd: dirfd, cwd: event.thread.cwd) {
            table.fileDescriptor($0, of: event.thread.pid)?.name
        }
        return PathResolution.resolve(raw, against: base)
    }

    /// The name of the path argument `fs.path.name` reads: `name`, `path`, `pathname` or `filename`, the first
    /// the event has.
    static func primaryPathArgument(of event: RuntimeEvent) -> String? {
        for name in ["name", "path", "pathname", "filename"] where event.argument(name) != nil { return name }
        return nil
    }
}
