import SecurityModel

/// Estimates the layer that added a package from the layers of the files it owns.
///
/// A package database is one file (`/lib/apk/db/installed`, `rpmdb.sqlite`) rewritten by every layer
/// that installs anything, so its layer is the last install step, not the one that added a given package.
/// The files a package owns are written when that package is installed (or upgraded), so the earliest
/// layer among them is the layer that added the installed version. The result is never later than the
/// database's own layer; with no owned file in the tree, it is the database's layer. At most
/// `sampleLimit` present files (and four times as many lookups) are consulted per package.
enum OwnedFileLayers {
    static func layer(
        of files: [String],
        in tree: any FileTree,
        databaseLayer: Int?,
        sampleLimit: Int = 64
    ) -> Int? {
        guard let databaseLayer else { return nil }
        var best = databaseLayer
        var seen = 0
        var tried = 0
        for path in files {
            if seen >= sampleLimit || tried >= 4 * sampleLimit || best == 0 { break }
            tried += 1
            var entry = tree.entry(at: path)
            if entry == nil, let resolved = tree.resolve(path) { entry = tree.entry(at: resolved) }
            guard let entry, entry.kind != .directory, let layer = entry.layerIndex else { continue }
            seen += 1
            if layer < best { best = layer }
        }
        return best
    }
}
