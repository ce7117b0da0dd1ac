extension EventFields {
    /// `evt.*`.
    static let eventFields: [FieldDefinition] = [
        FieldDefinition("evt.type", .string, "event type (`openat`, `execve`…)") { e, _, _ in .string(e.type.rawValue)
        },
        FieldDefinition("evt.num", .number, "event sequence number") { e, _, _ in .number(Int64(clamping: e.number)) },
        FieldDefinition("evt.rawtime", .number, "nanoseconds since the epoch") { e, _, _ in
            .number(Int64(clamping: e.timestamp))
        },
        FieldDefinition("evt.time", .string, "time of day, UTC, `HH:MM:SS.nnnnnnnnn`") { e, _, _ in
            let c = FieldSupport.civil(e.timestamp)
            return .string(c.time + "." + c.fraction)
        },
        FieldDefinition("evt.datetime", .string, "date and time, UTC, `YYYY-MM-DD HH:MM:SS.nnnnnnnnn`") { e, _, _ in
            let c = FieldSupport.civil(e.timestamp)
            return .string(c.date + " " + c.time + "." + c.fraction)
        },
        FieldDefinition("evt.time.iso8601", .string, "ISO 8601 time, UTC") { e, _, _ in
            let c = FieldSupport.civil(e.timestamp)
            return .string(c.date + "T" + c.time + "." + c.fraction + "Z")
        },
        FieldDefinition("evt.dir", .string, "`<` exit or `>` entry") { e, _, _ in .string(e.direction.rawValue) },
        FieldDefinition("evt.source", .string, "always `syscall`") { _, _, _ in .string("syscall") },
        FieldDefinition("evt.res", .string, "`SUCCESS` or the errno name (`ENOENT`)") { e, _, _ in
            e.result.map { .string(FieldSupport.resultText($0)) }
        },
        FieldDefinition("evt.rawres", .number, "the return value") { e, _, _ in e.result.map { .number($0) } },
        FieldDefinition("evt.failed", .boolean, "true when the return value is negative") { e, _, _ in
            .boolean(e.failed)
        },
        FieldDefinition("evt.arg", .string, argument: .key, "an argument as text, by name or position") {
            e,
            _,
            argument in
            switch argument {
            case .key(let name): return e.argument(name).map { .string($0.text) }
            case .index(let n): return n >= 0 && n < e.arguments.count ? .string(e.arguments[n].value.text) : nil
            case nil: return nil
            }
        },
        FieldDefinition("evt.rawarg", .number, argument: .key, "an integer or flags argument as a number") {
            e,
            _,
            argument in
            let value: ArgumentValue?
            switch argument {
            case .key(let name): value = e.argument(name)
            case .index(let n): value = n >= 0 && n < e.arguments.count ? e.arguments[n].value : nil
            case nil: value = nil
            }
            switch value {
            case .integer(let i): return .number(i)
            case .flags(let f): return .number(Int64(bitPattern: f.raw))
            default: return nil
            }
        },
        FieldDefinition("evt.args", .string, "all arguments, `name=value` separated by spaces") { e, _, _ in
            .string(e.arguments.map { "\($0.name)=\($0.value.text)" }.joined(separator: " "))
        },
        FieldDefinition("evt.buffer", .string, "the data buffer of read/write/send/recv-style events") { e, _, _ in
            switch e.argument("data") {
            case .string(let s): return .string(s)
            case .bytes(let b): return .string(String(decoding: b, as: UTF8.self))
            default: return nil
            }
        },
        FieldDefinition("evt.is_open_read", .boolean, "an open for reading") { e, _, _ in
            openFlags(e).map { .boolean(!$0.contains(.writeOnly) || $0.contains(.readWrite)) }
        },
        FieldDefinition("evt.is_open_write", .boolean, "an open for writing") { e, _, _ in
            openFlags(e).map { .boolean($0.containsAny([.writeOnly, .readWrite])) }
        },
        FieldDefinition("evt.is_open_create", .boolean, "an open with O_CREAT") { e, _, _ in
            openFlags(e).map { .boolean($0.contains(.create)) }
        },
        FieldDefinition("evt.is_open_exec", .boolean, "an open creating an executable file") { e, _, _ in
            guard let flags = openFlags(e) else { return nil }
            let mode = e.argument("mode")?.text ?? ""
            let executable = mode.contains("S_IXUSR") || mode.contains("S_IXGRP") || mode.contains("S_IXOTH")
            return .boolean(flags.contains(.exec) || (flags.contains(.create) && executable))
        },
        FieldDefinition(
            "fs.path.name",
            .string,
            "the path a file system call is about, resolved against the working directory or its dirfd"
        ) { e, t, _ in
            FieldSupport.resolvedPrimaryPath(of: e, in: t).map { .string($0) }
        },
        FieldDefinition(
            "fs.path.source",
            .string,
            "the source path of rename/link (resolved) or the target a symlink holds (as given)"
        ) { e, t, _ in
            if let old = FieldSupport.resolvedPath("oldpath", of: e, in: t) { return .string(old) }
            return e.argument("target").map { .string($0.text) }
        },
        FieldDefinition("fs.path.target", .string, "the new path of rename/link/symlink, resolved") { e, t, _ in
            (FieldSupport.resolvedPath("newpath", of: e, in: t) ?? FieldSupport.resolvedPath("linkpath", of: e, in: t))
                .map { .string($0) }
        },
    ]

    /// The flags of an open event, nil for other events.
    /// The open flags of `event` as `evt.is_open_read`, `evt.is_open_write`… read them: nil unless it is an
    /// open/openat/openat2/creat; its `flags` argument, else `O_CREAT|O_WRONLY` for creat and `O_RDONLY` otherwise.
    public static func openFlags(of event: RuntimeEvent) -> FlagSet? { openFlags(event) }

    private static func openFlags(_ e: RuntimeEvent) -> FlagSet? {
        guard e.type == .open || e.type == .openat || e.type == .openat2 || e.type == .creat else { return nil }
        if case .flags(let f) = e.argument("flags") { return f }
        return e.type == .creat ? FlagSet(names: ["O_CREAT", "O_WRONLY"]) : FlagSet(names: ["O_RDONLY"])
    }
}
