public import SecurityModel

/// IMG2005: files that rarely belong in an image: version-control and editor directories (`.git`, `.svn`,
/// `.idea`, `.vscode`), caches (`.cache`, `.npm`), cloud CLI configuration (`.aws`, `.azure`, `.gcp`), and
/// build files (`Dockerfile`, `docker-compose.yml`, `.DS_Store`, `.vimrc`). dockle DKL-LI-0003.
///
/// Each directory is reported once, only when it holds files; cache contents that IMG2006 already reports
/// are not counted, nor is anything in third-party trees (`node_modules`, `vendor`, `site-packages` …).
public struct UnnecessaryFiles: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG2005",
        slug: "unnecessary-files",
        title: "Unnecessary file in the image",
        severity: .info,
        dockle: "DKL-LI-0003",
        remediation:
            "Keep these out of the build context with a `.dockerignore` (`.git`, `.idea`, `.vscode`, `Dockerfile*`, "
            + "`docker-compose*`), copy only what the application needs, and use a multi-stage build.",
        tags: ["best-practice", "size"]
    )

    private static let directories: Set<Substring> = [
        ".git", ".svn", ".hg", ".cache", ".npm", ".idea", ".vscode", ".aws", ".azure", ".gcp",
    ]
    private static let files: [[UInt8]] = [
        "Dockerfile", "docker-compose.yml", "docker-compose.yaml", ".DS_Store", ".vimrc", "Thumbs.db",
    ].map { Array($0.utf8) }
    private static let dotDirectory = Array("/.".utf8)

    /// (is a listed file, lies below a dot directory), decided on bytes.
    private static func classify(_ path: String) -> (listedFile: Bool, underDotDirectory: Bool) {
        PathBytes.with(path) { b in
            let base = (PathBytes.lastSlash(b) ?? -1) + 1
            let listed = files.contains { PathBytes.tailEquals(b, from: base, $0) }
            let dotted =
                PathBytes.firstOffset(of: dotDirectory, in: UnsafeBufferPointer(rebasing: b[..<max(base, 0)])) != nil
            return (listed, dotted)
        }
    }

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        // Directory → (files, layer of the first file).
        var found: [String: (files: Int, layer: Int?)] = [:]
        var order: [String] = []
        for entry in input.entries where PathFacts.isFile(entry) {
            let path = entry.path
            let (listedFile, underDotDirectory) = Self.classify(path)
            if listedFile, !PathFacts.isThirdParty(path) {
                findings.append(
                    Finding(
                        rule: descriptor,
                        location: input.location(of: entry),
                        message: "Unnecessary file \(path)"
                    )
                )
                continue
            }
            guard underDotDirectory else { continue }
            guard let directory = Self.topmostDirectory(in: path), !PathFacts.isThirdParty(directory + "/x") else {
                continue
            }
            if PackageCacheLocation.of(path) != nil { continue }
            if found[directory] == nil {
                order.append(directory)
                found[directory] = (0, entry.layerIndex)
            }
            found[directory]?.files += 1
        }
        for directory in order {
            guard let info = found[directory] else { continue }
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(path: directory, layerIndex: info.layer),
                    message: "Unnecessary directory \(directory) (\(info.files) "
                        + (info.files == 1 ? "file)" : "files)")
                )
            )
        }
        return findings
    }

    /// The outermost listed directory among `path`'s parents (`/app/.git` for `/app/.git/objects/ab/cd`).
    private static func topmostDirectory(in path: String) -> String? {
        let components = path.split(separator: "/")
        for (i, component) in components.dropLast().enumerated() where directories.contains(component) {
            return "/" + components[...i].joined(separator: "/")
        }
        return nil
    }
}
