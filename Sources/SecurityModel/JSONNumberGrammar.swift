/// The number grammar of JSON (RFC 8259 section 6), shared by the project's JSON readers:
/// `[ "-" ] int [ frac ] [ exp ]` with no leading `+`, no leading zeros, and digits required on both sides of
/// `.` and after `e`.
public enum JSONNumberGrammar {
    /// Where a number's parts are, once scanned.
    public struct Shape: Sendable {
        /// The index of the first integer digit (after any `-`).
        public var digitsStart: Int
        /// The index just past the integer digits.
        public var digitsEnd: Int
        /// True when there is neither a fraction nor an exponent.
        public var isInteger: Bool

        /// A shape.
        @inlinable
        public init(digitsStart: Int, digitsEnd: Int, isInteger: Bool) {
            self.digitsStart = digitsStart
            self.digitsEnd = digitsEnd
            self.isInteger = isInteger
        }
    }

    /// Scans the number at `index` and moves `index` past it. Returns its shape, or the reason it is not a
    /// number with `index` where the problem is.
    @inlinable
    public static func scan<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes,
        index: inout Int
    ) -> Result<Shape, Problem> where Bytes.Index == Int {
        let start = index
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(bytes, index) else {
            return .failure(Problem(reason: index == start ? "unexpected character" : "expected a digit"))
        }
        let digitsStart = index
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(bytes, index) { return .failure(Problem(reason: "leading zero in number")) }
        } else {
            while isDigit(bytes, index) { index += 1 }
        }
        let digitsEnd = index
        var isInteger = true
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard isDigit(bytes, index) else { return .failure(Problem(reason: "expected a digit after '.'")) }
            while isDigit(bytes, index) { index += 1 }
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(bytes, index) else { return .failure(Problem(reason: "expected a digit in exponent")) }
            while isDigit(bytes, index) { index += 1 }
        }
        return .success(Shape(digitsStart: digitsStart, digitsEnd: digitsEnd, isInteger: isInteger))
    }

    /// Why a number did not scan.
    public struct Problem: Error, Sendable {
        /// What is wrong, for the reader's error message.
        public var reason: String

        /// A problem with `reason`.
        @inlinable
        public init(reason: String) { self.reason = reason }
    }

    @inlinable
    static func isDigit<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ position: Int) -> Bool
    where Bytes.Index == Int {
        position < bytes.endIndex && bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9")
    }
}
