import SecurityModel

/// Finds executables by name in the image's `bin` and `sbin` directories (`/usr/bin/gcc`,
/// `/usr/local/go/bin/go`, busybox applet links such as `/usr/bin/wget -> /bin/busybox`).
enum ToolInventory {
    private static let binSuffix = Array("/bin".utf8)
    private static let sbinSuffix = Array("/sbin".utf8)

    /// One tool found: its canonical name and the first path that provides it.
    struct Tool: Sendable, Hashable {
        var name: String
        var path: String
        var layerIndex: Int?
    }

    /// Tools whose base name `match` maps to a canonical name (nil = not a tool of interest), one per name,
    /// in the order of their first path. Symlinks count only when they resolve to a file inside the tree.
    static func find(in input: ImageCheckInput, _ match: (Substring) -> String?) -> [Tool] {
        var tools: [Tool] = []
        var seen: Set<String> = []
        for entry in input.entries {
            guard entry.kind == .regular || entry.kind == .hardlink || entry.kind == .symlink else { continue }
            let path = entry.path
            // Only entries of a `…/bin` or `…/sbin` directory; decided on bytes, before any string work.
            let slashOffset: Int? = PathBytes.with(path) { b in
                guard let slash = PathBytes.lastSlash(b),
                    PathBytes.hasSuffix(b, end: slash, binSuffix) || PathBytes.hasSuffix(b, end: slash, sbinSuffix)
                else { return nil }
                return slash
            }
            guard let slashOffset else { continue }
            let base = path[path.utf8.index(path.utf8.startIndex, offsetBy: slashOffset + 1)...]
            guard let name = match(base), !seen.contains(name) else { continue }
            if entry.kind == .symlink {
                guard let target = input.tree.resolve(path), let resolved = input.tree.entry(at: target),
                    PathFacts.isFile(resolved)
                else { continue }
            }
            guard entry.kind == .symlink || entry.mode & 0o111 != 0 else { continue }
            seen.insert(name)
            tools.append(Tool(name: name, path: path, layerIndex: entry.layerIndex))
        }
        return tools
    }

    /// The name in `names` that `base` is a versioned spelling of: `gcc` for `gcc`, `gcc-12`, `gcc-12.2`;
    /// `pip3` for `pip3.12`; `go` for `go1.22`. The longest matching name wins; nil when none does.
    static func versioned(_ base: Substring, among names: Set<Substring>) -> String? {
        if names.contains(base) { return String(base) }
        var best: Substring?
        for name in names where base.count > name.count && base.hasPrefix(name) {
            var rest = base.dropFirst(name.count)
            if rest.first == "-" || rest.first == "." { rest = rest.dropFirst() }
            guard let first = rest.first, first.isNumber, rest.allSatisfy({ $0.isNumber || $0 == "." }) else {
                continue
            }
            if name.count > (best?.count ?? 0) { best = name }
        }
        return best.map(String.init)
    }

    /// `gcc (/usr/bin/gcc), go (/usr/local/go/bin/go)`.
    static func describe(_ tools: [Tool]) -> String {
        tools.map { "\($0.name) (\($0.path))" }.joined(separator: ", ")
    }
}
