/// Stands for a recording line longer than the reader's limit, which was not kept in memory: it has the
/// line's length and last byte (so a trailing carriage return is seen), and filler bytes elsewhere. The
/// reader only needs those to report and skip the line.
struct OversizedLine: BidirectionalCollection, Sendable {
    let count: Int
    let lastByte: UInt8

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    func index(after i: Int) -> Int { i + 1 }
    func index(before i: Int) -> Int { i - 1 }
    subscript(position: Int) -> UInt8 { position == count - 1 ? lastByte : UInt8(ascii: "x") }
}
