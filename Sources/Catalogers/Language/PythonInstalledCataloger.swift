public import SecurityModel

/// Installed Python distributions: `*.dist-info/METADATA` (with `RECORD` for the owned files) and
/// `*.egg-info` in both its file form and its directory form (`PKG-INFO`, with `installed-files.txt`).
public struct PythonInstalledCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/python-installed`.
    public var id: String { "lang/python-installed" }
    /// Output version.
    public var version: Int { 1 }

    /// METADATA and RECORD in a `*dist-info` directory, PKG-INFO / RECORD / installed-files.txt in a
    /// `*egg-info` directory, and `*.egg-info` files (any letter case of the suffix).
    public func isRequired(_ path: String) -> Bool {
        let base = TreePath.baseName(path)
        switch base {
        case "METADATA":
            return Self.hasSuffix(parentName(of: path), "dist-info")
        case "RECORD", "installed-files.txt":
            let parent = parentName(of: path)
            return Self.hasSuffix(parent, "dist-info") || Self.hasSuffix(parent, "egg-info")
        case "PKG-INFO":
            return Self.hasSuffix(parentName(of: path), "egg-info")
        default:
            return Self.hasSuffix(base[...], ".egg-info")
        }
    }

    private func parentName(of path: String) -> Substring {
        let dir = TreePath.directory(path)
        guard let slash = dir.lastIndex(of: "/") else { return dir[...] }
        return dir[dir.index(after: slash)...]
    }

    /// Case-insensitive ASCII suffix test.
    static func hasSuffix(_ s: Substring, _ suffix: String) -> Bool {
        guard s.utf8.count >= suffix.utf8.count else { return false }
        for (a, b) in zip(s.utf8.suffix(suffix.utf8.count), suffix.utf8) {
            let la = a >= 0x41 && a <= 0x5A ? a + 32 : a
            if la != b { return false }
        }
        return true
    }

    /// One package per metadata file.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        let isMetadata: (String) -> Bool = { path in
            let base = TreePath.baseName(path)
            if base == "METADATA" || base == "PKG-INFO" { return isRequired(path) }
            return Self.hasSuffix(base[...], ".egg-info")
        }
        return LanguageSupport.scan(tree, id: id, required: isMetadata) { path, bytes, sink in
            let metadata = PythonMetadata(String(decoding: bytes, as: UTF8.self))
            guard let name = metadata.value("Name"), !name.isEmpty else {
                sink.diagnose("no Name field in Python package metadata")
                return
            }
            guard let version = metadata.value("Version"), !version.isEmpty else {
                sink.diagnose("no Version field in Python package metadata for \(name)")
                return
            }
            var locations = [path]
            let (recordPath, files) = ownedFiles(tree, metadataPath: path, sink: &sink)
            if let recordPath { locations.append(recordPath) }
            sink.add(
                name: name,
                version: version,
                type: .python,
                purl: PackageURL.make(type: "pypi", name: LanguageSupport.pep503(name), version: version),
                licenses: metadata.licenses,
                locations: locations,
                files: files
            )
        }
    }

    /// Files listed by the `RECORD` (dist-info; paths relative to site-packages) or `installed-files.txt`
    /// (egg-info; paths relative to the egg-info directory) beside the metadata file.
    private func ownedFiles(_ tree: any FileTree, metadataPath: String, sink: inout ManifestSink) -> (String?, [String])
    {
        let base = TreePath.baseName(metadataPath)
        guard base == "METADATA" || base == "PKG-INFO" else { return (nil, []) }  // *.egg-info file form
        let dir = TreePath.directory(metadataPath)
        let sitePackages = TreePath.directory(dir)
        let record = dir + "/RECORD"
        if tree.entry(at: record) != nil {
            guard let text = tree.text(of: record) else {
                sink.diagnose("cannot read \(record)")
                return (nil, [])
            }
            var files: [String] = []
            for line in LanguageSupport.lines(text) {
                let field = Self.firstCSVField(line)
                guard !field.isEmpty else { continue }
                files.append(TreePath.normalize(sitePackages + "/" + field))
            }
            return (record, files)
        }
        let installed = dir + "/installed-files.txt"
        if tree.entry(at: installed) != nil, let text = tree.text(of: installed) {
            let files = LanguageSupport.lines(text).map { LanguageSupport.trim($0) }.filter { !$0.isEmpty }.map {
                TreePath.normalize(dir + "/" + $0)
            }
            return (installed, files)
        }
        return (nil, [])
    }

    /// The first field of a CSV line (`"a,b",hash,size` → `a,b`).
    static func firstCSVField(_ line: Substring) -> String {
        let line = LanguageSupport.trim(line)
        guard line.first == "\"" else {
            return String(line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }
        var out = ""
        var index = line.index(after: line.startIndex)
        while index < line.endIndex {
            let c = line[index]
            index = line.index(after: index)
            if c == "\"" {
                if index < line.endIndex, line[index] == "\"" {
                    out.append("\"")
                    index = line.index(after: index)
                    continue
                }
                break
            }
            out.append(c)
        }
        return out
    }
}
