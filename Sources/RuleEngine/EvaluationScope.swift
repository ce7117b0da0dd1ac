import RuntimeEvents

/// What the conditions evaluated on one event share: values derived from the event once (its descriptor, its
/// parent, `fd.name`, command lines), and a scratch buffer for the texts that must be assembled.
///
/// Lives on the stack for one ``RuleEngine/evaluate(_:table:statistics:)``; allocates only when an assembled
/// text does not fit the scratch buffer.
struct EvaluationScope {
    enum Cached<Value> {
        case unknown
        case value(Value)
    }

    /// A text in the scratch buffer (`start` >= 0), one that did not fit (in ``overflow`` at `-1 - start`), or none
    /// (``missing``). Plain integers, so that reading one retains nothing (an enum with a `String` case did).
    struct Text {
        var start: Int
        var count: Int

        /// No text.
        static let missing = Text(start: 0, count: -1)

        /// `count` bytes at `start` in the scratch buffer.
        static func scratch(start: Int, count: Int) -> Text { Text(start: start, count: count) }
    }

    let scratch: UnsafeMutableBufferPointer<UInt8>
    var used = 0
    /// The texts that did not fit the scratch buffer (rare: empty unless a text is longer than the space left).
    var overflow: [String] = []
    /// Checks run so far.
    var checksRun = 0
    /// Checks computed so far (not answered from the engine's per-event memo).
    var checksComputed = 0
    var descriptor: Cached<FileDescriptorInfo?> = .unknown
    /// The parent's texts (`proc.pname`…), loaded together once; nil strings when there is no known parent.
    var parentLoaded = false
    var parentName: String?
    var parentExe: String?
    var parentExePath: String?
    var parentArguments: [String] = []
    /// True once ``descriptorKind``, ``resolvedName`` and ``recordedName`` are loaded (``loadDescriptorNames``).
    var descriptorNamesLoaded = false
    /// The kind of the event's descriptor, nil when it has none.
    var descriptorKind: FileDescriptorInfo.Kind?
    /// The descriptor's `fd.name` (its recorded name resolved against the working directory), copied once.
    var resolvedName: Text = .missing
    /// The descriptor's recorded name (`fd.nameraw`), copied once.
    var recordedName: Text = .missing
    /// The open flags that `evt.is_open_read`/`evt.is_open_write` test, read once (nil inner: not an open).
    var openFlagsLoaded = false
    var openFlagBits: (writeOnly: Bool, readWrite: Bool)?
    var commandLine: Cached<Text> = .unknown
    var arguments: Cached<Text> = .unknown

    init(scratch: UnsafeMutableBufferPointer<UInt8>) { self.scratch = scratch }

    /// Whether the event's open flags (``EventFields/openFlags(of:)``) hold `O_WRONLY` and `O_RDWR`; nil when the
    /// event is not an open.
    mutating func openFlags(_ event: RuntimeEvent) -> (writeOnly: Bool, readWrite: Bool)? {
        if openFlagsLoaded { return openFlagBits }
        openFlagsLoaded = true
        openFlagBits = EventFields.openFlags(of: event).map { ($0.contains(.writeOnly), $0.contains(.readWrite)) }
        return openFlagBits
    }

    mutating func descriptor(_ event: RuntimeEvent, _ table: ProcessTable) -> FileDescriptorInfo? {
        if case .value(let fd) = descriptor { return fd }
        let fd = EventFields.descriptor(of: event, in: table)
        descriptor = .value(fd)
        return fd
    }

    @inline(__always)
    mutating func loadParent(_ event: RuntimeEvent, _ table: ProcessTable) {
        if !parentLoaded { loadParentOnce(event, table) }
    }

    /// ``loadParent(_:_:)`` the first time (kept out of line, so that the check above inlines).
    @inline(never)
    private mutating func loadParentOnce(_ event: RuntimeEvent, _ table: ProcessTable) {
        parentLoaded = true
        guard let thread = EventFields.ancestor(of: event, generation: 1, in: table) else { return }
        parentName = thread.comm
        parentExe = thread.exe
        parentExePath = thread.exePath
        parentArguments = thread.args
    }

    /// The kind and recorded name of the event's descriptor, without copying the whole descriptor when the
    /// event carries it.
    mutating func descriptorParts(
        _ event: RuntimeEvent,
        _ table: ProcessTable
    ) -> (kind: FileDescriptorInfo.Kind, name: String)? {
        if let kind = event.fd?.kind, let name = event.fd?.name { return (kind, name) }
        guard let fd = descriptor(event, table) else { return nil }
        return (fd.kind, fd.name)
    }

    /// Loads the descriptor's kind and names once per event, the names copied to the scratch buffer, so that the
    /// many checks on `fd.name` and its relatives read bytes without touching the event's strings again.
    @inline(__always)
    mutating func loadDescriptorNames(_ event: RuntimeEvent, _ table: ProcessTable) {
        if !descriptorNamesLoaded { loadDescriptorNamesOnce(event, table) }
    }

    /// ``loadDescriptorNames(_:_:)`` the first time (kept out of line, so that the check above inlines).
    @inline(never)
    private mutating func loadDescriptorNamesOnce(_ event: RuntimeEvent, _ table: ProcessTable) {
        descriptorNamesLoaded = true
        guard let fd = descriptorParts(event, table) else { return }
        descriptorKind = fd.kind
        recordedName = copy(fd.name)
        // EventFields.resolvedName, without building the string when the recorded name is already resolved.
        let descriptor = FileDescriptorInfo(number: 0, kind: fd.kind, name: fd.name)
        if EventFields.nameIsResolved(descriptor) {
            resolvedName = recordedName
        } else {
            resolvedName = copy(EventFields.resolvedName(of: descriptor, cwd: event.thread.cwd))
        }
    }

    /// `text` in the scratch buffer, or kept as a string when it does not fit.
    private mutating func copy(_ text: String) -> Text {
        let start = used
        guard append(text) else { return keep(text) }
        return .scratch(start: start, count: used - start)
    }

    /// `text` kept in ``overflow``.
    private mutating func keep(_ text: String) -> Text {
        overflow.append(text)
        return Text(start: -overflow.count, count: 0)
    }

    /// Appends `first` (when given) and `rest`, joined by spaces, to the scratch buffer.
    mutating func assemble(_ first: String?, _ rest: [String], separator: String = " ") -> Text {
        let start = used
        var fits = true
        var separate = false
        if let first {
            fits = append(first)
            separate = true
        }
        for part in rest where fits {
            fits = (!separate || append(separator)) && append(part)
            separate = true
        }
        guard fits else {
            used = start
            return keep(((first.map { [$0] } ?? []) + rest).joined(separator: separator))
        }
        return .scratch(start: start, count: used - start)
    }

    private mutating func append(_ text: String) -> Bool {
        let scratch = scratch
        let used = used
        let appended: Int? = Self.withBytes(text) { bytes in
            guard bytes.count <= scratch.count - used, let base = scratch.baseAddress else { return nil }
            if let source = bytes.baseAddress { (base + used).update(from: source, count: bytes.count) }
            return bytes.count
        }
        guard let appended else { return false }
        self.used += appended
        return true
    }

    /// Calls `body` with the bytes of `text`; nil when it is missing. Mutating only so that calls through the
    /// `inout` scope use it in place: a non-mutating call copied the whole scope (300 bytes and its strings) first.
    @inline(__always)
    mutating func withText<R>(_ text: Text, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        if text.start >= 0 {
            guard text.count >= 0 else { return nil }
            return body(UnsafeBufferPointer(rebasing: scratch[text.start..<(text.start + text.count)]))
        }
        let index = -1 - text.start
        guard index < overflow.count else { return nil }
        return Self.withBytes(overflow[index], body)
    }

    @inline(__always)
    static func withBytes<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = string
        return copy.withUTF8(body)
    }
}
