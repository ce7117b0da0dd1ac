/// Finds here-document markers (`<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`) in instruction arguments,
/// outside quotes, at the start of a word (optionally after a file-descriptor number).
struct HeredocMarker: Equatable {
    var delimiter: String
    var stripsTabs: Bool
    var quoted: Bool

    static func find(in text: String, escape: UInt8) -> [HeredocMarker] {
        let b = Array(text.utf8)
        var result: [HeredocMarker] = []
        var i = 0
        var quote: UInt8? = nil
        var wordStart = true
        while i < b.count {
            let c = b[i]
            if let q = quote {
                if c == q { quote = nil }
                i += 1
                continue
            }
            if c == escape {
                i += 2
                wordStart = false
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
                wordStart = false
                i += 1
                continue
            }
            if DockerfileWords.isSpace(c) || c == UInt8(ascii: ";") || c == UInt8(ascii: "&") || c == UInt8(ascii: "|")
            {
                wordStart = true
                i += 1
                continue
            }
            var j = i
            if wordStart { while j < b.count, b[j] >= UInt8(ascii: "0"), b[j] <= UInt8(ascii: "9") { j += 1 } }
            if wordStart || j > i, j + 1 < b.count, b[j] == UInt8(ascii: "<"), b[j + 1] == UInt8(ascii: "<"),
                j + 2 >= b.count || b[j + 2] != UInt8(ascii: "<")
            {
                var k = j + 2
                var strips = false
                if k < b.count, b[k] == UInt8(ascii: "-") {
                    strips = true
                    k += 1
                }
                var quoted = false
                var q: UInt8? = nil
                if k < b.count, b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") {
                    q = b[k]
                    quoted = true
                    k += 1
                }
                let nameStart = k
                while k < b.count, isDelimiterByte(b[k]) { k += 1 }
                let name = String(decoding: b[nameStart..<k], as: UTF8.self)
                if let q {
                    if k < b.count, b[k] == q { k += 1 } else { k = nameStart }
                }
                if !name.isEmpty, k > nameStart {
                    result.append(HeredocMarker(delimiter: name, stripsTabs: strips, quoted: quoted))
                    i = k
                    wordStart = false
                    continue
                }
            }
            wordStart = false
            i += 1
        }
        return result
    }

    private static func isDelimiterByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
            || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }
}
