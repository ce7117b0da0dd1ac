/// A `pmatch` prefix, prepared once when the condition compiles: ``matches(_:)`` is
/// ``ValueTest/pathMatches(_:prefix:)`` without re-reading the prefix (nor allocating) on every event.
struct PathPrefixPattern: Sendable {
    private enum Form: Sendable {
        /// `/`: every absolute path.
        case root
        /// No wildcard: the path equals these bytes or continues them with `/`.
        case plain([UInt8])
        /// Wildcards: component by component, each a glob, the path having at least as many components.
        case components([GlobPattern])
    }

    private let form: Form

    /// Prepares `prefix` (already normalised: no trailing `/` except for `/` itself).
    init(_ prefix: String) {
        if prefix == "/" {
            form = .root
        } else if !GlobPattern.hasWildcards(prefix) {
            form = .plain(Array(prefix.utf8))
        } else {
            form = .components(
                prefix.split(separator: "/", omittingEmptySubsequences: false).map { GlobPattern(String($0)) }
            )
        }
    }

    /// True when `path` lies at or below the prefix.
    func matches(_ path: String) -> Bool {
        switch form {
        case .root:
            return path.utf8.first == UInt8(ascii: "/")
        case .plain(let prefix):
            var text = path
            return text.withUTF8 { bytes in
                guard bytes.count >= prefix.count else { return false }
                for index in prefix.indices where bytes[index] != prefix[index] { return false }
                return bytes.count == prefix.count || bytes[prefix.count] == UInt8(ascii: "/")
            }
        case .components(let patterns):
            let actual = path.split(separator: "/", omittingEmptySubsequences: false)
            guard actual.count >= patterns.count else { return false }
            for (pattern, component) in zip(patterns, actual) where !pattern.matches(String(component)) {
                return false
            }
            return true
        }
    }
}
