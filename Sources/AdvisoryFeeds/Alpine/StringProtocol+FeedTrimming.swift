extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingFeedWhitespace: String {
        trimmingFeedCharacters(" \t\r\n")
    }

    /// The text without leading and trailing characters from `set`.
    func trimmingFeedCharacters(_ set: String) -> String {
        var start = startIndex
        var end = endIndex
        while start < end, set.contains(self[start]) { start = index(after: start) }
        while end > start, set.contains(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }
}
