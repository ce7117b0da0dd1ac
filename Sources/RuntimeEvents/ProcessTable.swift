/// Rebuilds the process tree and each process's file descriptor table from an event stream, so that
/// fields such as `proc.pname`, `proc.aname[N]` and `fd.name` can be answered on replay as they are live.
///
/// Apply every event in order with ``apply(_:)`` (after evaluating rules on it, or before: the table is
/// only consulted for ancestors and for descriptors an event does not describe itself).
///
/// - clone/fork/vfork (parent side, result = child pid; not `CLONE_THREAD`): the child inherits the parent's
///   program, credentials and a copy of its descriptors.
/// - execve/execveat (result 0): the process takes the event's program, arguments and name; descriptors
///   opened with `O_CLOEXEC` are closed.
/// - exit/procexit of the main thread: the process is removed after its children are reparented to the
///   nearest child-subreaper ancestor, else to pid 1.
/// - open/openat/openat2/creat/memfd_create/socket/accept/accept4/userfaultfd: the result is a new
///   descriptor; connect/bind update a socket's tuple; close removes one; dup/dup2/dup3 copy one.
///
/// Memory is bounded: exited processes are removed, and past ``maximumProcesses`` the least recently
/// seen processes are evicted; past ``maximumDescriptorsPerProcess`` new descriptors are not tracked.
public struct ProcessTable: Sendable {
    /// Most processes kept.
    public let maximumProcesses: Int
    /// Most descriptors kept per process.
    public let maximumDescriptorsPerProcess: Int
    /// Most ancestors followed by ``ancestors(of:limit:)`` (a guard against parent cycles in bad input).
    public static let maximumAncestry = 256

    private var processes: [Key: Entry] = [:]
    /// Children by parent pid, kept in step with `processes` by `put` and `delete`.
    private var childrenByParent: [Key: Set<Key>] = [:]
    /// The parent pid of every process in `processes`, kept in step by `reindex`: ancestor walks read it instead of
    /// copying entries.
    private var parents: [Key: Int64] = [:]
    private var clock: UInt64 = 0
    /// Processes evicted because the table was full.
    public private(set) var evictedProcesses = 0
    /// Descriptors not tracked because a process had too many.
    public private(set) var droppedDescriptors = 0
    /// The descriptor name the last applied event changed, if it changed one.
    public private(set) var lastNameChange: DescriptorNameChange?
    /// True when `lastNameChange` is set (``setNameChange(_:)`` keeps them in step); tested instead of
    /// `lastNameChange != nil`, which copies it.
    private var holdsNameChange = false
    /// What identifies the last applied event when it changed a descriptor name, to tell ``nameChange(causedBy:)``
    /// whether it was applied yet. Not kept otherwise: an applied event that changed no name leaves its descriptor
    /// named as it says, so asking again finds no pending change either.
    /// Meaningful only while `holdsLastApplied`: clearing just drops the flag (not an optional, whose every
    /// assignment destroyed the old value through the generic `Optional` witness).
    private var lastApplied = AppliedEvent()
    /// True when `lastApplied` describes the last applied event.
    private var holdsLastApplied = false

    /// The parts of the last applied event that its process's record does not hold. Its thread (but for the thread
    /// id) and container id are the record's, which `apply` just stored: they are compared there instead of being
    /// copied for every event that renames a descriptor (a third of them; a whole event copy retains two dozen
    /// strings and arrays).
    private struct AppliedEvent: Sendable {
        var number: UInt64
        var timestamp: UInt64
        var type: EventType
        var result: Int64?
        var tid: Int64
        var arguments: [EventArgument]
        var fd: FileDescriptorInfo?

        /// Describes no event (``holdsLastApplied`` false).
        init() {
            number = 0
            timestamp = 0
            type = .open
            result = nil
            tid = 0
            arguments = []
            fd = nil
        }

        /// Describes `event`, field by field in place (building a new value and assigning it copied it once more).
        mutating func describe(_ event: RuntimeEvent) {
            number = event.number
            timestamp = event.timestamp
            type = event.type
            result = event.result
            tid = event.thread.tid
            arguments = event.arguments
            fd = event.fd
        }
    }

    private struct Entry: Sendable {
        var record: ProcessRecord
        var lastSeen: UInt64
        /// True when every number in `record.closeOnExec` is a key of `record.fileDescriptors`. The table's own
        /// updates keep it so (a descriptor enters and leaves both together); a seeded record is checked once.
        var closeOnExecIsTracked: Bool
    }

    /// A pid as a dictionary key, hashed with a multiply and a shift instead of SipHash: the table looks pids up
    /// several times per event. The per-dictionary seed still varies the layout between tables.
    private struct Key: Hashable, Sendable {
        var pid: Int64

        init(_ pid: Int64) { self.pid = pid }

        func hash(into hasher: inout Hasher) { hasher.combine(pid) }

        func _rawHashValue(seed: Int) -> Int {
            let mixed = (UInt64(bitPattern: pid) ^ UInt64(UInt(bitPattern: seed))) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed ^ (mixed >> 32))
        }
    }

    /// Creates an empty table.
    public init(maximumProcesses: Int = 65_536, maximumDescriptorsPerProcess: Int = 4_096) {
        self.maximumProcesses = max(1, maximumProcesses)
        self.maximumDescriptorsPerProcess = max(0, maximumDescriptorsPerProcess)
    }

    /// Number of processes known.
    public var count: Int { processes.count }

    /// Starts from a snapshot (the sensor reads /proc at start); replaces known processes of the same pid.
    public mutating func seed(_ records: some Sequence<ProcessRecord>) {
        for record in records { store(record) }
    }

    /// The process `pid`, or nil.
    public func process(_ pid: Int64) -> ProcessRecord? { processes[Key(pid)]?.record }

    /// The parent of `pid`, or nil when either is unknown.
    public func parent(of pid: Int64) -> ProcessRecord? {
        guard let me = processes[Key(pid)] else { return nil }
        let ppid = me.record.thread.ppid
        return ppid == pid ? nil : processes[Key(ppid)]?.record
    }

    /// The known ancestors of `pid`, nearest first (parent, grandparent…), at most `limit`; stops at the
    /// first unknown parent or at a cycle.
    public func ancestors(of pid: Int64, limit: Int = ProcessTable.maximumAncestry) -> [ProcessRecord] {
        var out: [ProcessRecord] = []
        forEachAncestor(of: pid, limit: limit) { record in
            out.append(record)
            return true
        }
        return out
    }

    /// Calls `body` with each known ancestor of `pid`, nearest first, as ``ancestors(of:limit:)`` lists them,
    /// until `body` returns false; allocates nothing.
    public func forEachAncestor(
        of pid: Int64,
        limit: Int = ProcessTable.maximumAncestry,
        _ body: (ProcessRecord) -> Bool
    ) {
        let bound = min(limit, ProcessTable.maximumAncestry)
        guard bound > 0 else { return }
        // The pids seen so far, to stop at a cycle: on the stack (at most 1 KiB, which needs no stack probe)
        // for the usual short chains, in a set past that.
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: Self.stackSeen) { seen in
            seen[0] = pid
            var seenCount = 1
            var overflow: Set<Int64> = []
            var current = pid
            var produced = 0
            while produced < bound, let entry = processes[Key(current)] {
                let ppid = entry.record.thread.ppid
                var cycle = overflow.contains(ppid)
                for index in 0..<seenCount where seen[index] == ppid {
                    cycle = true
                    break
                }
                guard !cycle, let parent = processes[Key(ppid)] else { return }
                produced += 1
                guard body(parent.record) else { return }
                if seenCount < Self.stackSeen {
                    seen[seenCount] = ppid
                    seenCount += 1
                } else {
                    overflow.insert(ppid)
                }
                current = ppid
            }
        }
    }

    private static let stackSeen = 128

    /// The `n`-th ancestor of `pid` (0 is the process itself, 1 its parent), or nil.
    public func ancestor(of pid: Int64, generation n: Int) -> ProcessRecord? {
        guard n >= 0 else { return nil }
        if n == 0 { return process(pid) }
        var found: ProcessRecord?
        var index = 0
        forEachAncestor(of: pid, limit: n) { record in
            index += 1
            if index == n { found = record }
            return index < n
        }
        return found
    }

    /// The thread of the `n`-th ancestor of `pid` (0 is the process itself, 1 its parent), or nil: the thread of
    /// ``ancestor(of:generation:)``, found without copying the records on the way.
    public func ancestorThread(of pid: Int64, generation n: Int) -> ThreadInfo? {
        guard n >= 0 else { return nil }
        if n == 0 { return processes[Key(pid)]?.record.thread }
        guard n <= ProcessTable.maximumAncestry else { return nil }
        // As forEachAncestor: stop at an unknown parent or at a cycle (the pids seen so far, on the stack for the
        // usual short chains, in a set past that). The walk yields the ancestor's pid and its thread is read once
        // afterwards: returning the thread through the closure moved it (320 bytes) several times.
        let found = withUnsafeTemporaryAllocation(of: Int64.self, capacity: Self.stackSeen) { seen -> Int64? in
            seen[0] = pid
            var seenCount = 1
            var overflow: Set<Int64> = []
            var current = pid
            for produced in 1...n {
                guard let ppid = parents[Key(current)] else { return nil }
                if overflow.contains(ppid) { return nil }
                for index in 0..<seenCount where seen[index] == ppid { return nil }
                guard parents[Key(ppid)] != nil else { return nil }
                if produced == n { return ppid }
                if seenCount < Self.stackSeen {
                    seen[seenCount] = ppid
                    seenCount += 1
                } else {
                    overflow.insert(ppid)
                }
                current = ppid
            }
            return nil
        }
        guard let found else { return nil }
        return processes[Key(found)]?.record.thread
    }

    /// The children of `pid` (a scan; for tests and tools, not the hot path).
    public func children(of pid: Int64) -> [ProcessRecord] {
        (childrenByParent[Key(pid)] ?? []).map(\.pid).sorted().compactMap { processes[Key($0)]?.record }
    }

    /// The descriptor `fd` of process `pid`, or nil.
    public func fileDescriptor(_ fd: Int64, of pid: Int64) -> FileDescriptorInfo? {
        processes[Key(pid)]?.record.fileDescriptors[fd]
    }

    /// The descriptor name `event` changes (`fd.name_changed`), whether or not it was applied yet: after
    /// ``apply(_:)`` the change it made, before it the change it would make. Nil when it changes none.
    public func nameChange(causedBy event: RuntimeEvent) -> DescriptorNameChange? {
        if isLastApplied(event) { return lastNameChange }
        return pendingNameChange(event)
    }

    /// True when `event` is the last applied event and that event changed a descriptor name: equal to it in its own
    /// parts (``AppliedEvent``), and in its thread and container id to its process's record, which `apply` set from
    /// it. (Container details other than the id are not compared: events of one container id carry the same.)
    private func isLastApplied(_ event: RuntimeEvent) -> Bool {
        guard holdsLastApplied, holdsNameChange, let change = lastNameChange else { return false }
        let applied = lastApplied
        let pid = event.thread.pid
        guard event.direction == .exit, pid == change.pid, event.number == applied.number,
            event.timestamp == applied.timestamp, event.type == applied.type, event.result == applied.result,
            event.thread.tid == applied.tid, event.arguments == applied.arguments, event.fd == applied.fd,
            let index = processes.index(forKey: Key(pid))
        else { return false }
        let record = processes.values[index].record
        guard record.containerID == event.container.id else { return false }
        var thread = event.thread
        thread.tid = record.thread.tid
        return thread == record.thread
    }

    /// Sets ``lastNameChange`` and `holdsNameChange`; storing nil over nil is skipped (a store destroys the old value).
    private mutating func setNameChange(_ change: consuming DescriptorNameChange?) {
        let holds = change != nil
        guard holds || holdsNameChange else { return }
        holdsNameChange = holds
        lastNameChange = change
    }

    /// Updates the table with one event.
    public mutating func apply(_ event: RuntimeEvent) {
        if holdsNameChange { setNameChange(nil) }
        guard event.direction == .exit else {
            holdsLastApplied = false
            return
        }
        defer {
            if holdsNameChange {
                lastApplied.describe(event)
                holdsLastApplied = true
            } else {
                holdsLastApplied = false
            }
        }
        // The name change (what ``pendingNameChange(_:)`` predicts) is found while the descriptor is added or
        // updated below: one lookup, no copies. The process update just above leaves descriptors as they were.
        let pid = event.thread.pid
        clock &+= 1
        // The event's own thread description is authoritative for its process.
        if let index = processes.index(forKey: Key(pid)) {
            // Updated in place: copying the entry out and back would retain all of it.
            var before: Int64 = 0
            let now = clock
            modify(&processes.values[index]) { entry in
                before = entry.record.thread.ppid
                entry.record.thread.update(from: event.thread)
                entry.record.thread.tid = pid
                if entry.record.containerID != event.container.id { entry.record.containerID = event.container.id }
                entry.lastSeen = now
            }
            if before != event.thread.ppid { reindex(pid, from: before, to: event.thread.ppid) }
        } else if !event.type.isExit {
            store(ProcessRecord(thread: event.thread, containerID: event.container.id))
        }
        let result = event.result ?? 0
        switch event.type {
        case .clone, .clone3, .fork, .vfork, .schedProcessFork:
            applyFork(
                event,
                childPID: event.type == .schedProcessFork ? event.argument("child_pid")?.integerValue ?? result : result
            )
        case .execve, .execveat, .schedProcessExec:
            guard result == 0 || event.type == .schedProcessExec else { return }
            updateEntry(pid) { entry in
                guard !entry.record.closeOnExec.isEmpty else { return }
                if entry.closeOnExecIsTracked, entry.record.closeOnExec.count == entry.record.fileDescriptors.count {
                    // Every descriptor is close-on-exec (the sets are equal): nothing survives, and nothing
                    // needs hashing or copying.
                    entry.record.fileDescriptors = [:]
                } else if entry.record.closeOnExec.count * 4 >= entry.record.fileDescriptors.count {
                    // Usually the table is shared with the parent that forked this process: removing in place
                    // would copy every descriptor first, so only the survivors are copied.
                    let closing = entry.record.closeOnExec
                    entry.record.fileDescriptors = entry.record.fileDescriptors.filter { !closing.contains($0.key) }
                } else {
                    for fd in entry.record.closeOnExec { entry.record.fileDescriptors[fd] = nil }
                }
                entry.record.closeOnExec = []
            }
        case .exit, .procexit:
            if event.thread.isMainThread { remove(pid) }
        case .chdir, .fchdir:
            guard result == 0, let cwd = newWorkingDirectory(event, pid: pid) else { return }
            update(pid) { $0.thread.cwd = cwd }
        case .open, .openat, .openat2, .creat, .memfdCreate, .socket, .accept, .accept4, .userfaultfd:
            guard result >= 0 else { return }
            let info = descriptor(for: event, number: result)
            let cloexec: Bool
            if case .flags(let flags) = event.argument("flags") {
                cloexec = flags.containsAny([.closeOnExec, .socketCloseOnExec, .memfdCloseOnExec])
            } else {
                cloexec = false
            }
            setNameChange(addDescriptor(info, to: pid, closeOnExec: cloexec))
        case .connect, .bind:
            // connect may complete later (EINPROGRESS); record the tuple either way.
            guard result == 0 || result == -115, let fdNumber = event.argument("fd")?.integerValue else { return }
            var change: DescriptorNameChange?
            update(pid) { record in
                guard let info = record.fileDescriptors[fdNumber] else { return }
                let connected = Self.connected(info, by: event, number: fdNumber)
                if info.name != connected.name {
                    change = DescriptorNameChange(
                        pid: pid,
                        descriptor: fdNumber,
                        previousName: info.name,
                        newName: connected.name
                    )
                }
                record.fileDescriptors[fdNumber] = connected
            }
            setNameChange(change)
        case .close:
            guard result == 0, let fdNumber = event.argument("fd")?.integerValue else { return }
            update(pid) { record in
                record.fileDescriptors[fdNumber] = nil
                record.closeOnExec.remove(fdNumber)
            }
        case .dup, .dup2, .dup3:
            guard result >= 0 else { return }
            let old = event.argument("oldfd")?.integerValue ?? event.argument("fd")?.integerValue
            guard let source = old.flatMap({ processes[Key(pid)]?.record.fileDescriptors[$0] }) ?? event.fd else {
                return
            }
            var copy = source
            copy.number = result
            var cloexec = false
            if case .flags(let flags) = event.argument("flags") { cloexec = flags.contains(.closeOnExec) }
            setNameChange(addDescriptor(copy, to: pid, closeOnExec: cloexec))
        case .prctl:
            let option = event.argument("option")
            let isSubreaper =
                option?.text == "PR_SET_CHILD_SUBREAPER" || (option?.integerValue == 36)
            guard result == 0, isSubreaper else { return }
            let on = (event.argument("arg2")?.integerValue ?? 1) != 0
            update(pid) { $0.isChildSubreaper = on }
        default:
            return
        }
    }

    // MARK: - Internals

    /// A socket descriptor after connect/bind: the event's own description, else the tuple argument.
    private static func connected(_ info: FileDescriptorInfo, by event: RuntimeEvent, number: Int64)
        -> FileDescriptorInfo
    {
        var info = info
        if let described = event.fd, described.number == number {
            info = described
        } else if case .socketTuple(let tuple) = event.argument("tuple") ?? event.argument("addr") {
            info.tuple = tuple
            info.name = tuple.description
        }
        if event.type == .connect, info.isServer == nil { info.isServer = false }
        return info
    }

    /// The name change applying `event` to the current table would make.
    private func pendingNameChange(_ event: RuntimeEvent) -> DescriptorNameChange? {
        guard event.direction == .exit else { return nil }
        let pid = event.thread.pid
        let result = event.result ?? 0
        let number: Int64
        let newName: String
        switch event.type {
        case .open, .openat, .openat2, .creat, .memfdCreate, .socket, .accept, .accept4, .userfaultfd:
            guard result >= 0 else { return nil }
            number = result
            newName = descriptor(for: event, number: result).name
        case .connect, .bind:
            guard result == 0 || result == -115, let fdNumber = event.argument("fd")?.integerValue,
                let info = fileDescriptor(fdNumber, of: pid)
            else { return nil }
            number = fdNumber
            newName = Self.connected(info, by: event, number: fdNumber).name
        case .dup, .dup2, .dup3:
            guard result >= 0 else { return nil }
            let old = event.argument("oldfd")?.integerValue ?? event.argument("fd")?.integerValue
            guard let source = old.flatMap({ fileDescriptor($0, of: pid) }) ?? event.fd else { return nil }
            number = result
            newName = source.name
        default:
            return nil
        }
        guard let previous = fileDescriptor(number, of: pid), previous.name != newName else { return nil }
        return DescriptorNameChange(pid: pid, descriptor: number, previousName: previous.name, newName: newName)
    }

    private mutating func applyFork(_ event: RuntimeEvent, childPID: Int64) {
        let parentPID = event.thread.pid
        if childPID == 0 {
            // Child side of clone: the event's thread is the child; it was stored above.
            return
        }
        guard childPID > 0 else { return }
        if case .flags(let flags) = event.argument("flags"), flags.contains(.cloneThread) { return }
        // A known child with this parent was already described by the child-side event; any other entry
        // with this pid is stale (the pid was reused) and is replaced.
        // Entries are read in place (`modify`): reading `processes.values[index]` copies the whole entry.
        if let index = processes.index(forKey: Key(childPID)) {
            var known = false
            modify(&processes.values[index]) { known = $0.record.thread.ppid == parentPID }
            if known { return }
        }
        guard let parentIndex = processes.index(forKey: Key(parentPID)) else { return }
        // One copy of the parent's record (its descriptor table is shared until either side changes it).
        var copied: ProcessRecord?
        var parentTracked = false
        modify(&processes.values[parentIndex]) { entry in
            copied = entry.record
            parentTracked = entry.closeOnExecIsTracked
        }
        guard var child = copied.take() else { return }
        child.thread.pid = childPID
        child.thread.tid = childPID
        child.thread.ppid = parentPID
        child.thread.vpid = nil
        child.isChildSubreaper = false
        store(child, closeOnExecIsTracked: parentTracked)
    }

    /// The working directory a successful `chdir` (its path resolved against the current one) or `fchdir` (the
    /// path of its descriptor) gives; nil when it cannot be known.
    private func newWorkingDirectory(_ event: RuntimeEvent, pid: Int64) -> String? {
        let path: String
        if event.type == .chdir {
            guard let argument = event.argument("path")?.stringValue else { return nil }
            let cwd = event.thread.cwd
            path = PathResolution.resolve(argument, against: cwd.hasPrefix("/") ? cwd : nil)
        } else {
            guard let fd = event.argument("fd")?.integerValue, let name = fileDescriptor(fd, of: pid)?.name else {
                return nil
            }
            path = PathResolution.resolve(name, against: nil)
        }
        return path.hasPrefix("/") ? path : nil
    }

    private func descriptor(for event: RuntimeEvent, number: Int64) -> FileDescriptorInfo {
        if var described = event.fd {
            described.number = number
            return described
        }
        switch event.type {
        case .memfdCreate:
            return FileDescriptorInfo(
                number: number,
                kind: .memfd,
                name: "memfd:" + (event.argument("name")?.text ?? "")
            )
        case .userfaultfd:
            return FileDescriptorInfo(number: number, kind: .userfaultfd, name: "")
        case .socket, .accept, .accept4:
            var tuple: SocketTuple?
            if case .socketTuple(let t) = event.argument("tuple") { tuple = t }
            let kind: FileDescriptorInfo.Kind
            switch tuple?.family ?? SocketTuple.Family(rawValue: event.argument("domain")?.text ?? "") {
            case .ipv4: kind = .ipv4
            case .ipv6: kind = .ipv6
            case .unix: kind = .unix
            case nil: kind = .unknown
            }
            return FileDescriptorInfo(
                number: number,
                kind: kind,
                name: tuple?.description ?? "",
                tuple: tuple,
                isServer: event.type == .socket ? nil : true
            )
        default:
            let path = event.argument("name")?.stringValue ?? event.argument("pathname")?.stringValue ?? ""
            var kind = FileDescriptorInfo.Kind.file
            if case .flags(let flags) = event.argument("flags"), flags.contains(.directory) { kind = .directory }
            return FileDescriptorInfo(number: number, kind: kind, name: path)
        }
    }

    /// Adds `info` to process `pid`; returns the name change it makes to a descriptor already open under that
    /// number (what ``pendingNameChange(_:)`` predicts).
    @discardableResult
    private mutating func addDescriptor(
        _ info: FileDescriptorInfo,
        to pid: Int64,
        closeOnExec: Bool
    ) -> DescriptorNameChange? {
        var dropped = false
        var change: DescriptorNameChange?
        let limit = maximumDescriptorsPerProcess
        update(pid) { record in
            guard let previous = record.fileDescriptors[info.number] else {
                if record.fileDescriptors.count >= limit {
                    dropped = true
                    return
                }
                record.fileDescriptors[info.number] = info
                if closeOnExec {
                    record.closeOnExec.insert(info.number)
                } else {
                    record.closeOnExec.remove(info.number)
                }
                return
            }
            if previous.name != info.name {
                change = DescriptorNameChange(
                    pid: pid,
                    descriptor: info.number,
                    previousName: previous.name,
                    newName: info.name
                )
            }
            record.fileDescriptors[info.number] = info
            if closeOnExec { record.closeOnExec.insert(info.number) } else { record.closeOnExec.remove(info.number) }
        }
        if dropped { droppedDescriptors += 1 }
        return change
    }

    private mutating func update(_ pid: Int64, _ body: (inout ProcessRecord) -> Void) {
        updateEntry(pid) { body(&$0.record) }
    }

    private mutating func updateEntry(_ pid: Int64, _ body: (inout Entry) -> Void) {
        guard let index = processes.index(forKey: Key(pid)) else { return }
        var before: Int64 = 0
        var after: Int64 = 0
        modify(&processes.values[index]) { entry in
            before = entry.record.thread.ppid
            body(&entry)
            after = entry.record.thread.ppid
        }
        if after != before { reindex(pid, from: before, to: after) }
    }

    @inline(__always)
    private func modify<Value>(_ value: inout Value, _ body: (inout Value) -> Void) { body(&value) }

    private mutating func put(_ entry: consuming Entry) {
        let pid = entry.record.pid
        let ppid = entry.record.thread.ppid
        let before = processes.updateValue(entry, forKey: Key(pid))?.record.thread.ppid
        if before != ppid { reindex(pid, from: before, to: ppid) }
    }

    private mutating func delete(_ pid: Int64) -> Entry? {
        guard let entry = processes.removeValue(forKey: Key(pid)) else { return nil }
        reindex(pid, from: entry.record.thread.ppid, to: nil)
        if let index = childrenByParent.index(forKey: Key(pid)), childrenByParent.values[index].isEmpty {
            childrenByParent.remove(at: index)
        }
        return entry
    }

    /// Moves `pid` from the children of `old` to those of `new`, in place. An emptied child set is kept while its
    /// parent is in the table (its next child then needs no allocation) and dropped otherwise.
    private mutating func reindex(_ pid: Int64, from old: Int64?, to new: Int64?) {
        if let old, let index = childrenByParent.index(forKey: Key(old)) {
            childrenByParent.values[index].remove(Key(pid))
            if childrenByParent.values[index].isEmpty, processes[Key(old)] == nil { childrenByParent.remove(at: index) }
        }
        if let new, new != pid { childrenByParent[Key(new), default: []].insert(Key(pid)) }
        parents[Key(pid)] = new
    }

    /// Adds `record`; `closeOnExecIsTracked` is computed when not given (see ``Entry/closeOnExecIsTracked``).
    private mutating func store(_ record: consuming ProcessRecord, closeOnExecIsTracked: Bool? = nil) {
        clock &+= 1
        let tracked =
            closeOnExecIsTracked ?? record.closeOnExec.allSatisfy { record.fileDescriptors[$0] != nil }
        put(Entry(record: record, lastSeen: clock, closeOnExecIsTracked: tracked))
        if processes.count > maximumProcesses { evictOldest() }
    }

    /// Removes the least recently seen eighth of the table (at least one), so eviction is amortised.
    private mutating func evictOldest() {
        let excess = processes.count - maximumProcesses
        let batch = max(excess, maximumProcesses / 8, 1)
        let victims = processes.sorted { $0.value.lastSeen < $1.value.lastSeen }.prefix(batch).map(\.key.pid)
        for pid in victims { _ = delete(pid) }
        evictedProcesses += victims.count
    }

    private mutating func remove(_ pid: Int64) {
        guard let gone = delete(pid) else { return }
        // Reparent to the nearest live child-subreaper ancestor, else to init.
        var reaper: Int64 = 1
        var current = gone.record.thread.ppid
        var steps = 0
        // The pids seen, to stop at a cycle: on the stack for the usual short chains, in a set past that.
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: Self.stackSeen) { seen in
            seen[0] = pid
            var seenCount = 1
            var overflow: Set<Int64> = []
            while steps < ProcessTable.maximumAncestry,
                !seen[0..<seenCount].contains(current), !overflow.contains(current),
                let index = processes.index(forKey: Key(current))
            {
                var isReaper = false
                var parent: Int64 = 0
                modify(&processes.values[index]) { entry in
                    isReaper = entry.record.isChildSubreaper
                    parent = entry.record.thread.ppid
                }
                if isReaper {
                    reaper = current
                    break
                }
                if seenCount < Self.stackSeen {
                    seen[seenCount] = current
                    seenCount += 1
                } else {
                    overflow.insert(current)
                }
                current = parent
                steps += 1
            }
        }
        // Taken out first: moving each child then finds no set to edit under the dead parent.
        guard let children = childrenByParent.removeValue(forKey: Key(pid)) else { return }
        for child in children {
            update(child.pid) { $0.thread.ppid = reaper }
        }
    }
}
