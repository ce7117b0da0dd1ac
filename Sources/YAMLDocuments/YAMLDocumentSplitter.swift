/// Splits a YAML stream into its documents at `---` marker lines, so that each can be parsed (and fail) alone.
///
/// Works on UTF-8 bytes, so CRLF line ends (one `Character` in Swift) split like LF ones.
enum YAMLDocumentSplitter {
    /// One document's text and where it starts.
    struct Chunk: Sendable {
        var text: Substring
        /// 1-based line of the chunk's first line in the whole text.
        var firstLine: Int
    }

    private static let newline = UInt8(ascii: "\n")

    /// The non-empty documents of `text`. A chunk holding only blank lines, comments or directives is dropped.
    static func split(_ text: String) -> [Chunk] {
        let utf8 = text.utf8
        var chunks: [Chunk] = []
        var start = utf8.startIndex
        var startLine = 1
        var line = 1
        var lineStart = utf8.startIndex
        func flush(upTo end: String.Index) {
            let piece = Substring(utf8[start..<end])
            if hasContent(piece) { chunks.append(Chunk(text: piece, firstLine: startLine)) }
        }
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: newline) ?? utf8.endIndex
            if lineStart != start, isMarker(utf8[lineStart..<lineEnd]) {
                flush(upTo: lineStart)
                start = lineStart
                startLine = line
            }
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
            line += 1
        }
        flush(upTo: utf8.endIndex)
        return chunks
    }

    /// True for `---` alone or followed by a space, tab or carriage return.
    static func isMarker(_ line: Substring.UTF8View) -> Bool {
        guard line.starts(with: "---".utf8) else { return false }
        guard let next = line.dropFirst(3).first else { return true }
        return next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\r")
    }

    /// True when `piece` has a line that is not blank, a comment, a directive or a bare marker.
    static func hasContent(_ piece: Substring) -> Bool {
        for line in piece.utf8.split(separator: newline) {
            var body = line[...]
            if isMarker(Substring(line).utf8) { body = body.dropFirst(3) }
            let trimmed = body.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            guard let first = trimmed.first else { continue }
            if first == UInt8(ascii: "#") || (first == UInt8(ascii: "%") && body.count == line.count) { continue }
            return true
        }
        return false
    }
}
