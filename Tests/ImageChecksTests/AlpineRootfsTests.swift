import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import ImageChecks

/// A file tree that, like the image reader, has the bytes of required files only: reading any other file
/// fails, and every read is recorded, so the test proves that checks read nothing they did not declare.
final class ReaderLikeTree: FileTree, @unchecked Sendable {
    // Invariant: `reads` is only touched under `lock`.
    private let base: InMemoryFileTree
    private let lock = NSLock()
    private var reads: [String] = []

    init(_ base: InMemoryFileTree) { self.base = base }

    var entries: [FileEntry] { base.entries }
    func entry(at path: String) -> FileEntry? { base.entry(at: path) }

    func contents(of path: String, limit: Int) throws(FileTreeError) -> [UInt8] {
        lock.lock()
        reads.append(path)
        lock.unlock()
        guard ImageCheckCatalogue.isRequired(path) else {
            throw FileTreeError(code: .notFound, path: path, message: "content not kept by the reader")
        }
        return try base.contents(of: path, limit: limit)
    }

    var readPaths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return reads
    }
}

/// The checks over real Alpine root file systems (the minirootfs tarballs Alpine publishes), with the
/// facts asserted computed independently from the tarball by Python's `tarfile`.
struct AlpineRootfsTests {
    static let tarballs = [
        "images/alpine-minirootfs/alpine-minirootfs-3.7.3-x86_64.tar.gz",
        "images/alpine-minirootfs/alpine-minirootfs-3.10.9-x86_64.tar.gz",
        "images/alpine-minirootfs/alpine-minirootfs-3.11.13-x86_64.tar.gz",
    ]

    /// Lists a tarball's members: `type mode uid gid size path link` per line; then facts computed by Python.
    static let listScript = """
        import sys, tarfile
        def norm(n):
            n = n[2:] if n.startswith('./') else n
            return '/' + n.strip('/') if n not in ('.', '') else '/'
        with tarfile.open(sys.argv[1]) as t:
            for m in t.getmembers():
                kind = 'f' if m.isreg() else 'd' if m.isdir() else 'l' if m.issym() else 'h' if m.islnk() else 'o'
                name = norm(m.name)
                link = m.linkname if m.issym() else (norm(m.linkname) if m.islnk() else '')
                print('\\t'.join([kind, str(m.mode), str(m.uid), str(m.gid), str(m.size), name, link]))
        """

    /// Prints `path<TAB>base64` for each path read from stdin.
    static let extractScript = """
        import sys, tarfile, base64
        def norm(n):
            n = n[2:] if n.startswith('./') else n
            return '/' + n.strip('/') if n not in ('.', '') else '/'
        wanted = set(l.strip() for l in sys.stdin if l.strip())
        with tarfile.open(sys.argv[1]) as t:
            for m in t.getmembers():
                name = norm(m.name)
                if m.isreg() and name in wanted:
                    print(name + '\\t' + base64.b64encode(t.extractfile(m).read()).decode())
        """

    struct Member {
        var kind: FileKind
        var mode: UInt32
        var uid: Int
        var gid: Int
        var size: Int
        var path: String
        var link: String?
    }

    /// The tree of `tarball`, with contents only for files the catalogue requires, or nil (with the reason
    /// printed) when the corpus or python3 is missing.
    static func load(_ relative: String) throws -> (
        tree: ReaderLikeTree, members: [Member], required: [String: [UInt8]]
    )? {
        guard let tarball = Corpus.path(relative) else {
            try #require(!Corpus.integrationRequired, "corpus file \(relative) is missing")
            print("skipping: corpus file \(relative) is missing")
            return nil
        }
        guard let listed = try? runProcessBlocking(["python3", "-c", listScript, tarball]), listed.status == 0 else {
            try #require(!Corpus.integrationRequired, "python3 is needed to list \(tarball)")
            print("skipping: python3 is not available")
            return nil
        }
        var members: [Member] = []
        for line in listed.stdout.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, let mode = UInt32(f[1]), let uid = Int(f[2]), let gid = Int(f[3]), let size = Int(f[4])
            else { continue }
            let kind: FileKind = ["f": .regular, "d": .directory, "l": .symlink, "h": .hardlink][f[0]] ?? .fifo
            members.append(
                Member(
                    kind: kind,
                    mode: mode,
                    uid: uid,
                    gid: gid,
                    size: size,
                    path: f[5],
                    link: f[6].isEmpty ? nil : f[6]
                )
            )
        }
        let wanted = members.filter { $0.kind == .regular && ImageCheckCatalogue.isRequired($0.path) }.map(\.path)
        let extracted = try runProcessBlocking(
            ["python3", "-c", extractScript, tarball],
            stdin: wanted.joined(separator: "\n")
        )
        try #require(extracted.status == 0, "\(extracted.stderr)")
        var required: [String: [UInt8]] = [:]
        for line in extracted.stdout.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let data = Data(base64Encoded: String(parts[1])) else { continue }
            required[String(parts[0])] = Array(data)
        }
        var tree = InMemoryFileTree()
        for m in members where m.path != "/" {
            // Other files get placeholder bytes of the right size: sizes matter (caches), contents do not.
            let content = m.kind == .regular ? (required[m.path] ?? [UInt8](repeating: 0, count: m.size)) : []
            tree.add(
                FileEntry(
                    path: m.path,
                    kind: m.kind,
                    size: m.size,
                    mode: m.mode,
                    uid: m.uid,
                    gid: m.gid,
                    linkTarget: m.link,
                    layerIndex: 0
                ),
                content: content
            )
        }
        return (ReaderLikeTree(tree), members, required)
    }

    @Test(arguments: tarballs)
    func findsWhatIsTrueOfTheRootfs(_ relative: String) throws {
        guard let (tree, members, required) = try Self.load(relative) else { return }
        #expect(members.count > 400, "\(relative)")

        // Facts, straight from the tarball and the files Python extracted.
        let setuid = members.filter { $0.kind == .regular && $0.mode & 0o6000 != 0 }
        let worldWritable = members.filter {
            ($0.kind == .regular || ($0.kind == .directory && $0.mode & 0o1000 == 0)) && $0.mode & 0o002 != 0
        }
        let shadow = String(decoding: try #require(required["/etc/shadow"]), as: UTF8.self)
        let emptyPasswords = shadow.split(separator: "\n").filter {
            $0.split(separator: ":", omittingEmptySubsequences: false).dropFirst().first == ""
        }
        let busybox = try #require(members.first { $0.path == "/bin/busybox" })
        #expect(setuid.isEmpty, "the minirootfs ships no setuid files")
        #expect(busybox.mode & 0o4000 == 0, "busybox is not setuid in the minirootfs (bbsuid is a separate package)")
        #expect(worldWritable.isEmpty, "only sticky /tmp and /var/tmp are world-writable")
        #expect(emptyPasswords.isEmpty, "root is locked ('!') in every minirootfs kept here")
        #expect(shadow.hasPrefix("root:!:"))

        let input = ImageCheckInput(
            metadata: ImageMetadata(reference: Corpus.path(relative) ?? relative),
            tree: tree,
            operatingSystem: OperatingSystem(id: "alpine")
        )
        let findings = ImageCheckCatalogue.run(input)
        #expect(Set(findings.map(\.ruleID)) == ["IMG2103", "IMG2104"], "\(findings.map(\.message))")
        #expect(findings.first { $0.ruleID == "IMG2104" }?.message.contains("sh (/bin/sh)") == true)
        #expect(findings.first { $0.ruleID == "IMG2103" }?.message == "Download tools present: wget (/usr/bin/wget)")
        #expect(findings.allSatisfy { $0.severity == .info && $0.location.layer == nil })

        // Checks read only what they declared, and they did read the account files.
        let reads = Set(tree.readPaths)
        #expect(reads.allSatisfy { ImageCheckCatalogue.isRequired($0) }, "\(reads)")
        #expect(reads.isSuperset(of: ["/etc/shadow", "/etc/passwd", "/etc/group"]))
    }

    @Test func configurationAndDistrolessFindingsOnTheSameTree() throws {
        guard let (tree, _, _) = try Self.load(Self.tarballs[2]) else { return }
        let metadata = ImageMetadata(
            reference: "alpine:3.11",
            configDigest: "sha256:" + String(repeating: "a", count: 64),
            user: "",
            history: [
                HistoryEntry(createdBy: "/bin/sh -c #(nop) ADD file:0123456789abcdef in / "),
                HistoryEntry(createdBy: "/bin/sh -c #(nop)  CMD [\"/bin/sh\"]", emptyLayer: true),
            ],
            layers: [LayerInfo(diffID: "sha256:" + String(repeating: "d", count: 64))]
        )
        let findings = ImageCheckCatalogue.run(
            ImageCheckInput(
                metadata: metadata,
                tree: tree,
                operatingSystem: OperatingSystem(id: "alpine", isDistroless: true)
            )
        )
        #expect(findings.map(\.ruleID) == ["IMG1001", "IMG1002", "IMG2102", "IMG2103", "IMG2104"])
        #expect(
            findings.first { $0.ruleID == "IMG2102" }?.message
                == "Package managers present in a distroless-style image: apk (/sbin/apk)"
        )
        #expect(
            findings.first { $0.ruleID == "IMG2104" }?.location.layer == "sha256:" + String(repeating: "d", count: 64)
        )
    }
}
