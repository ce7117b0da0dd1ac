/// Minimal glob matching for paths: `*` (no `/`), `**` (any depth), `?`.
public enum Glob {
    /// True when `path` matches `pattern`. A pattern without `/` matches the last path component
    /// too (`Dockerfile.*` matches `a/b/Dockerfile.dev`).
    public static func matches(pattern: String, path: String) -> Bool {
        let p = Array(pattern), s = Array(path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
        if match(p, 0, s, 0) { return true }
        if !pattern.contains("/"), let slash = s.lastIndex(of: "/") {
            return match(p, 0, Array(s[(slash + 1)...]), 0)
        }
        return false
    }

    private static func match(_ p: [Character], _ pi: Int, _ s: [Character], _ si: Int) -> Bool {
        var pi = pi, si = si
        var budget = 100_000
        while pi < p.count {
            budget -= 1
            if budget < 0 { return false }
            if p[pi] == "*" {
                let double = pi + 1 < p.count && p[pi + 1] == "*"
                var next = pi + (double ? 2 : 1)
                if double, next < p.count, p[next] == "/" { next += 1 }
                if next == p.count { return double || !s[si...].contains("/") }
                var k = si
                while k <= s.count {
                    if match(p, next, s, k) { return true }
                    if k < s.count, !double, s[k] == "/" { return false }
                    k += 1
                }
                return false
            }
            guard si < s.count, p[pi] == "?" ? s[si] != "/" : p[pi] == s[si] else { return false }
            pi += 1
            si += 1
        }
        return si == s.count
    }
}
