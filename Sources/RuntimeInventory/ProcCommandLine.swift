/// `/proc/<pid>/cmdline`: the arguments, NUL-separated (empty for kernel threads and zombies).
public enum ProcCommandLine {
    /// The arguments; a trailing NUL does not add an empty argument, inner empty arguments are kept.
    /// A process that rewrote its command line as one text (no NUL) gives one argument. Total: any
    /// bytes give an array (invalid UTF-8 repaired).
    public static func parse(_ bytes: [UInt8]) -> [String] {
        guard !bytes.isEmpty else { return [] }
        var body = bytes[...]
        if body.last == 0 { body = body.dropLast() }
        return body.split(separator: 0, omittingEmptySubsequences: false).map { ProcText.text($0) }
    }
}
