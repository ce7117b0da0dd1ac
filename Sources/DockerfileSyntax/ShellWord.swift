/// One word of a shell command: its value with quotes removed, and where it was.
public struct ShellWord: Sendable, Hashable {
    /// The word with quotes removed and backslash escapes processed. Expansions (`$X`, `$(…)`) are kept
    /// literally.
    public var value: String
    /// The word exactly as written.
    public var raw: String
    /// UTF-8 offset of the word in the script that was parsed.
    public var offset: Int
    /// True when any part of the word was quoted.
    public var isQuoted: Bool

    public init(value: String, raw: String, offset: Int, isQuoted: Bool) {
        self.value = value
        self.raw = raw
        self.offset = offset
        self.isQuoted = isQuoted
    }
}
