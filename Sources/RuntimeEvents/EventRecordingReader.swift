import SecurityModel

/// Reads a recording line by line, so a caller can stream a large file: the first non-empty line must be
/// the header; each later line yields an event or, when bad, a diagnostic and a skip.
public struct EventRecordingReader: Sendable {
    /// Bounds that keep hostile recordings from exhausting memory.
    public struct Limits: Sendable, Hashable {
        /// Longest accepted line in bytes (without the newline); longer lines are skipped.
        public var maximumLineBytes: Int
        /// Diagnostics kept; later bad lines are only counted.
        public var maximumDiagnostics: Int
        /// Most arguments accepted on one event.
        public var maximumArguments: Int
        /// Most container descriptions remembered for `{"id":…}` references; past it the oldest are forgotten.
        public var maximumContainers: Int

        /// Creates limits (defaults: 1 MiB lines, 100 diagnostics, 64 arguments, 16 384 containers).
        public init(
            maximumLineBytes: Int = 1 << 20,
            maximumDiagnostics: Int = 100,
            maximumArguments: Int = 64,
            maximumContainers: Int = 16_384
        ) {
            self.maximumLineBytes = maximumLineBytes
            self.maximumDiagnostics = maximumDiagnostics
            self.maximumArguments = maximumArguments
            self.maximumContainers = maximumContainers
        }
    }

    /// The recording's name used in diagnostics.
    public let source: String
    public let limits: Limits
    /// Lines read so far (the number of the last line).
    public private(set) var lineNumber = 0
    /// The header's version, once read.
    public private(set) var version: Int?
    /// Kept diagnostics.
    public private(set) var diagnostics: [RecordingDiagnostic] = []
    /// Event lines skipped because they were bad.
    public private(set) var skippedLines = 0
    /// Container descriptions seen, for lines that carry only the container id.
    private var containers: [String: ContainerInfo] = [:]
    private var containerOrder: [String] = []
    /// Decode event lines with the original `JSONValue`-based decoder (``RecordingReferenceDecoder``) instead
    /// of the byte-level one; for differential tests.
    var usesReferenceDecoder = false
    /// Strings and thread objects the decoder made recently, shared between events.
    private var caches = RecordingLineDecoder.Caches()

    /// Creates a reader.
    public init(source: String = "<recording>", limits: Limits = .init()) {
        self.source = source
        self.limits = limits
    }

    /// Reads the next line (without its newline; a trailing carriage return is ignored). Returns the event
    /// it holds, or nil for the header, an empty line, or a bad line (then recorded in ``diagnostics``).
    /// Throws when the first non-empty line is not a supported header.
    public mutating func read(line: some BidirectionalCollection<UInt8>) throws(EventRecordingError) -> RuntimeEvent? {
        // The event is filled in place (it is large: never copied), then moved out.
        let (event, failure) =
            line.withContiguousStorageIfAvailable { read(bytes: $0) }
            ?? Array(line).withUnsafeBufferPointer { read(bytes: $0) }
        if let failure { throw failure }
        return event
    }

    /// ``read(line:)`` for a slice of an array of bytes (the usual caller), without generic dispatch.
    public mutating func read(line: ArraySlice<UInt8>) throws(EventRecordingError) -> RuntimeEvent? {
        let (event, failure) = line.withUnsafeBufferPointer { read(bytes: $0) }
        if let failure { throw failure }
        return event
    }

    /// ``read(line:)`` for an array of bytes, without generic dispatch.
    public mutating func read(line: [UInt8]) throws(EventRecordingError) -> RuntimeEvent? {
        let (event, failure) = line.withUnsafeBufferPointer { read(bytes: $0) }
        if let failure { throw failure }
        return event
    }

    /// Reads one line: its event, or the error that makes the whole recording unreadable.
    private mutating func read(
        bytes line: UnsafeBufferPointer<UInt8>
    ) -> (RuntimeEvent?, EventRecordingError?) {
        var event = RecordingLineDecoder.blankEvent
        var decoded = false
        let failure = read(bytes: line, into: &event, decoded: &decoded)
        return (decoded ? event : nil, failure)
    }

    /// Reads one line into `event` (which starts blank; `decoded` tells whether it holds an event); returns the
    /// error that makes the whole recording unreadable, if any.
    private mutating func read(
        bytes line: UnsafeBufferPointer<UInt8>,
        into event: inout RuntimeEvent,
        decoded: inout Bool
    ) -> EventRecordingError? {
        lineNumber += 1
        var count = line.count
        if count > 0, line[count - 1] == 0x0D { count -= 1 }
        let bytes = UnsafeBufferPointer(rebasing: line[..<count])
        if count == 0 || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        if count > limits.maximumLineBytes {
            if version == nil {
                return EventRecordingError(
                    code: .missingHeader,
                    source: source,
                    line: lineNumber,
                    message: "first line is \(count) bytes, longer than the limit of \(limits.maximumLineBytes)"
                )
            }
            skip("line is \(count) bytes, longer than the limit of \(limits.maximumLineBytes)")
            return nil
        }
        if version == nil {
            do {
                try readHeader(Array(bytes))
            } catch {
                return error
            }
            return nil
        }
        let outcome =
            usesReferenceDecoder
            ? RecordingReferenceDecoder.decode(Array(bytes), maximumArguments: limits.maximumArguments, into: &event)
            : RecordingLineDecoder.decode(
                bytes,
                maximumArguments: limits.maximumArguments,
                into: &event,
                caches: &caches
            )
        if let message = outcome.skipped {
            skip(message)
            return nil
        }
        decoded = true
        if let containerMembers = outcome.containerMembers {
            if containerMembers == 1, let known = containers[event.container.id] {
                event.container = known
            } else if containerMembers > 1 {
                remember(event.container)
            }
        }
        return nil
    }

    private mutating func remember(_ container: ContainerInfo) {
        if containers.updateValue(container, forKey: container.id) == nil {
            containerOrder.append(container.id)
            if containerOrder.count > max(1, limits.maximumContainers) {
                let drop = containerOrder.count / 2
                for id in containerOrder.prefix(drop) { containers[id] = nil }
                containerOrder.removeFirst(drop)
            }
        }
    }

    private mutating func skip(_ message: String) {
        skippedLines += 1
        if diagnostics.count < limits.maximumDiagnostics {
            diagnostics.append(RecordingDiagnostic(source: source, line: lineNumber, message: message))
        }
    }

    private mutating func readHeader(_ bytes: [UInt8]) throws(EventRecordingError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: bytes)
        } catch {
            throw EventRecordingError(
                code: .missingHeader,
                source: source,
                line: lineNumber,
                message: "the first line is not a recording header: \(error)",
                underlying: error
            )
        }
        guard let format = json["format"]?.stringValue else {
            throw EventRecordingError(
                code: .missingHeader,
                source: source,
                line: lineNumber,
                message:
                    "the first line has no \"format\" member; expected {\"format\":\"\(EventRecording.formatName)\",\"version\":\(EventRecording.version)}"
            )
        }
        guard format == EventRecording.formatName else {
            throw EventRecordingError(
                code: .unsupportedFormat,
                source: source,
                line: lineNumber,
                message: "format '\(format.prefix(64))' is not '\(EventRecording.formatName)'"
            )
        }
        guard let version = json["version"]?.integerValue, version >= 1 else {
            throw EventRecordingError(
                code: .missingHeader,
                source: source,
                line: lineNumber,
                message: "the header has no positive integer \"version\""
            )
        }
        guard version <= EventRecording.version else {
            throw EventRecordingError(
                code: .unsupportedVersion,
                source: source,
                line: lineNumber,
                message: "version \(version) is newer than the supported version \(EventRecording.version)"
            )
        }
        self.version = version
    }
}
