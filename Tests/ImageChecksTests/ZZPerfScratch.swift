import Testing
import SecurityModel
@testable import ImageChecks

struct ZZPerfScratch {
    @Test func timing() {
        let dirs = ["/usr/lib/python3.11/site-packages/pkg", "/usr/share/doc/x", "/app/node_modules/a/b", "/etc", "/root/.ssh", "/var/cache/apk"]
        let names = ["__init__.py", "README.md", "index.js", "passwd", "id_rsa", "APKINDEX.tar.gz", "cert.pem", "package.json"]
        var paths: [String] = []
        for i in 0..<200_000 { paths.append(dirs[i % dirs.count] + "/d\(i % 97)/" + names[i % names.count]) }
        let clock = ContinuousClock()
        var n = 0
        let t = clock.measure { for p in paths where ImageCheckCatalogue.isRequired(p) { n += 1 } }
        print("isRequired 200k:", t, n)
        for check in ImageCheckCatalogue.all {
            let t = clock.measure { for p in paths where check.isRequired(p) { n += 1 } }
            print(check.descriptor.id, t)
        }
        let t3 = clock.measure { for p in paths where SecretFileKind.candidate(for: p) != nil { n += 1 } }
        print("candidate", t3)
        let t4 = clock.measure { for p in paths where PathFacts.baseName(p).isEmpty { n += 1 } }
        print("basename", t4)
        let t5 = clock.measure { for p in paths where PathBytes.with(p, { PathBytes.lastSlash($0) }) == nil { n += 1 } }
        print("pathbytes", t5)
        let t6 = clock.measure { for p in paths where p.utf8.withContiguousStorageIfAvailable({ $0.count }) == nil { n += 1 } }
        print("contig", t6)
        var tree = InMemoryFileTree()
        for (i, p) in paths.enumerated() { tree.add(FileEntry(path: p + "\(i)", kind: .regular, size: 10, mode: 0o755), content: []) }
        let input = ImageCheckInput(metadata: ImageMetadata(reference: "x"), tree: tree)
        let t2 = clock.measure { _ = ImageCheckCatalogue.run(input) }
        print("run over 200k entries:", t2)
        var inp: ImageCheckInput? = nil
        print("input:", clock.measure { inp = ImageCheckInput(metadata: ImageMetadata(reference: "x"), tree: tree) })
        let t7 = clock.measure { for e in inp!.entries where e.kind == .symlink { n += 1 } }
        print("iterate", t7)
        let t8 = clock.measure { for e in inp!.entries where PathBytes.with(e.path, { PathBytes.lastSlash($0) }) == nil { n += 1 } }
        print("iterate+bytes", t8)
        for check in ImageCheckCatalogue.all {
            let t = clock.measure { _ = check.check(inp!) }
            print("check", check.descriptor.id, t)
        }
    }
}
