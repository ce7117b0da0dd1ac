public import SecurityModel

/// Merges layer tars into one squashed file system exactly as a container runtime unpacks them
/// (containerd's `applyNaive`, Docker's chrooted `UnpackLayer`), without touching the host:
///
/// - Paths are normalised: a leading `/` or `./` is dropped and `..` cannot climb above `/`
///   (``ImageReadLimits/UnsafePathPolicy``: kept inside the root with a diagnostic, or rejected).
/// - Parent directories are resolved through symlinks *inside the root* (a member `evil/x` under a
///   symlink `evil -> ../../../tmp` lands at `/tmp/x` in the image) and created when missing.
/// - `.wh.name` removes `name` (and everything under it); `.wh..wh..opq` removes everything in its
///   directory that this layer did not write; other `.wh..wh.*` entries (AUFS metadata) are ignored.
/// - A member replaces whatever is at its path, except that a directory over a directory only
///   updates its metadata.
/// - Hard links share the content of their target as it is when the link is applied (targets are
///   looked up inside the image; a missing target is a diagnostic).
/// - Symlinks are stored as written; resolution happens in ``LayeredFileTree`` (inside the root).
///
/// Regular files' bytes are kept in the ``ContentStore`` only when `isRequired(path)` says so.
/// Size accounting (``ImageFileStatistics``) counts each layer's content and the bytes later layers
/// overwrite or delete.
public struct LayerMerger {
    private struct Node {
        var name: String
        var parent: Int
        var kind: FileKind
        var mode: UInt32
        var uid: Int
        var gid: Int
        var size: Int
        var linkTarget: String?
        var layer: Int
        var content: ContentID?
        var children: [String: Int]
        var live: Bool
        /// Length in bytes of the node's full path (`/a/b` is 4).
        var pathLength: Int = 0
    }

    private enum ResolveFailure: Error {
        case notADirectory(String)
        case loop
        case missing
    }

    private var nodes: [Node]
    private var freeList: [Int] = []
    /// Parent directory (as written, relative to the root) → resolved node.
    private var directoryCache: [Substring: (node: Int, viaSymlink: Bool)] = [:]
    private var contentReferences: [ContentID: Int] = [:]
    private var wasted: [String: (bytes: Int, layers: [Int])] = [:]
    private var layerStatistics: [LayerStatistics] = []
    private var diagnostics: [ImageDiagnostic] = []
    private var droppedDiagnostics = 0
    /// Sum of the full path lengths of live nodes: what ``finish()`` will materialise.
    private var treePathBytes = 0
    private let store: any ContentStore
    private let limits: ImageReadLimits
    private let isRequired: (String) -> Bool

    /// A merger keeping required content in `store`.
    public init(
        store: any ContentStore,
        limits: ImageReadLimits = ImageReadLimits(),
        isRequired: @escaping (String) -> Bool
    ) {
        self.store = store
        self.limits = limits
        self.isRequired = isRequired
        nodes = [
            Node(
                name: "",
                parent: 0,
                kind: .directory,
                mode: 0o755,
                uid: 0,
                gid: 0,
                size: 0,
                linkTarget: nil,
                layer: 0,
                content: nil,
                children: [:],
                live: true
            )
        ]
    }

    // MARK: - Applying layers

    /// Applies every member of `tar` as layer `layerIndex` (layers must be applied bottom first),
    /// then reads the stream to its end (so digests over it can be verified).
    public mutating func apply<Upstream: ByteStream>(
        _ tar: inout TarReader<Upstream>,
        layerIndex: Int,
        subject: String
    ) throws(ImageError) {
        var stats = LayerStatistics(index: layerIndex, addedBytes: 0, entryCount: 0, deletionCount: 0)
        while let entry = try tar.next() {
            stats.entryCount += 1
            try applyEntry(entry, tar: &tar, layer: layerIndex, subject: subject, stats: &stats)
        }
        let hidden = try tar.drain()
        if hidden > 0 {
            diagnose(
                .dataAfterEndOfArchive,
                layerIndex,
                subject,
                nil,
                "\(hidden) non-zero bytes follow the end-of-archive marker (a concatenated archive?); "
                    + "they are ignored, as the runtime ignores them"
            )
        }
        layerStatistics.append(stats)
    }

    private mutating func applyEntry<Upstream: ByteStream>(
        _ entry: TarEntry,
        tar: inout TarReader<Upstream>,
        layer: Int,
        subject: String,
        stats: inout LayerStatistics
    ) throws(ImageError) {
        let parsed = Self.parse(entry.name)
        let components = parsed.components
        if parsed.climbed {
            if limits.unsafePaths == .reject {
                throw ImageError(
                    code: .unsafePath,
                    subject: subject,
                    message: "member '\(entry.name)' climbs above the image root"
                )
            }
            diagnose(
                .unsafePath,
                layer,
                subject,
                entry.name,
                "member path climbs above the image root; kept inside it at /\(components.joined(separator: "/"))"
            )
        }
        guard let base = components.last else { return }  // the root itself
        let length = components.reduce(0) { $0 + 1 + $1.utf8.count }
        if length > limits.maximumPathLength {
            diagnose(
                .skippedEntry,
                layer,
                subject,
                String(entry.name.prefix(200)) + "…",
                "path is \(length) bytes, longer than \(limits.maximumPathLength) (the runtime cannot create it); skipped"
            )
            return
        }
        if treePathBytes > limits.maximumTreePathBytes {
            throw ImageError(
                code: .tooLarge,
                subject: subject,
                message: "the merged file system's paths exceed \(limits.maximumTreePathBytes) bytes"
            )
        }
        // AUFS metadata (`/.wh..wh.plnk`, `/.wh..wh.aufs`) is not part of the file system (Docker skips it).
        if components[0].hasPrefix(".wh..wh."), !(components.count == 1 && base == ".wh..wh..opq") { return }
        let parentComponents = components.dropLast()
        let parentKey = parsed.parentKey
        let baseName = String(base)

        if baseName.hasPrefix(".wh.") {
            stats.deletionCount += 1
            guard
                let (parent, _) = resolveParent(
                    parentComponents,
                    key: parentKey,
                    entry: entry,
                    layer: layer,
                    subject: subject
                )
            else {
                return
            }
            if baseName == ".wh..wh..opq" {
                clearLower(parent, layer: layer)
            } else if !baseName.hasPrefix(".wh..wh.") {
                let hidden = String(baseName.dropFirst(4))
                if let child = nodes[parent].children[hidden] { removeSubtree(child, layer: layer) }
            }
            return
        }

        switch entry.kind {
        case .other(let flag):
            diagnose(
                .unsupportedEntry,
                layer,
                subject,
                entry.name,
                "member type '\(String(UnicodeScalar(flag)))' is not unpacked; skipped"
            )
            return
        default: break
        }

        guard
            let (parent, viaSymlink) = resolveParent(
                parentComponents,
                key: parentKey,
                entry: entry,
                layer: layer,
                subject: subject
            )
        else { return }

        if entry.kind == .directory, let existing = nodes[parent].children[baseName], nodes[existing].kind == .directory
        {
            nodes[existing].mode = entry.mode
            nodes[existing].uid = entry.uid
            nodes[existing].gid = entry.gid
            nodes[existing].layer = layer
            return
        }

        var node = Node(
            name: baseName,
            parent: parent,
            kind: .regular,
            mode: entry.mode,
            uid: entry.uid,
            gid: entry.gid,
            size: 0,
            linkTarget: nil,
            layer: layer,
            content: nil,
            children: [:],
            live: true
        )
        switch entry.kind {
        case .regular:
            node.size = entry.realSize
            stats.addedBytes += entry.realSize
        case .directory: node.kind = .directory
        case .symlink:
            node.kind = .symlink
            node.linkTarget = entry.linkName
        case .characterDevice: node.kind = .characterDevice
        case .blockDevice: node.kind = .blockDevice
        case .fifo: node.kind = .fifo
        case .hardlink:
            guard linkHard(&node, entry: entry, layer: layer, subject: subject) else { return }
        case .other: return
        }

        if let existing = nodes[parent].children[baseName] { removeSubtree(existing, layer: layer) }
        let index = addNode(node)

        if node.kind == .symlink { checkSymlink(index, layer: layer, subject: subject) }
        if entry.kind == .regular, entry.realSize > 0 {
            let path = viaSymlink ? self.path(of: index) : parsed.absolutePath
            if isRequired(path) {
                try retain(index, path: path, entry: entry, tar: &tar, layer: layer, subject: subject)
            }
        }
    }

    /// Fills a hard link node from its target; false when the link is skipped.
    private mutating func linkHard(_ node: inout Node, entry: TarEntry, layer: Int, subject: String) -> Bool {
        let (components, _) = Self.components(of: entry.linkName)
        let targetPath = "/" + components.joined(separator: "/")
        var target: Int?
        if let last = components.last, case .success(let dir) = resolveDirectory(components.dropLast(), create: false) {
            target = nodes[dir].children[String(last)]
        }
        guard let target, nodes[target].live else {
            diagnose(
                .hardLinkTargetMissing,
                layer,
                subject,
                entry.name,
                "hard link target '\(entry.linkName)' is not in the image"
            )
            node.kind = .hardlink
            node.linkTarget = targetPath
            return true
        }
        let t = nodes[target]
        switch t.kind {
        case .regular, .hardlink:
            node.kind = .hardlink
            node.linkTarget = t.kind == .hardlink ? (t.linkTarget ?? targetPath) : path(of: target)
            node.size = t.size
            node.content = t.content
            if let id = t.content { contentReferences[id, default: 0] += 1 }
        case .directory:
            diagnose(
                .skippedEntry,
                layer,
                subject,
                entry.name,
                "hard link to a directory ('\(entry.linkName)'); skipped"
            )
            return false
        default:
            // A hard link to a symlink or device is another name for the same inode: copy it.
            node.kind = t.kind
            node.linkTarget = t.linkTarget
        }
        return true
    }

    private mutating func retain<Upstream: ByteStream>(
        _ index: Int,
        path: String,
        entry: TarEntry,
        tar: inout TarReader<Upstream>,
        layer: Int,
        subject: String
    ) throws(ImageError) {
        if entry.isSparse {
            diagnose(.contentNotRetained, layer, subject, path, "sparse file content is not kept")
            return
        }
        if entry.size > limits.maximumRetainedFileSize {
            diagnose(
                .contentNotRetained,
                layer,
                subject,
                path,
                "file of \(entry.size) bytes is larger than the limit of \(limits.maximumRetainedFileSize) for kept files"
            )
            return
        }
        var id: ContentID?
        var failure: ImageError?
        do {
            id = try store.begin(path: path, expectedSize: entry.size)
        } catch {
            failure = error
        }
        let store = self.store
        try tar.readContent { (chunk: UnsafeRawBufferPointer) throws(ImageError) in
            guard let current = id else { return }
            do throws(ImageError) {
                try store.append(chunk, to: current)
            } catch {
                failure = error
                store.release(current)
                id = nil
            }
        }
        if let current = id {
            do {
                try store.finish(current)
            } catch {
                failure = error
                store.release(current)
                id = nil
            }
        }
        if let id {
            nodes[index].content = id
            contentReferences[id] = 1
        } else if let failure {
            diagnose(.contentNotRetained, layer, subject, path, "content not kept: \(failure.message)")
        }
    }

    // MARK: - Tree operations

    private mutating func addNode(_ node: Node) -> Int {
        var node = node
        node.pathLength = (node.parent == 0 ? 0 : nodes[node.parent].pathLength) + 1 + node.name.utf8.count
        treePathBytes += node.pathLength
        let index: Int
        if let reused = freeList.popLast() {
            nodes[reused] = node
            index = reused
        } else {
            nodes.append(node)
            index = nodes.count - 1
        }
        nodes[node.parent].children[node.name] = index
        return index
    }

    /// Removes `index` and everything under it, accounting the hidden bytes as wasted.
    private mutating func removeSubtree(_ index: Int, layer: Int) {
        let parent = nodes[index].parent
        nodes[parent].children[nodes[index].name] = nil
        var stack = [(index, path(of: index))]
        if nodes[index].kind == .directory || nodes[index].kind == .symlink {
            directoryCache.removeAll(keepingCapacity: true)
        }
        while let (i, p) = stack.popLast() {
            let n = nodes[i]
            if n.kind == .regular && n.size > 0 {
                wasted[p, default: (0, [])].bytes += n.size
                wasted[p, default: (0, [])].layers.append(n.layer)
            }
            if let id = n.content { releaseContent(id) }
            treePathBytes -= n.pathLength
            for (name, child) in n.children { stack.append((child, p == "/" ? "/" + name : p + "/" + name)) }
            nodes[i] = Node(
                name: "",
                parent: 0,
                kind: .regular,
                mode: 0,
                uid: 0,
                gid: 0,
                size: 0,
                linkTarget: nil,
                layer: 0,
                content: nil,
                children: [:],
                live: false
            )
            freeList.append(i)
        }
    }

    /// Opaque directory: removes every descendant this layer did not write (iteratively: a
    /// hostile tree may be thousands of directories deep).
    private mutating func clearLower(_ directory: Int, layer: Int) {
        var pending = [directory]
        while let dir = pending.popLast() {
            for (_, child) in nodes[dir].children {
                if nodes[child].layer == layer {
                    if nodes[child].kind == .directory { pending.append(child) }
                } else {
                    removeSubtree(child, layer: layer)
                }
            }
        }
    }

    private mutating func releaseContent(_ id: ContentID) {
        let remaining = (contentReferences[id] ?? 1) - 1
        if remaining <= 0 {
            contentReferences[id] = nil
            store.release(id)
        } else {
            contentReferences[id] = remaining
        }
    }

    /// The parent directory of a member, created when missing; nil (with a diagnostic) when it
    /// cannot be a directory.
    private mutating func resolveParent(
        _ components: ArraySlice<Substring>,
        key: Substring,
        entry: TarEntry,
        layer: Int,
        subject: String
    ) -> (node: Int, viaSymlink: Bool)? {
        if components.isEmpty { return (0, false) }
        if let cached = directoryCache[key], nodes[cached.node].live, nodes[cached.node].kind == .directory {
            if cached.viaSymlink { noteWriteThrough(cached.node, entry: entry, layer: layer, subject: subject) }
            return cached
        }
        switch resolveDirectory(components, create: true, layer: layer) {
        case .success(let node):
            let viaSymlink = path(of: node) != "/" + key
            directoryCache[key] = (node, viaSymlink)
            if viaSymlink { noteWriteThrough(node, entry: entry, layer: layer, subject: subject) }
            return (node, viaSymlink)
        case .failure(.notADirectory(let path)):
            diagnose(.skippedEntry, layer, subject, entry.name, "parent \(path) is not a directory; member skipped")
        case .failure(.loop):
            diagnose(.skippedEntry, layer, subject, entry.name, "too many symlinks in the parent path; member skipped")
        case .failure(.missing):
            diagnose(.skippedEntry, layer, subject, entry.name, "parent directory is missing; member skipped")
        }
        return nil
    }

    private mutating func noteWriteThrough(_ node: Int, entry: TarEntry, layer: Int, subject: String) {
        diagnose(
            .writeThroughSymlink,
            layer,
            subject,
            entry.name,
            "written through a symlink in its parent path; stored under \(path(of: node)) inside the image"
        )
    }

    /// Walks `components` from the root, following symlinks inside the root (at most 40).
    private mutating func resolveDirectory(
        _ components: ArraySlice<Substring>,
        create: Bool,
        layer: Int = 0
    ) -> Result<Int, ResolveFailure> {
        var stack: [Substring] = components.reversed()
        var current = 0
        var hops = 0
        while let component = stack.popLast() {
            if component.isEmpty || component == "." { continue }
            if component == ".." {
                current = nodes[current].parent
                continue
            }
            let name = String(component)
            guard let child = nodes[current].children[name] else {
                guard create else { return .failure(.missing) }
                current = addNode(
                    Node(
                        name: name,
                        parent: current,
                        kind: .directory,
                        mode: 0o755,
                        uid: 0,
                        gid: 0,
                        size: 0,
                        linkTarget: nil,
                        layer: layer,
                        content: nil,
                        children: [:],
                        live: true
                    )
                )
                continue
            }
            switch nodes[child].kind {
            case .directory:
                current = child
            case .symlink:
                hops += 1
                if hops > 40 { return .failure(.loop) }
                let target = nodes[child].linkTarget ?? ""
                if target.hasPrefix("/") { current = 0 }
                for part in target.split(separator: "/").reversed() { stack.append(part) }
            default:
                return .failure(.notADirectory(path(of: child)))
            }
        }
        return .success(current)
    }

    private mutating func checkSymlink(_ index: Int, layer: Int, subject: String) {
        guard let target = nodes[index].linkTarget else { return }
        var depth = 0
        if !target.hasPrefix("/") {
            var p = nodes[index].parent
            while p != 0 {
                depth += 1
                p = nodes[p].parent
            }
        }
        for part in target.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                depth -= 1
                if depth < 0 {
                    diagnose(
                        .symlinkOutsideRoot,
                        layer,
                        subject,
                        path(of: index),
                        "symlink target '\(target)' climbs above the image root; it resolves inside the root"
                    )
                    return
                }
            } else {
                depth += 1
            }
        }
    }

    private func path(of index: Int) -> String {
        if index == 0 { return "/" }
        var parts: [String] = []
        var i = index
        while i != 0 {
            parts.append(nodes[i].name)
            i = nodes[i].parent
        }
        return "/" + parts.reversed().joined(separator: "/")
    }

    private mutating func diagnose(
        _ code: ImageDiagnostic.Code,
        _ layer: Int?,
        _ subject: String,
        _ path: String?,
        _ message: String
    ) {
        guard diagnostics.count < limits.maximumDiagnostics else {
            droppedDiagnostics += 1
            return
        }
        diagnostics.append(
            ImageDiagnostic(code: code, layerIndex: layer, subject: subject, path: path, message: message)
        )
    }

    /// A member name split into normalised components.
    struct ParsedPath {
        /// Components after dropping empty ones and `.`, and applying `..`.
        var components: [Substring]
        /// `..` tried to go above `/`.
        var climbed: Bool
        /// The components are contiguous in the name, separated by single slashes (no `.`, `..` or
        /// `//` between them), so paths can be sliced from the name instead of joined.
        var simple: Bool

        /// The parent directory relative to the root (`usr/lib`), `""` for top-level members.
        var parentKey: Substring {
            guard components.count > 1 else { return "" }
            if simple, let first = components.first {
                let base = first.base
                return base[first.startIndex..<components[components.count - 2].endIndex]
            }
            return Substring(components.dropLast().joined(separator: "/"))
        }

        /// The absolute lexical path (`/usr/lib/x`).
        var absolutePath: String {
            if simple, let first = components.first, let last = components.last {
                return "/" + first.base[first.startIndex..<last.endIndex]
            }
            return "/" + components.joined(separator: "/")
        }
    }

    /// Splits a member name into normalised components, working on UTF-8 bytes.
    static func parse(_ name: String) -> ParsedPath {
        var parts: [Substring] = []
        var climbed = false
        var simple = true
        let utf8 = name.utf8
        var start = utf8.startIndex
        var index = start
        func take(_ lower: String.Index, _ upper: String.Index, final: Bool = false) {
            let length = utf8.distance(from: lower, to: upper)
            if length == 0 {
                if !parts.isEmpty, !final { simple = false }
                return
            }
            if length == 1, utf8[lower] == 0x2E {
                if !parts.isEmpty { simple = false }
                return
            }
            if length == 2, utf8[lower] == 0x2E, utf8[utf8.index(after: lower)] == 0x2E {
                simple = false
                if parts.isEmpty { climbed = true } else { parts.removeLast() }
                return
            }
            parts.append(name[lower..<upper])
        }
        while index != utf8.endIndex {
            if utf8[index] == 0x2F {
                take(start, index)
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        take(start, index, final: true)
        return ParsedPath(components: parts, climbed: climbed, simple: simple)
    }

    /// Splits a member name into normalised components; `climbed` when `..` tried to go above `/`.
    static func components(of name: String) -> (components: [Substring], climbed: Bool) {
        let parsed = parse(name)
        return (parsed.components, parsed.climbed)
    }

    // MARK: - Result

    /// The merged tree, the size statistics and the diagnostics met.
    public consuming func finish() -> (
        tree: LayeredFileTree, statistics: ImageFileStatistics, diagnostics: [ImageDiagnostic]
    ) {
        var entries: [FileEntry] = []
        entries.reserveCapacity(nodes.count - freeList.count)
        var content: [String: ContentID] = [:]
        var stack: [(Int, String)] = [(0, "/")]
        while let (i, p) = stack.popLast() {
            let n = nodes[i]
            entries.append(
                FileEntry(
                    path: p,
                    kind: n.kind,
                    size: n.size,
                    mode: n.mode,
                    uid: n.uid,
                    gid: n.gid,
                    linkTarget: n.linkTarget,
                    layerIndex: i == 0 ? nil : n.layer
                )
            )
            if let id = n.content { content[p] = id }
            for (name, child) in n.children { stack.append((child, p == "/" ? "/" + name : p + "/" + name)) }
        }
        let tree = LayeredFileTree(entries: entries, content: content, store: store)
        var wastedFiles: [WastedFile] = []
        for (path, w) in wasted {
            let final = tree.entry(at: path)
            let present = final.map { $0.kind == .regular || $0.kind == .hardlink } ?? false
            wastedFiles.append(
                WastedFile(path: path, wastedBytes: w.bytes, layerIndices: w.layers.sorted(), deleted: !present)
            )
        }
        wastedFiles.sort { ($0.wastedBytes, $1.path) > ($1.wastedBytes, $0.path) }
        var diagnostics = self.diagnostics
        if droppedDiagnostics > 0 {
            diagnostics.append(
                ImageDiagnostic(
                    code: .diagnosticsTruncated,
                    layerIndex: nil,
                    subject: "image",
                    message: "\(droppedDiagnostics) more diagnostics were not recorded"
                )
            )
        }
        return (tree, ImageFileStatistics(layers: layerStatistics, wastedFiles: wastedFiles), diagnostics)
    }
}
