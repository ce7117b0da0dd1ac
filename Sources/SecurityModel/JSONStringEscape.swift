/// The escape sequences of JSON strings (RFC 8259 section 7), shared by the project's JSON readers.
public enum JSONStringEscape {
    /// Decodes the escape whose backslash was just consumed: `index` is at the character after it. Appends the
    /// escaped character's UTF-8 bytes to `out` and moves `index` past the escape (a `\uD83D\uDE00` pair is
    /// one escape). Returns nil, or the reason the escape is invalid, with `index` where the problem is.
    @inlinable
    public static func decode<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes,
        index: inout Int,
        into out: inout [UInt8]
    ) -> String? where Bytes.Index == Int {
        guard index < bytes.endIndex else { return "unterminated escape" }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            let (high, problem) = hex4(bytes, index: &index)
            if let problem { return problem }
            var code = high
            if (0xD800...0xDBFF).contains(code), index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "\\"),
                bytes[index + 1] == UInt8(ascii: "u")
            {
                index += 2
                let (low, lowProblem) = hex4(bytes, index: &index)
                if let lowProblem { return lowProblem }
                guard (0xDC00...0xDFFF).contains(low) else { return "invalid surrogate pair" }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            out.append(contentsOf: String(scalar).utf8)
        default: return "unknown escape"
        }
        return nil
    }

    /// Four hex digits at `index`, which moves past them; or the problem, with `index` unchanged when fewer
    /// than four bytes are left and at the first bad digit otherwise.
    @inlinable
    static func hex4<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, index: inout Int) -> (UInt32, String?)
    where Bytes.Index == Int {
        guard index + 4 <= bytes.endIndex else { return (0, "truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: return (0, "bad hex digit in \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return (value, nil)
    }
}
