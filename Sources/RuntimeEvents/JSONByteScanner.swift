import SecurityModel

/// A strict, single-pass JSON scanner over one line's bytes, for decoders that map members straight to typed
/// values without building a `JSONValue` tree.
///
/// It accepts and rejects exactly what SecurityModel's `JSONParser` does, and reports the same byte offsets and
/// reasons, so that diagnostics do not depend on which decoder read a line. Nothing recurses: generic values
/// are skipped with an explicit stack, and nesting is limited to `JSONParser.maximumDepth`.
struct JSONByteScanner {
    /// Why the line is not valid JSON; printed like `JSONParser.ParseError`.
    struct SyntaxError: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// A scanned string: its raw bytes `start..<end` when it had no escape, or its decoded bytes in
    /// ``scratch`` (valid until the next string is scanned).
    struct StringSpan {
        var start: Int
        var end: Int
        var escaped: Bool
        /// Whether the raw bytes were all ASCII (false for escaped strings: then unknown).
        var ascii: Bool
    }

    /// What a number turned out to be: an integer that fits `Int`, or anything else (a fraction, an exponent,
    /// or an integer out of range), which the recording format never accepts where it wants an integer.
    enum Number {
        case integer(Int)
        case other
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    var index = 0
    /// Decoded bytes of the last escaped string.
    private(set) var scratch: [UInt8] = []
    /// Strings made so far (kept by the caller from line to line).
    var strings: RecordingStringCache

    /// Same as `JSONParser.maximumDepth` (512).
    static let maximumDepth = 512

    init(_ bytes: UnsafeBufferPointer<UInt8>, strings: RecordingStringCache = RecordingStringCache()) {
        self.bytes = bytes
        self.strings = strings
    }

    var isAtEnd: Bool { index >= bytes.count }

    func fail(_ reason: String) -> SyntaxError { SyntaxError(offset: index, reason: reason) }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            let c = bytes[index]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            index += 1
        }
    }

    /// Checks that a value may start here (nesting and end of input) and returns its first byte.
    @inline(__always)
    mutating func startValue(depth: Int) throws(SyntaxError) -> UInt8 {
        guard depth < JSONByteScanner.maximumDepth else {
            throw fail("nesting deeper than \(JSONByteScanner.maximumDepth)")
        }
        guard index < bytes.count else { throw fail("unexpected end of input") }
        return bytes[index]
    }

    // MARK: Objects and arrays

    /// At `{`: steps in; false when the object is empty (then it is consumed).
    @inline(__always)
    mutating func enterObject() -> Bool {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return false
        }
        return true
    }

    /// Reads a key and its colon, leaving the scanner at the value.
    @inline(__always)
    mutating func readKey() throws(SyntaxError) -> JSONKey {
        if let key = readShortKey() { return key }
        let span = try readKeySpan()
        return withBytes(of: span) { JSONKey($0) }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Flags (in each byte's high bit) the bytes of `word` that end or complicate a plain key: a quote, a
    /// backslash, a control character or a non-ASCII byte. The lowest flag is exact; flags above it may not be.
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let isQuote = (quote &- ones) & ~quote & highs
        let isBackslash = (backslash &- ones) & ~backslash & highs
        let isControl = (word &- ones &* 0x20) & ~word & highs
        return isQuote | isBackslash | isControl | (word & highs)
    }

    /// Fast path of ``readKey()``: a key of at most 16 plain ASCII bytes followed directly by `:`, read eight
    /// bytes at a time; nil (nothing consumed) for anything else.
    @inline(__always)
    private mutating func readShortKey() -> JSONKey? {
        guard let base = bytes.baseAddress, index + 18 <= bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            return nil
        }
        let start = UnsafeRawPointer(base + index + 1)
        var key = JSONKey()
        let low = UInt64(littleEndian: start.loadUnaligned(as: UInt64.self))
        let lowSpecial = Self.specialBytes(low)
        var length: Int
        if lowSpecial != 0 {
            length = lowSpecial.trailingZeroBitCount >> 3
            key.low = length == 0 ? 0 : low & (UInt64.max >> (64 - 8 * UInt64(length)))
        } else {
            key.low = low
            let high = UInt64(littleEndian: (start + 8).loadUnaligned(as: UInt64.self))
            let highSpecial = Self.specialBytes(high)
            guard highSpecial != 0 else { return nil }
            let rest = highSpecial.trailingZeroBitCount >> 3
            key.high = rest == 0 ? 0 : high & (UInt64.max >> (64 - 8 * UInt64(rest)))
            length = 8 + rest
        }
        // The first special byte must be the closing quote, then the colon.
        let end = index + 1 + length
        guard bytes[end] == UInt8(ascii: "\""), bytes[end + 1] == UInt8(ascii: ":") else { return nil }
        key.count = length
        index = end + 2
        skipWhitespace()
        return key
    }

    /// Reads a key and its colon as a string, leaving the scanner at the value.
    mutating func readKeyString() throws(SyntaxError) -> String {
        let span = try readKeySpan()
        return string(span)
    }

    private mutating func readKeySpan() throws(SyntaxError) -> StringSpan {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
        let span = try scanString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
        index += 1
        skipWhitespace()
        return span
    }

    /// After a member's value: true when another member follows (its comma consumed), false at `}`.
    @inline(__always)
    mutating func nextMember() throws(SyntaxError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw fail("unterminated object") }
        let c = bytes[index]
        index += 1
        if c == UInt8(ascii: ",") { return true }
        if c == UInt8(ascii: "}") { return false }
        index -= 1
        throw fail("expected ',' or '}'")
    }

    /// At `[`: steps in; false when the array is empty (then it is consumed).
    @inline(__always)
    mutating func enterArray() -> Bool {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return false
        }
        return true
    }

    /// After an element: true when another element follows (its comma consumed), false at `]`.
    @inline(__always)
    mutating func nextElement() throws(SyntaxError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw fail("unterminated array") }
        let c = bytes[index]
        index += 1
        if c == UInt8(ascii: ",") {
            skipWhitespace()
            return true
        }
        if c == UInt8(ascii: "]") { return false }
        index -= 1
        throw fail("expected ',' or ']'")
    }

    // MARK: Scalars

    /// At `t`, `f` or `n`: consumes the literal `word`.
    mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected character") }
        let w = word.utf8Start
        for i in 0..<count where bytes[index + i] != w[i] { throw fail("unexpected character") }
        index += count
    }

    /// At `"`: scans a string, checking escapes and UTF-8, without creating a `String`.
    @inline(__always)
    mutating func scanString() throws(SyntaxError) -> StringSpan {
        index += 1
        let start = index
        var seen: UInt8 = 0
        // Eight plain ASCII bytes at a time up to the first byte that needs a look.
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let special = Self.specialBytes(word)
                if special != 0 {
                    index += special.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
        }
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                let end = index
                index += 1
                if seen >= 0x80 {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    guard String(validating: raw, as: UTF8.self) != nil else { throw fail("invalid UTF-8 in string") }
                }
                return StringSpan(start: start, end: end, escaped: false, ascii: seen < 0x80)
            }
            if c == UInt8(ascii: "\\") { return try scanEscapedString(from: start) }
            if c < 0x20 { throw fail("control character in string") }
            seen |= c
            index += 1
        }
        throw fail("unterminated string")
    }

    /// The rest of a string that has an escape, decoded into ``scratch``.
    private mutating func scanEscapedString(from start: Int) throws(SyntaxError) -> StringSpan {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while true {
            guard index < bytes.count else { throw fail("unterminated string") }
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                break
            }
            if c < 0x20 { throw fail("control character in string") }
            if c != UInt8(ascii: "\\") {
                scratch.append(c)
                index += 1
                continue
            }
            index += 1
            if let problem = JSONStringEscape.decode(bytes, index: &index, into: &scratch) { throw fail(problem) }
        }
        guard String(validating: scratch, as: UTF8.self) != nil else { throw fail("invalid UTF-8 in string") }
        return StringSpan(start: start, end: index - 1, escaped: true, ascii: false)
    }

    /// Calls `body` with the bytes of a scanned string (decoded when it had escapes).
    @inline(__always)
    func withBytes<R>(of span: StringSpan, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if span.escaped { return scratch.withUnsafeBufferPointer(body) }
        return body(UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
    }

    /// The `String` of a scanned string (already checked to be valid UTF-8).
    @inline(__always)
    mutating func string(_ span: StringSpan) -> String {
        if span.escaped { return scratch.withUnsafeBufferPointer { strings.string($0) } }
        return strings.string(UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
    }

    /// At a string: scans it and returns it.
    @inline(__always)
    mutating func readString() throws(SyntaxError) -> String {
        // Scan first: `string(_:)` must see the scratch buffer this scan fills.
        let span = try scanString()
        return string(span)
    }

    @inline(__always)
    /// Scans a number (`[ "-" ] int [ frac ] [ exp ]`, RFC 8259), or throws where `JSONParser` would.
    mutating func number() throws(SyntaxError) -> Number {
        // Fast path: an integer of 1–19 digits (no leading zero, no fraction or exponent) in the range of `Int`.
        var i = index
        let end = bytes.count
        let negative = i < end && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let first = i
        var magnitude: UInt64 = 0
        // Eight digits at a time while there are eight (timestamps have 19).
        if let base = bytes.baseAddress {
            var chunks = 0
            while chunks < 2, i + 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                guard Self.isEightDigits(word) else { break }
                magnitude = magnitude &* 100_000_000 &+ Self.eightDigits(word)
                i += 8
                chunks += 1
            }
        }
        while i < end, i - first < 20 {
            let d = bytes[i] &- UInt8(ascii: "0")
            if d >= 10 { break }
            magnitude = magnitude &* 10 &+ UInt64(d)
            i += 1
        }
        let digits = i - first
        if digits > 0, digits < 20, digits == 1 || bytes[first] != UInt8(ascii: "0") {
            let next = i < end ? bytes[i] : 0
            if next != UInt8(ascii: ".") && next != UInt8(ascii: "e") && next != UInt8(ascii: "E") && next &- 0x30 >= 10
            {
                // 19 digits never overflow `UInt64`; the limits are those of `Int(_:)`.
                if !negative, magnitude <= UInt64(Int.max) {
                    index = i
                    return .integer(Int(magnitude))
                }
                if negative, magnitude <= UInt64(Int.max) + 1 {
                    index = i
                    return .integer(Int(bitPattern: UInt(0 &- magnitude)))
                }
            }
        }
        return try generalNumber()
    }

    /// Whether the eight bytes of `word` are all ASCII digits.
    @inline(__always)
    private static func isEightDigits(_ word: UInt64) -> Bool {
        let high = word & 0xF0F0_F0F0_F0F0_F0F0
        let carried = ((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4
        return high | carried == 0x3333_3333_3333_3333
    }

    /// The value of eight ASCII digits, the first in the lowest byte (three multiplications, no loop).
    @inline(__always)
    private static func eightDigits(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let pairs = (value & mask) &* 0x000F_4240_0000_0064
        let quads = ((value >> 16) & mask) &* 0x0000_2710_0000_0001
        return (pairs &+ quads) >> 32
    }

    private mutating func generalNumber() throws(SyntaxError) -> Number {
        let start = index
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        let shape: JSONNumberGrammar.Shape
        switch JSONNumberGrammar.scan(bytes, index: &index) {
        case .success(let scanned): shape = scanned
        case .failure(let problem): throw fail(problem.reason)
        }
        let (digitsStart, digitsEnd, isInteger) = (shape.digitsStart, shape.digitsEnd, shape.isInteger)
        if isInteger, digitsEnd - digitsStart <= 19 {
            // At most 19 digits: no overflow in UInt64; then the same range check as `Int(_:)`.
            var magnitude: UInt64 = 0
            for i in digitsStart..<digitsEnd {
                magnitude = magnitude &* 10 &+ UInt64(bytes[i] &- UInt8(ascii: "0"))
            }
            if !negative, magnitude <= UInt64(Int.max) { return .integer(Int(magnitude)) }
            if negative, magnitude <= UInt64(Int.max) + 1 { return .integer(Int(bitPattern: UInt(0 &- magnitude))) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let i = Int(text) { return .integer(i) }
        guard let d = Double(text), d.isFinite else {
            index = start
            throw fail("number out of range")
        }
        return .other
    }

    // MARK: Generic values

    /// Skips any value starting at nesting `depth`, checking it as strictly as `JSONParser` does. Iterative:
    /// the nesting is kept in a bit stack, not on the call stack.
    mutating func skipValue(depth: Int) throws(SyntaxError) {
        // Bit i of `kinds[i / 64]`: whether the container at nesting (depth + i) is an object.
        var kinds: [UInt64] = []
        var open = 0
        var level = depth
        while true {
            // A value at nesting `level`.
            let c = try startValue(depth: level)
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = c == UInt8(ascii: "{")
                if isObject ? enterObject() : enterArray() {
                    if open / 64 >= kinds.count { kinds.append(0) }
                    if isObject {
                        kinds[open / 64] |= 1 << UInt64(open % 64)
                    } else {
                        kinds[open / 64] &= ~(1 << UInt64(open % 64))
                    }
                    open += 1
                    level += 1
                    if isObject { _ = try readKeySpan() }
                    continue
                }
            case UInt8(ascii: "\""): _ = try scanString()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: _ = try number()
            }
            // After a value: close containers until one continues.
            while open > 0 {
                let isObject = kinds[(open - 1) / 64] & (1 << UInt64((open - 1) % 64)) != 0
                if isObject {
                    if try nextMember() {
                        _ = try readKeySpan()
                        break
                    }
                } else {
                    if try nextElement() { break }
                }
                open -= 1
                level -= 1
            }
            if open == 0 { return }
        }
    }
}
