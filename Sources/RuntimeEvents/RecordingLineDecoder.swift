/// Decodes one event line of a recording straight from its bytes to a ``RuntimeEvent``, in one pass and
/// without building a `JSONValue` tree: keys are matched by their bytes (``RecordingKey``), numbers are read
/// from bytes, and only the strings the event keeps are created.
///
/// The result, and every diagnostic, is the same as decoding the line with `JSONParser` and
/// `RuntimeEvent(json:)` (``RecordingReferenceDecoder``, which the differential tests compare against):
/// the whole line is checked as strict JSON first (a syntax error anywhere wins), and of the members that are
/// wrong, the one the reference checks first is reported. To get that order in one pass, each object keeps
/// only its first problem by *rank* (``FirstProblem``): the position of the check in the reference's order,
/// then the element index inside an array or map.
struct RecordingLineDecoder {
    typealias SyntaxError = JSONByteScanner.SyntaxError

    /// What one line holds besides its event.
    struct Outcome {
        /// The member count of the event's `container` object, when it has one.
        var containerMembers: Int?
        /// For a bad line, the diagnostic message.
        var skipped: String?

        /// A bad line.
        static func skipped(_ message: String) -> Outcome { Outcome(skipped: message) }
    }

    /// The problem of an object that the reference decoder would report: the lowest-ranked one noted.
    struct FirstProblem {
        private var position = Int.max
        private var element = Int.max
        private(set) var error: RecordingFieldError?

        /// Notes a problem found by the check at `position` (for `element` of an array or map there).
        @inline(__always)
        mutating func note(_ position: Int, _ element: Int = 0, _ make: @autoclosure () -> RecordingFieldError) {
            guard position < self.position || (position == self.position && element < self.element) else { return }
            self.position = position
            self.element = element
            error = make()
        }

        /// Notes a problem of a nested object, found by the check at `position`.
        @inline(__always)
        mutating func note(_ position: Int, nested: RecordingFieldError?) {
            if let nested { note(position, 0, nested) }
        }
    }

    /// A member's value as the member wants it: null, the value, or a value of another type.
    enum Read<Value> {
        case null
        case value(Value)
        case wrong
    }

    /// What a reader keeps from line to line to decode faster: strings and thread objects seen recently.
    /// Neither changes what a line decodes to.
    struct Caches: Sendable {
        var strings = RecordingStringCache()
        var threads = RecordingObjectCache<ThreadInfo>()
        var arguments = RecordingObjectCache<ArgumentValue>()
    }

    private var scanner: JSONByteScanner
    private var threads: RecordingObjectCache<ThreadInfo>
    private var argumentObjects: RecordingObjectCache<ArgumentValue>

    private init(_ bytes: UnsafeBufferPointer<UInt8>, caches: Caches) {
        scanner = JSONByteScanner(bytes, strings: caches.strings)
        threads = caches.threads
        argumentObjects = caches.arguments
    }

    /// The cases of a string enumeration by their packed names, to look names up without creating a `String`
    /// (names longer than 16 bytes are left out: they are looked up as strings).
    private static func table<T: RawRepresentable & CaseIterable>(_: T.Type) -> [JSONKey: T]
    where T.RawValue == String {
        var table: [JSONKey: T] = [:]
        for value in T.allCases where value.rawValue.utf8.count <= 16 {
            table[Array(value.rawValue.utf8).withUnsafeBufferPointer { JSONKey($0) }] = value
        }
        return table
    }

    private static let eventTypes = table(EventType.self)
    private static let directions = table(EventDirection.self)
    private static let descriptorKinds = table(FileDescriptorInfo.Kind.self)
    private static let families = table(SocketTuple.Family.self)
    private static let protocols = table(SocketTuple.L4Protocol.self)

    private static let argumentMessage = "expected a string, an integer, or an object with path, flags, tuple or bytes"

    /// Decodes one line (without its newline) that follows the header, filling its event into `event`
    /// member by member (the event is large: built in place, it is never copied), or says why it is skipped.
    /// `event` must start as ``blankEvent``; it holds the line's event when the outcome is not `skipped`.
    /// `caches` is carried from line to line (``Caches``).
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        maximumArguments: Int,
        into event: inout RuntimeEvent,
        caches: inout Caches
    ) -> Outcome {
        var decoder = RecordingLineDecoder(bytes, caches: caches)
        caches = Caches()
        defer {
            caches = Caches(
                strings: decoder.scanner.strings,
                threads: decoder.threads,
                arguments: decoder.argumentObjects
            )
        }
        do {
            return try decoder.decodeLine(maximumArguments: maximumArguments, into: &event)
        } catch {
            return .skipped(error.description)
        }
    }

    /// The event that ``decode(_:maximumArguments:into:caches:)`` fills in: every member at the default the format
    /// gives an absent member.
    static let blankEvent = RuntimeEvent(timestamp: 0, type: .open, thread: ThreadInfo(pid: 0))

    private mutating func decodeLine(
        maximumArguments: Int,
        into event: inout RuntimeEvent
    ) throws(SyntaxError) -> Outcome {
        scanner.skipWhitespace()
        let c = try scanner.startValue(depth: 0)
        guard c == UInt8(ascii: "{") else {
            try scanner.skipValue(depth: 0)
            try finishLine()
            return .skipped("expected an object")
        }
        return try scanEvent(maximumArguments: maximumArguments, into: &event)
    }

    private mutating func finishLine() throws(SyntaxError) {
        scanner.skipWhitespace()
        if !scanner.isAtEnd { throw scanner.fail("unexpected trailing characters") }
    }

    @inline(__always)
    private static func claim(_ seen: inout UInt32, _ bit: Int) -> Bool {
        let mask: UInt32 = 1 << UInt32(bit)
        if seen & mask != 0 { return false }
        seen |= mask
        return true
    }

    // MARK: The event

    // Check positions, in the reference's order.
    private enum EventCheck {
        static let type = 1, threadObject = 2, args = 3, num = 4, ts = 5, dir = 6, res = 7, thread = 8
        static let fd = 9, container = 10
    }

    private mutating func scanEvent(
        maximumArguments: Int,
        into e: inout RuntimeEvent
    ) throws(SyntaxError) -> Outcome {
        var problem = FirstProblem()
        var type: EventType?
        var hasType = false
        var hasFormat = false
        var argumentCount: Int?
        var hasThread = false
        var threadIsObject = false
        var containerMembers: Int?
        var seen: UInt32 = 0
        if scanner.enterObject() {
            repeat {
                let key = try scanner.readKey()
                guard let field = RecordingKey.event(key), Self.claim(&seen, field.rawValue) else {
                    try scanner.skipValue(depth: 1)
                    continue
                }
                switch field {
                case .num:
                    e.number = try unsigned(1, &problem, EventCheck.num, "num") ?? 0
                case .ts:
                    e.timestamp = try unsigned(1, &problem, EventCheck.ts, "ts") ?? 0
                case .type:
                    hasType = true
                    switch try readEnumeration(1, Self.eventTypes) {
                    case .null: break
                    case .value(let value): type = value
                    case .wrong:
                        problem.note(
                            EventCheck.type,
                            0,
                            RecordingFieldError(path: "type", message: "expected a string")
                        )
                    case .unknown(let name):
                        problem.note(
                            EventCheck.type,
                            0,
                            RecordingFieldError(path: "type", message: "unknown event type '\(name.prefix(64))'")
                        )
                    }
                case .dir:
                    e.direction = try enumeration(1, &problem, EventCheck.dir, "dir", Self.directions) ?? .exit
                case .res:
                    e.result = try integer(1, &problem, EventCheck.res, "res")
                case .args:
                    switch try scanner.startValue(depth: 1) {
                    case UInt8(ascii: "{"):
                        argumentCount = try scanArguments(into: &e.arguments, &problem)
                    case UInt8(ascii: "n"):
                        try scanner.literal("null")
                    default:
                        try scanner.skipValue(depth: 1)
                        problem.note(
                            EventCheck.args,
                            0,
                            RecordingFieldError(path: "args", message: "expected an object")
                        )
                    }
                case .thread:
                    switch try scanner.startValue(depth: 1) {
                    case UInt8(ascii: "{"):
                        threadIsObject = true
                        let start = scanner.index
                        let slot = RecordingObjectCache<ThreadInfo>.slot(scanner.bytes, at: start)
                        if let (thread, length) = threads.value(scanner.bytes, at: start, slot: slot) {
                            e.thread = thread
                            scanner.index = start + length
                            hasThread = true
                        } else {
                            let error = try scanThread(1, into: &e.thread)
                            hasThread = error == nil
                            problem.note(EventCheck.thread, nested: error)
                            if hasThread {
                                threads.keep(e.thread, scanner.bytes, from: start, to: scanner.index, slot: slot)
                            }
                        }
                    case UInt8(ascii: "n"):
                        try scanner.literal("null")
                    default:
                        try scanner.skipValue(depth: 1)
                        problem.note(
                            EventCheck.threadObject,
                            0,
                            RecordingFieldError(path: "thread", message: "expected an object")
                        )
                    }
                case .fd:
                    switch try scanner.startValue(depth: 1) {
                    case UInt8(ascii: "{"):
                        let (value, error) = try scanDescriptor(1)
                        e.fd = value
                        problem.note(EventCheck.fd, nested: error)
                    case UInt8(ascii: "n"):
                        try scanner.literal("null")
                    default:
                        try scanner.skipValue(depth: 1)
                        problem.note(EventCheck.fd, 0, RecordingFieldError(path: "fd", message: "expected an object"))
                    }
                case .container:
                    switch try scanner.startValue(depth: 1) {
                    case UInt8(ascii: "{"):
                        let (value, members, error) = try scanContainer(1)
                        e.container = value
                        containerMembers = members
                        problem.note(EventCheck.container, nested: error)
                    case UInt8(ascii: "n"):
                        try scanner.literal("null")
                    default:
                        try scanner.skipValue(depth: 1)
                        problem.note(
                            EventCheck.container,
                            0,
                            RecordingFieldError(path: "container", message: "expected an object")
                        )
                    }
                case .format:
                    hasFormat = true
                    try scanner.skipValue(depth: 1)
                }
            } while try scanner.nextMember()
        }
        try finishLine()
        if let count = argumentCount, count > maximumArguments {
            return .skipped("args: \(count) arguments, more than the limit of \(maximumArguments)")
        }
        if hasFormat, !hasType { return .skipped("a second header line") }
        if type == nil { problem.note(EventCheck.type, 0, RecordingFieldError(path: "type", message: "missing")) }
        if !threadIsObject {
            problem.note(EventCheck.threadObject, 0, RecordingFieldError(path: "thread", message: "missing"))
        }
        if let error = problem.error {
            return .skipped(error.path.isEmpty ? error.message : "\(error.path): \(error.message)")
        }
        guard let type, hasThread else { return .skipped("internal error: unresolved event") }
        e.type = type
        return Outcome(containerMembers: containerMembers, skipped: nil)
    }

    // MARK: Typed members

    /// Skips a value that is not what the member wants; true when it was `null`.
    @inline(__always)
    private mutating func skipOther(_ depth: Int) throws(SyntaxError) -> Bool {
        if try scanner.startValue(depth: depth) == UInt8(ascii: "n") {
            try scanner.literal("null")
            return true
        }
        try scanner.skipValue(depth: depth)
        return false
    }

    @inline(__always)
    private mutating func readInteger(_ depth: Int) throws(SyntaxError) -> Read<Int> {
        let c = try scanner.startValue(depth: depth)
        if c == UInt8(ascii: "-") || c &- UInt8(ascii: "0") < 10 {
            if case .integer(let i) = try scanner.number() { return .value(i) }
            return .wrong
        }
        return try skipOther(depth) ? .null : .wrong
    }

    @inline(__always)
    private mutating func readString(_ depth: Int) throws(SyntaxError) -> Read<String> {
        if try scanner.startValue(depth: depth) == UInt8(ascii: "\"") { return .value(try scanner.readString()) }
        return try skipOther(depth) ? .null : .wrong
    }

    /// An integer member (`JSONFields.integer`).
    @inline(__always)
    private mutating func integer(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String
    ) throws(SyntaxError) -> Int64? {
        switch try readInteger(depth) {
        case .null: return nil
        case .value(let i): return Int64(i)
        case .wrong:
            problem.note(position, 0, RecordingFieldError(path: path(), message: "expected an integer"))
            return nil
        }
    }

    /// A non-negative integer member (`JSONFields.unsigned`).
    @inline(__always)
    private mutating func unsigned(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String
    ) throws(SyntaxError) -> UInt64? {
        guard let i = try integer(depth, &problem, position, path()) else { return nil }
        guard i >= 0 else {
            problem.note(position, 0, RecordingFieldError(path: path(), message: "must not be negative"))
            return nil
        }
        return UInt64(i)
    }

    /// A bit-mask member (`JSONFields.bits`).
    @inline(__always)
    private mutating func bits(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String
    ) throws(SyntaxError) -> UInt64? {
        try integer(depth, &problem, position, path()).map { UInt64(bitPattern: $0) }
    }

    /// A port member (`JSONFields.port`).
    private mutating func port(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String
    ) throws(SyntaxError) -> UInt16? {
        guard let i = try integer(depth, &problem, position, path()) else { return nil }
        guard let port = UInt16(exactly: i) else {
            problem.note(position, 0, RecordingFieldError(path: path(), message: "port \(i) out of range 0–65535"))
            return nil
        }
        return port
    }

    /// A string member (`JSONFields.string`).
    @inline(__always)
    private mutating func string(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String
    ) throws(SyntaxError) -> String? {
        switch try readString(depth) {
        case .null: return nil
        case .value(let s): return s
        case .wrong:
            problem.note(position, 0, RecordingFieldError(path: path(), message: "expected a string"))
            return nil
        }
    }

    /// A boolean member (`JSONFields.bool`).
    @inline(__always)
    private mutating func bool(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String
    ) throws(SyntaxError) -> Bool? {
        switch try scanner.startValue(depth: depth) {
        case UInt8(ascii: "t"):
            try scanner.literal("true")
            return true
        case UInt8(ascii: "f"):
            try scanner.literal("false")
            return false
        default:
            if try skipOther(depth) { return nil }
            problem.note(position, 0, RecordingFieldError(path: path(), message: "expected a boolean"))
            return nil
        }
    }

    /// A string naming a case of `T`, as read: null, the case, not a string, or an unknown name.
    enum EnumerationRead<Value> {
        case null
        case value(Value)
        case wrong
        case unknown(String)
    }

    /// Reads a string naming a case of `T` by its bytes (`T(rawValue:)` without creating a `String` for a known
    /// name). A name with non-ASCII bytes is looked up as a `String`, which compares canonically.
    @inline(__always)
    private mutating func readEnumeration<T: RawRepresentable>(
        _ depth: Int,
        _ table: [JSONKey: T]
    ) throws(SyntaxError) -> EnumerationRead<T> where T.RawValue == String {
        guard try scanner.startValue(depth: depth) == UInt8(ascii: "\"") else {
            return try skipOther(depth) ? .null : .wrong
        }
        let span = try scanner.scanString()
        if span.ascii {
            let key = scanner.withBytes(of: span) { JSONKey($0) }
            if key.count <= 16 {
                if let value = table[key] { return .value(value) }
                return .unknown(scanner.string(span))
            }
        }
        let text = scanner.string(span)
        if let value = T(rawValue: text) { return .value(value) }
        return .unknown(text)
    }

    /// A string member naming a case of `T` (`JSONFields.enumeration`).
    @inline(__always)
    private mutating func enumeration<T: RawRepresentable>(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String,
        _ table: [JSONKey: T]
    ) throws(SyntaxError) -> T? where T.RawValue == String {
        switch try readEnumeration(depth, table) {
        case .null: return nil
        case .value(let value): return value
        case .wrong:
            problem.note(position, 0, RecordingFieldError(path: path(), message: "expected a string"))
            return nil
        case .unknown(let text):
            problem.note(position, 0, RecordingFieldError(path: path(), message: "unknown value '\(text.prefix(64))'"))
            return nil
        }
    }

    /// An IP address member (`JSONFields.ip`).
    private mutating func ip(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String
    ) throws(SyntaxError) -> IPAddress? {
        guard let text = try string(depth, &problem, position, path()) else { return nil }
        guard let ip = Self.dottedQuad(text) ?? IPAddress(text) else {
            problem.note(
                position,
                0,
                RecordingFieldError(path: path(), message: "'\(text.prefix(64))' is not an IP address")
            )
            return nil
        }
        return ip
    }

    /// `d.d.d.d` with 1–3 ASCII digits a part and each part at most 255, the common case of `IPAddress(_:)`
    /// (which accepts exactly these as IPv4), without its general parsing; nil for anything else.
    private static func dottedQuad(_ text: String) -> IPAddress? {
        var text = text
        return text.withUTF8 { utf8 -> IPAddress? in
            var out: [UInt8] = []
            out.reserveCapacity(4)
            var value = 0
            var digits = 0
            for c in utf8 {
                if c == UInt8(ascii: ".") {
                    guard digits > 0, out.count < 3 else { return nil }
                    out.append(UInt8(value))
                    value = 0
                    digits = 0
                } else {
                    let d = c &- UInt8(ascii: "0")
                    guard d < 10, digits < 3 else { return nil }
                    value = value * 10 + Int(d)
                    digits += 1
                    guard value <= 255 else { return nil }
                }
            }
            guard digits > 0, out.count == 3 else { return nil }
            out.append(UInt8(value))
            return IPAddress(bytes: out)
        }
    }

    /// An array-of-strings member (`JSONFields.strings`).
    private mutating func strings(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String
    ) throws(SyntaxError) -> [String]? {
        switch try readStrings(depth) {
        case .null: return nil
        case .value(let list): return list
        case .wrong:
            problem.note(position, 0, RecordingFieldError(path: path(), message: "expected an array of strings"))
            return nil
        case .badElement(let i):
            problem.note(position, i, RecordingFieldError(path: "\(path())[\(i)]", message: "expected a string"))
            return nil
        }
    }

    /// An array of strings as read: null, the strings, not an array, or the index of its first non-string.
    enum StringsRead {
        case null
        case value([String])
        case wrong
        case badElement(Int)
    }

    private mutating func readStrings(_ depth: Int) throws(SyntaxError) -> StringsRead {
        guard try scanner.startValue(depth: depth) == UInt8(ascii: "[") else {
            return try skipOther(depth) ? .null : .wrong
        }
        var out: [String] = []
        var bad: Int?
        var i = 0
        if scanner.enterArray() {
            repeat {
                if try scanner.startValue(depth: depth + 1) == UInt8(ascii: "\"") {
                    let s = try scanner.readString()
                    // One allocation for the usual short lists, instead of growing from one element.
                    if i == 0 { out.reserveCapacity(4) }
                    if bad == nil { out.append(s) }
                } else {
                    if bad == nil { bad = i }
                    try scanner.skipValue(depth: depth + 1)
                }
                i += 1
            } while try scanner.nextElement()
        }
        if let bad { return .badElement(bad) }
        return .value(out)
    }

    /// An object-of-strings member (`JSONFields.stringMap`): later duplicate keys replace earlier ones.
    private mutating func stringMap(
        _ depth: Int,
        _ problem: inout FirstProblem,
        _ position: Int,
        _ path: @autoclosure () -> String
    ) throws(SyntaxError) -> [String: String]? {
        guard try scanner.startValue(depth: depth) == UInt8(ascii: "{") else {
            if try skipOther(depth) { return nil }
            problem.note(position, 0, RecordingFieldError(path: path(), message: "expected an object of strings"))
            return nil
        }
        var out: [String: String] = [:]
        var bad: String?
        if scanner.enterObject() {
            repeat {
                let key = try scanner.readKeyString()
                if try scanner.startValue(depth: depth + 1) == UInt8(ascii: "\"") {
                    let s = try scanner.readString()
                    if bad == nil { out[key] = s }
                } else {
                    if bad == nil { bad = key }
                    try scanner.skipValue(depth: depth + 1)
                }
            } while try scanner.nextMember()
        }
        if let bad {
            problem.note(position, 0, RecordingFieldError(path: "\(path()).\(bad)", message: "expected a string"))
            return nil
        }
        return out
    }

    // MARK: Arguments

    /// The members of `args` (at `{`), appended in order; returns how many there are.
    private mutating func scanArguments(
        into arguments: inout [EventArgument],
        _ problem: inout FirstProblem
    ) throws(SyntaxError) -> Int {
        guard scanner.enterObject() else { return 0 }
        arguments.reserveCapacity(4)
        var index = 0
        repeat {
            let name = try scanner.readKeyString()
            let c = try scanner.startValue(depth: 2)
            switch c {
            case UInt8(ascii: "\""):
                arguments.append(EventArgument(name, .string(try scanner.readString())))
            case UInt8(ascii: "{"):
                let start = scanner.index
                let slot = RecordingObjectCache<ArgumentValue>.slot(scanner.bytes, at: start)
                if let (value, length) = argumentObjects.value(scanner.bytes, at: start, slot: slot) {
                    arguments.append(EventArgument(name, value))
                    scanner.index = start + length
                } else {
                    switch try scanArgumentObject(2, name: name) {
                    case .success(let value):
                        arguments.append(EventArgument(name, value))
                        argumentObjects.keep(value, scanner.bytes, from: start, to: scanner.index, slot: slot)
                    case .failure(let error): problem.note(EventCheck.args, index, error)
                    }
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if case .integer(let i) = try scanner.number() {
                    arguments.append(EventArgument(name, .integer(Int64(i))))
                } else {
                    problem.note(
                        EventCheck.args,
                        index,
                        RecordingFieldError(path: "args." + name, message: Self.argumentMessage)
                    )
                }
            default:
                try scanner.skipValue(depth: 2)
                problem.note(
                    EventCheck.args,
                    index,
                    RecordingFieldError(path: "args." + name, message: Self.argumentMessage)
                )
            }
            index += 1
        } while try scanner.nextMember()
        return index
    }

    /// An argument object (at `{`): the first of `path`, `flags`, `tuple`, `bytes` that is present decides.
    private mutating func scanArgumentObject(
        _ depth: Int,
        name: String
    ) throws(SyntaxError) -> Result<ArgumentValue, RecordingFieldError> {
        var path = Read<String>.null
        var flags = StringsRead.null
        var raw = Read<Int>.null
        var tuple: (value: SocketTuple?, error: RecordingFieldError?, isObject: Bool)?
        var bytes = Read<String>.null
        var seen: UInt32 = 0
        let inner = depth + 1
        if scanner.enterObject() {
            repeat {
                let key = try scanner.readKey()
                guard let field = RecordingKey.argument(key), Self.claim(&seen, field.rawValue) else {
                    try scanner.skipValue(depth: inner)
                    continue
                }
                switch field {
                case .path: path = try readString(inner)
                case .flags: flags = try readStrings(inner)
                case .raw: raw = try readInteger(inner)
                case .tuple:
                    if try scanner.startValue(depth: inner) == UInt8(ascii: "{") {
                        let (value, error) = try scanTuple(inner, path: "args." + name + ".tuple")
                        tuple = (value, error, true)
                    } else if try !skipOther(inner) {
                        tuple = (nil, nil, false)
                    }
                case .bytes: bytes = try readString(inner)
                }
            } while try scanner.nextMember()
        }
        switch path {
        case .null: break
        case .value(let p): return .success(.path(p))
        case .wrong: return .failure(RecordingFieldError(path: "args." + name + ".path", message: "expected a string"))
        }
        switch flags {
        case .null: break
        case .value(let names):
            switch raw {
            case .null: return .success(.flags(FlagSet(raw: 0, names: names)))
            case .value(let r): return .success(.flags(FlagSet(raw: UInt64(bitPattern: Int64(r)), names: names)))
            case .wrong:
                return .failure(RecordingFieldError(path: "args." + name + ".raw", message: "expected an integer"))
            }
        case .wrong:
            return .failure(
                RecordingFieldError(path: "args." + name + ".flags", message: "expected an array of strings")
            )
        case .badElement(let i):
            return .failure(RecordingFieldError(path: "args.\(name).flags[\(i)]", message: "expected a string"))
        }
        if let tuple {
            guard tuple.isObject else {
                return .failure(RecordingFieldError(path: "args." + name + ".tuple", message: "expected an object"))
            }
            if let error = tuple.error { return .failure(error) }
            if let value = tuple.value { return .success(.socketTuple(value)) }
        }
        switch bytes {
        case .null: break
        case .value(let hex):
            guard let data = ArgumentValue.bytes(hex: hex) else {
                return .failure(
                    RecordingFieldError(path: "args." + name + ".bytes", message: "expected an even-length hex string")
                )
            }
            return .success(.bytes(data))
        case .wrong: return .failure(RecordingFieldError(path: "args." + name + ".bytes", message: "expected a string"))
        }
        return .failure(RecordingFieldError(path: "args." + name, message: Self.argumentMessage))
    }

    // MARK: Nested objects

    /// A socket tuple (at `{`) and its first problem.
    private mutating func scanTuple(
        _ depth: Int,
        path: @autoclosure () -> String
    ) throws(SyntaxError) -> (SocketTuple?, RecordingFieldError?) {
        var problem = FirstProblem()
        var family: SocketTuple.Family?
        var proto = SocketTuple.L4Protocol.unknown
        var clientIP: IPAddress?
        var clientPort: UInt16?
        var serverIP: IPAddress?
        var serverPort: UInt16?
        var unixPath: String?
        var clientName: String?
        var serverName: String?
        var seen: UInt32 = 0
        let inner = depth + 1
        if scanner.enterObject() {
            repeat {
                let key = try scanner.readKey()
                guard let field = RecordingKey.tuple(key), Self.claim(&seen, field.rawValue) else {
                    try scanner.skipValue(depth: inner)
                    continue
                }
                switch field {
                case .family: family = try enumeration(inner, &problem, 0, path() + ".family", Self.families)
                case .proto: proto = try enumeration(inner, &problem, 1, path() + ".proto", Self.protocols) ?? .unknown
                case .cip: clientIP = try ip(inner, &problem, 2, path() + ".cip")
                case .cport: clientPort = try port(inner, &problem, 3, path() + ".cport")
                case .sip: serverIP = try ip(inner, &problem, 4, path() + ".sip")
                case .sport: serverPort = try port(inner, &problem, 5, path() + ".sport")
                case .path: unixPath = try string(inner, &problem, 6, path() + ".path")
                case .cname: clientName = try string(inner, &problem, 7, path() + ".cname")
                case .sname: serverName = try string(inner, &problem, 8, path() + ".sname")
                }
            } while try scanner.nextMember()
        }
        guard let family else {
            problem.note(0, 0, RecordingFieldError(path: path() + ".family", message: "missing"))
            return (nil, problem.error)
        }
        if let error = problem.error { return (nil, error) }
        return (
            SocketTuple(
                family: family,
                l4Protocol: proto,
                clientIP: clientIP,
                clientPort: clientPort,
                serverIP: serverIP,
                serverPort: serverPort,
                unixPath: unixPath,
                clientName: clientName,
                serverName: serverName
            ),
            nil
        )
    }

    /// The thread (at `{`), filled into `thread` (which starts as `ThreadInfo(pid: 0)`); returns its first
    /// problem.
    private mutating func scanThread(
        _ depth: Int,
        into t: inout ThreadInfo
    ) throws(SyntaxError) -> RecordingFieldError? {
        var problem = FirstProblem()
        var pid: Int64?
        var tid: Int64?
        var euid: Int64?
        var seen: UInt32 = 0
        let d = depth + 1
        // The text fields are gathered and stored once (each store of one field makes a new shared box).
        var text = t.textFields
        defer { t.textFields = text }
        if scanner.enterObject() {
            repeat {
                let key = try scanner.readKey()
                guard let field = RecordingKey.thread(key), Self.claim(&seen, field.rawValue) else {
                    try scanner.skipValue(depth: d)
                    continue
                }
                switch field {
                case .pid: pid = try integer(d, &problem, 0, "thread.pid")
                case .cap:
                    if try scanner.startValue(depth: d) == UInt8(ascii: "{") {
                        let (value, error) = try scanCapabilities(d)
                        t.capabilities = value
                        problem.note(1, nested: error)
                    } else if try !skipOther(d) {
                        problem.note(1, 0, RecordingFieldError(path: "thread.cap", message: "expected an object"))
                    }
                case .uid: t.uid = try integer(d, &problem, 2, "thread.uid") ?? 0
                case .tid: tid = try integer(d, &problem, 3, "thread.tid")
                case .ppid: t.ppid = try integer(d, &problem, 4, "thread.ppid") ?? 0
                case .vpid: t.vpid = try integer(d, &problem, 5, "thread.vpid")
                case .comm: text.comm = try string(d, &problem, 6, "thread.comm") ?? ""
                case .exe: text.exe = try string(d, &problem, 7, "thread.exe") ?? ""
                case .exepath: text.exePath = try string(d, &problem, 8, "thread.exepath") ?? ""
                case .args: text.args = try strings(d, &problem, 9, "thread.args") ?? []
                case .env: text.env = try strings(d, &problem, 10, "thread.env") ?? []
                case .cwd: text.cwd = try string(d, &problem, 11, "thread.cwd") ?? ""
                case .tty: t.tty = try integer(d, &problem, 12, "thread.tty") ?? 0
                case .sid: t.sid = try integer(d, &problem, 13, "thread.sid") ?? 0
                case .gid: t.gid = try integer(d, &problem, 14, "thread.gid") ?? 0
                case .euid: euid = try integer(d, &problem, 15, "thread.euid")
                case .loginuid: t.loginUID = try integer(d, &problem, 16, "thread.loginuid") ?? -1
                case .user: text.userName = try string(d, &problem, 17, "thread.user")
                case .group: text.groupName = try string(d, &problem, 18, "thread.group")
                case .loginname: text.loginName = try string(d, &problem, 19, "thread.loginname")
                case .vpgid: t.vpgid = try integer(d, &problem, 20, "thread.vpgid")
                case .startTs: t.startTime = try unsigned(d, &problem, 21, "thread.start_ts")
                case .exeFromMemfd: t.isExeFromMemfd = try bool(d, &problem, 22, "thread.exe_from_memfd") ?? false
                case .exeUpperLayer: t.isExeUpperLayer = try bool(d, &problem, 23, "thread.exe_upper_layer") ?? false
                case .exeInoCtime: t.exeInodeChangeTime = try unsigned(d, &problem, 24, "thread.exe_ino_ctime")
                case .exeInoMtime:
                    t.exeInodeModificationTime = try unsigned(d, &problem, 25, "thread.exe_ino_mtime")
                case .exeIno: t.exeInode = try unsigned(d, &problem, 26, "thread.exe_ino")
                }
            } while try scanner.nextMember()
        }
        guard let pid else {
            problem.note(0, 0, RecordingFieldError(path: "thread.pid", message: "missing"))
            return problem.error
        }
        // The defaults of `ThreadInfo.init`: the thread id is the pid, the effective uid the uid.
        t.pid = pid
        t.tid = tid ?? pid
        t.euid = euid ?? t.uid
        return problem.error
    }

    /// `thread.cap` (at `{`) and its first problem.
    private mutating func scanCapabilities(_ depth: Int) throws(SyntaxError) -> (Capabilities, RecordingFieldError?) {
        var problem = FirstProblem()
        var effective: UInt64 = 0
        var permitted: UInt64 = 0
        var inheritable: UInt64 = 0
        var seen: UInt32 = 0
        let d = depth + 1
        if scanner.enterObject() {
            repeat {
                let key = try scanner.readKey()
                guard let field = RecordingKey.capability(key), Self.claim(&seen, field.rawValue) else {
                    try scanner.skipValue(depth: d)
                    continue
                }
                switch field {
                case .effective: effective = try bits(d, &problem, 0, "thread.cap.effective") ?? 0
                case .permitted: permitted = try bits(d, &problem, 1, "thread.cap.permitted") ?? 0
                case .inheritable: inheritable = try bits(d, &problem, 2, "thread.cap.inheritable") ?? 0
                }
            } while try scanner.nextMember()
        }
        return (Capabilities(effective: effective, permitted: permitted, inheritable: inheritable), problem.error)
    }

    /// The file descriptor (at `{`) and its first problem.
    private mutating func scanDescriptor(
        _ depth: Int
    ) throws(SyntaxError) -> (FileDescriptorInfo?, RecordingFieldError?) {
        var problem = FirstProblem()
        var number: Int64?
        var kind = FileDescriptorInfo.Kind.unknown
        var name = ""
        var tuple: SocketTuple?
        var isServer: Bool?
        var seen: UInt32 = 0
        let d = depth + 1
        if scanner.enterObject() {
            repeat {
                let key = try scanner.readKey()
                guard let field = RecordingKey.descriptor(key), Self.claim(&seen, field.rawValue) else {
                    try scanner.skipValue(depth: d)
                    continue
                }
                switch field {
                case .num: number = try integer(d, &problem, 0, "fd.num")
                case .type: kind = try enumeration(d, &problem, 1, "fd.type", Self.descriptorKinds) ?? .unknown
                case .name: name = try string(d, &problem, 2, "fd.name") ?? ""
                case .tuple:
                    if try scanner.startValue(depth: d) == UInt8(ascii: "{") {
                        let (value, error) = try scanTuple(d, path: "fd.tuple")
                        tuple = value
                        problem.note(3, nested: error)
                    } else if try !skipOther(d) {
                        problem.note(3, 0, RecordingFieldError(path: "fd.tuple", message: "expected an object"))
                    }
                case .server: isServer = try bool(d, &problem, 4, "fd.server")
                }
            } while try scanner.nextMember()
        }
        guard let number else {
            problem.note(0, 0, RecordingFieldError(path: "fd.num", message: "missing"))
            return (nil, problem.error)
        }
        if let error = problem.error { return (nil, error) }
        return (FileDescriptorInfo(number: number, kind: kind, name: name, tuple: tuple, isServer: isServer), nil)
    }

    /// The container (at `{`), its member count, and its first problem.
    private mutating func scanContainer(
        _ depth: Int
    ) throws(SyntaxError) -> (ContainerInfo, Int, RecordingFieldError?) {
        var problem = FirstProblem()
        var count = 0
        var mounts: [ContainerInfo.Mount] = []
        var pod: ContainerInfo.Pod?
        var id: String?
        var fullID: String?
        var name: String?
        var image: String?
        var repository: String?
        var tag: String?
        var digest: String?
        var runtime: String?
        var privileged = false
        var labels: [String: String] = [:]
        var healthcheck: [String]?
        var livenessProbe: [String]?
        var readinessProbe: [String]?
        var startTime: UInt64?
        var seen: UInt32 = 0
        let d = depth + 1
        let p = "container."
        if scanner.enterObject() {
            repeat {
                count += 1
                let key = try scanner.readKey()
                guard let field = RecordingKey.container(key), Self.claim(&seen, field.rawValue) else {
                    try scanner.skipValue(depth: d)
                    continue
                }
                switch field {
                case .mounts:
                    if try scanner.startValue(depth: d) == UInt8(ascii: "[") {
                        mounts = try scanMounts(d, &problem)
                    } else if try !skipOther(d) {
                        problem.note(0, 0, RecordingFieldError(path: p + "mounts", message: "expected an array"))
                    }
                case .pod:
                    if try scanner.startValue(depth: d) == UInt8(ascii: "{") {
                        let (value, error) = try scanPod(d)
                        pod = value
                        problem.note(1, nested: error)
                    } else if try !skipOther(d) {
                        problem.note(1, 0, RecordingFieldError(path: p + "pod", message: "expected an object"))
                    }
                case .id: id = try string(d, &problem, 2, p + "id")
                case .fullId: fullID = try string(d, &problem, 3, p + "full_id")
                case .name: name = try string(d, &problem, 4, p + "name")
                case .image: image = try string(d, &problem, 5, p + "image")
                case .repository: repository = try string(d, &problem, 6, p + "repository")
                case .tag: tag = try string(d, &problem, 7, p + "tag")
                case .digest: digest = try string(d, &problem, 8, p + "digest")
                case .runtime: runtime = try string(d, &problem, 9, p + "runtime")
                case .privileged: privileged = try bool(d, &problem, 10, p + "privileged") ?? false
                case .labels: labels = try stringMap(d, &problem, 11, p + "labels") ?? [:]
                case .healthcheck: healthcheck = try strings(d, &problem, 12, p + "healthcheck")
                case .livenessProbe: livenessProbe = try strings(d, &problem, 13, p + "liveness_probe")
                case .readinessProbe: readinessProbe = try strings(d, &problem, 14, p + "readiness_probe")
                case .startTs: startTime = try unsigned(d, &problem, 15, p + "start_ts")
                }
            } while try scanner.nextMember()
        }
        if id == nil { problem.note(2, 0, RecordingFieldError(path: p + "id", message: "missing")) }
        guard let id, problem.error == nil else { return (.host, count, problem.error) }
        let container = ContainerInfo(
            id: id,
            fullID: fullID,
            name: name,
            image: image,
            imageRepository: repository,
            imageTag: tag,
            imageDigest: digest,
            runtime: runtime,
            privileged: privileged,
            mounts: mounts,
            labels: labels,
            healthcheck: healthcheck,
            livenessProbe: livenessProbe,
            readinessProbe: readinessProbe,
            pod: pod,
            startTime: startTime
        )
        return (container, count, nil)
    }

    /// `container.mounts` (at `[`); a problem is noted at check 0, element = the mount's index.
    private mutating func scanMounts(
        _ depth: Int,
        _ outer: inout FirstProblem
    ) throws(SyntaxError) -> [ContainerInfo.Mount] {
        var mounts: [ContainerInfo.Mount] = []
        guard scanner.enterArray() else { return mounts }
        var index = 0
        let d = depth + 1
        repeat {
            if try scanner.startValue(depth: d) == UInt8(ascii: "{") {
                var problem = FirstProblem()
                var source = ""
                var destination = ""
                var mode = ""
                var readWrite = true
                var propagation = ""
                var seen: UInt32 = 0
                let path = "container.mounts[\(index)]"
                if scanner.enterObject() {
                    repeat {
                        let key = try scanner.readKey()
                        guard let field = RecordingKey.mount(key), Self.claim(&seen, field.rawValue) else {
                            try scanner.skipValue(depth: d + 1)
                            continue
                        }
                        switch field {
                        case .source: source = try string(d + 1, &problem, 0, path + ".source") ?? ""
                        case .dest: destination = try string(d + 1, &problem, 1, path + ".dest") ?? ""
                        case .mode: mode = try string(d + 1, &problem, 2, path + ".mode") ?? ""
                        case .rw: readWrite = try bool(d + 1, &problem, 3, path + ".rw") ?? true
                        case .propagation: propagation = try string(d + 1, &problem, 4, path + ".propagation") ?? ""
                        }
                    } while try scanner.nextMember()
                }
                if let error = problem.error { outer.note(0, index, error) }
                mounts.append(
                    ContainerInfo.Mount(
                        source: source,
                        destination: destination,
                        mode: mode,
                        readWrite: readWrite,
                        propagation: propagation
                    )
                )
            } else {
                try scanner.skipValue(depth: d)
                outer.note(
                    0,
                    index,
                    RecordingFieldError(path: "container.mounts[\(index)]", message: "expected an object")
                )
            }
            index += 1
        } while try scanner.nextElement()
        return mounts
    }

    /// `container.pod` (at `{`) and its first problem.
    private mutating func scanPod(_ depth: Int) throws(SyntaxError) -> (ContainerInfo.Pod, RecordingFieldError?) {
        var problem = FirstProblem()
        var name = ""
        var uid = ""
        var namespace = ""
        var labels: [String: String] = [:]
        var seen: UInt32 = 0
        let d = depth + 1
        if scanner.enterObject() {
            repeat {
                let key = try scanner.readKey()
                guard let field = RecordingKey.pod(key), Self.claim(&seen, field.rawValue) else {
                    try scanner.skipValue(depth: d)
                    continue
                }
                switch field {
                case .name: name = try string(d, &problem, 0, "container.pod.name") ?? ""
                case .uid: uid = try string(d, &problem, 1, "container.pod.uid") ?? ""
                case .namespace: namespace = try string(d, &problem, 2, "container.pod.namespace") ?? ""
                case .labels: labels = try stringMap(d, &problem, 3, "container.pod.labels") ?? [:]
                }
            } while try scanner.nextMember()
        }
        return (ContainerInfo.Pod(name: name, uid: uid, namespace: namespace, labels: labels), problem.error)
    }
}
