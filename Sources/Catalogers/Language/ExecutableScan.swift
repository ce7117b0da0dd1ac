import SecurityModel

/// Chooses and reads the executables that the binary catalogers (Go build info, cargo-auditable) inspect.
///
/// Whether a file is an executable is known from its mode, which ``Cataloger/isRequired(_:)`` does not
/// receive. So there are two predicates: ``isRequired(entry:)`` (regular file, an execute bit set, size
/// between 64 bytes and ``sizeLimit``, no extension that marks a non-binary), used by `catalog` over the tree
/// and by image readers that pass the entry (see ``EntryRequiringCataloger``); and ``isRequired(path:)``,
/// a path-only approximation for readers that can only pass the path: files in `bin`, `sbin` and `libexec`
/// directories, files directly under `/`, and files below `/app`, `/opt`, `/ko-app`, `/usr/local` and `/go`,
/// without a non-binary extension.
enum ExecutableScan {
    /// Largest executable read (Go and Rust binaries of a few hundred MiB exist).
    static let sizeLimit = 512 << 20

    /// Extensions of files that are never ELF executables worth reading.
    static let skippedExtensions: Set<Substring> = [
        "txt", "md", "json", "yaml", "yml", "xml", "html", "htm", "css", "js", "mjs", "cjs", "ts", "py", "pyc",
        "rb", "pl", "pm", "php", "sh", "bash", "zsh", "fish", "csh", "ps1", "bat", "cmd", "conf", "cfg", "ini",
        "toml", "lock", "properties", "jar", "war", "ear", "zip", "gz", "tgz", "bz2", "xz", "zst", "tar", "7z",
        "png", "jpg", "jpeg", "gif", "svg", "ico", "pdf", "h", "c", "cc", "cpp", "hpp", "go", "rs", "java",
        "class", "swift", "mo", "po", "pem", "crt", "key", "csv", "log", "1", "gz", "a", "o", "la", "pc",
    ]

    static func hasSkippedExtension(_ path: String) -> Bool {
        let base = TreePath.baseName(path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return false }
        return skippedExtensions.contains(base[base.index(after: dot)...].lowercased()[...])
    }

    /// Mode-based choice (see the type's documentation).
    static func isRequired(entry: FileEntry) -> Bool {
        (entry.kind == .regular || entry.kind == .hardlink) && entry.mode & 0o111 != 0
            && (entry.kind == .hardlink || (entry.size >= 64 && entry.size <= sizeLimit))
            && !hasSkippedExtension(entry.path)
    }

    /// Path-only approximation (see the type's documentation).
    static func isRequired(path: String) -> Bool {
        guard !hasSkippedExtension(path) else { return false }
        let parts = path.split(separator: "/")
        guard let first = parts.first else { return false }
        if parts.count == 1 { return true }
        if parts.dropLast().contains(where: { $0 == "bin" || $0 == "sbin" || $0 == "libexec" }) { return true }
        if first == "app" || first == "opt" || first == "ko-app" || first == "go" { return true }
        return first == "usr" && parts.count > 2 && parts[1] == "local" && parts[2] != "share"
            && parts[2] != "include"
    }

    /// Calls `inspect` with each chosen executable that is an ELF file. A file that the path predicate asked
    /// for but that cannot be read becomes a diagnostic; others (never buffered by a path-only reader) are
    /// skipped.
    static func forEachELF(
        in tree: any FileTree,
        catalogerID: String,
        _ inspect: (_ entry: FileEntry, _ elf: ELFFile, _ sink: inout ManifestSink) -> Void
    ) -> CatalogerResult {
        var result = CatalogerResult()
        for entry in tree.entries where isRequired(entry: entry) {
            var sink = ManifestSink(catalogerID: catalogerID, path: entry.path, layerIndex: entry.layerIndex)
            let bytes: [UInt8]
            do {
                bytes = try tree.contents(of: entry.path, limit: sizeLimit)
            } catch {
                if error.code == .tooLarge || isRequired(path: entry.path) {
                    sink.diagnose("cannot read executable: \(error.message)")
                }
                result.diagnostics += sink.diagnostics
                continue
            }
            guard ELFFile.hasMagic(bytes) else { continue }
            do {
                let elf = try ELFFile(bytes)
                inspect(entry, elf, &sink)
            } catch {
                sink.diagnose("\(error)")
            }
            result.packages += sink.packages
            result.diagnostics += sink.diagnostics
        }
        return result
    }
}
