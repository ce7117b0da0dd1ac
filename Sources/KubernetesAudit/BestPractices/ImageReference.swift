/// The parts of a container `image` reference that checks need: tag and digest.
struct ImageReference: Sendable, Hashable {
    /// The reference as written.
    var text: String
    /// The tag (after the last `:` that follows the last `/`), nil when there is none.
    var tag: String?
    /// The digest (after `@`), nil when there is none.
    var digest: String?

    init(_ text: String) {
        self.text = text
        var name = Substring(text)
        if let at = name.firstIndex(of: "@") {
            digest = String(name[name.index(after: at)...])
            name = name[..<at]
        }
        let lastSlash = name.lastIndex(of: "/")
        if let colon = name.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(name[name.index(after: colon)...])
        }
    }

    /// True when the tag is missing, empty or `latest` (and no digest pins the image).
    var floats: Bool {
        digest == nil && (tag == nil || tag == "" || tag == "latest")
    }
}
