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

    /// A text in the scratch buffer, or one that did not fit.
    enum Text {
        case scratch(start: Int, count: Int)
        case string(String)
        case missing
    }

    let scratch: UnsafeMutableBufferPointer<UInt8>
    var used = 0
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
    var fdName: Cached<Text> = .unknown
    /// True once the descriptor's recorded name was found to be its resolved `fd.name` (no scan needed again).
    var fdNameIsRecorded = false
    var commandLine: Cached<Text> = .unknown
    var arguments: Cached<Text> = .unknown

    init(scratch: UnsafeMutableBufferPointer<UInt8>) { self.scratch = scratch }

    mutating func descriptor(_ event: RuntimeEvent, _ table: ProcessTable) -> FileDescriptorInfo? {
        if case .value(let fd) = descriptor { return fd }
        let fd = EventFields.descriptor(of: event, in: table)
        descriptor = .value(fd)
        return fd
    }

    mutating func loadParent(_ event: RuntimeEvent, _ table: ProcessTable) {
        guard !parentLoaded else { return }
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
            return .string(((first.map { [$0] } ?? []) + rest).joined(separator: separator))
        }
        return .scratch(start: start, count: used - start)
    }

    private mutating func append(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            guard bytes.count <= scratch.count - used, let base = scratch.baseAddress else { return false }
            if let source = bytes.baseAddress { (base + used).update(from: source, count: bytes.count) }
            used += bytes.count
            return true
        }
    }

    func withText<R>(_ text: Text, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        switch text {
        case .scratch(let start, let count):
            return body(UnsafeBufferPointer(rebasing: scratch[start..<(start + count)]))
        case .string(let string):
            return Self.withBytes(string, body)
        case .missing:
            return nil
        }
    }

    @inline(__always)
    static func withBytes<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = string
        return copy.withUTF8(body)
    }
}
