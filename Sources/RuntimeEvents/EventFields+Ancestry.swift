extension EventFields {
    /// The thread of an event's `n`-th ancestor as `proc.aname[n]` sees it: 0 is the event's own thread, 1 its
    /// parent (by the event's `ppid`), and so on through `table`. Allocates nothing.
    public static func ancestor(of event: RuntimeEvent, generation n: Int, in table: ProcessTable) -> ThreadInfo? {
        FieldSupport.ancestor(event, table, n)
    }

    /// Calls `body` with each ancestor thread that `proc.aname` (without index) lists, parent first, until it
    /// returns false. Returns false when there is no known ancestor (the field has no value). Allocates nothing.
    @discardableResult
    public static func forEachAncestor(
        of event: RuntimeEvent,
        in table: ProcessTable,
        _ body: (ThreadInfo) -> Bool
    ) -> Bool {
        let pid = event.thread.pid
        guard let parent = table.process(event.thread.ppid), parent.pid != pid else { return false }
        guard body(parent.thread) else { return true }
        table.forEachAncestor(of: parent.pid) { record in
            record.thread.pid == pid ? true : body(record.thread)
        }
        return true
    }

    /// `fd.name` of a descriptor: file and directory paths made absolute against `cwd`, with `.`, `..` and
    /// repeated `/` resolved; other names unchanged. Allocates only when the path needs rewriting.
    public static func resolvedName(of descriptor: FileDescriptorInfo, cwd: String?) -> String {
        FieldSupport.resolvedName(descriptor, cwd: cwd)
    }

    /// True when `fd.name` of `descriptor` is its recorded name unchanged (no resolution needed).
    public static func nameIsResolved(_ descriptor: FileDescriptorInfo) -> Bool {
        guard descriptor.kind == .file || descriptor.kind == .directory, !descriptor.name.isEmpty else { return true }
        return FieldSupport.isCleanAbsolutePath(descriptor.name)
    }
}

extension EventFields {
    /// The descriptor an event is about, as the `fd.*` fields see it: the event's own, else the table's entry for
    /// its `fd` argument.
    public static func descriptor(of event: RuntimeEvent, in table: ProcessTable) -> FileDescriptorInfo? {
        FieldSupport.descriptor(event, table)
    }
}
