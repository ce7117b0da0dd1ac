/// A regular expression compiled once, matched against whole strings (`regex` is a full match in Falco).
struct CompiledRegex: @unchecked Sendable {
    // `Regex<AnyRegexOutput>` is immutable after construction; matching does not mutate it.
    let regex: Regex<AnyRegexOutput>

    /// True when the whole of `text` matches.
    func wholeMatches(_ text: String) -> Bool {
        (try? regex.wholeMatch(in: text)) != nil
    }
}
