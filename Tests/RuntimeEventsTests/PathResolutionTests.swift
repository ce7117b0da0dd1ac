import TestSupport
import Testing

@testable import RuntimeEvents

@Suite struct PathResolutionTests {
    @Test(
        arguments: [
            ("/etc/passwd", nil, "/etc/passwd"), ("/etc//./x/../passwd", nil, "/etc/passwd"), ("/..", nil, "/"),
            ("passwd", "/etc", "/etc/passwd"), ("./var/log", "/tmp/x", "/tmp/x/var/log"),
            ("../etc/shadow", "/tmp", "/etc/shadow"), ("x", "/", "/x"), ("x/", "/a/", "/a/x"),
            ("./var/log", "<UNKNOWN>", "<UNKNOWN>/var/log"), ("./a//b", nil, "a/b"), (".", nil, "."),
            ("", "/etc", ""),
        ] as [(String, String?, String)]
    )
    func resolves(path: String, base: String?, expected: String) {
        #expect(PathResolution.resolve(path, against: base) == expected)
    }

    @Test func theBaseIsTheWorkingDirectoryOrTheDescriptorsPath() {
        let table: [Int64: String] = [4: "/tmp/extract", 5: "pipe:[12]"]
        func lookup(_ fd: Int64) -> String? { table[fd] }
        #expect(PathResolution.base(dirfd: nil, cwd: "/home/a", descriptorPath: lookup) == "/home/a")
        #expect(PathResolution.base(dirfd: -100, cwd: "/home/a", descriptorPath: lookup) == "/home/a")
        #expect(PathResolution.base(dirfd: -100, cwd: nil, descriptorPath: lookup) == nil)
        #expect(PathResolution.base(dirfd: 4, cwd: "/home/a", descriptorPath: lookup) == "/tmp/extract")
        #expect(PathResolution.base(dirfd: 5, cwd: "/home/a", descriptorPath: lookup) == "<UNKNOWN>")
        #expect(PathResolution.base(dirfd: 9, cwd: "/home/a", descriptorPath: lookup) == "<UNKNOWN>")
    }

    /// The byte-level resolution against a plain component-list model, on random paths and bases.
    @Test func matchesAComponentListModel() {
        func model(_ path: String, _ base: String) -> String {
            var parts: [Substring] = []
            for part in (path.hasPrefix("/") ? path : base + "/" + path).split(separator: "/") {
                switch part {
                case ".": continue
                case "..": if !parts.isEmpty { parts.removeLast() }
                default: parts.append(part)
                }
            }
            return "/" + parts.joined(separator: "/")
        }
        var random = SplitMix64(seed: 0xBA5E)
        let parts = ["", ".", "..", "a", "bb", "é", "..."]
        func randomPath(absolute: Bool) -> String {
            let count = Int(random.next() % 6)
            return (absolute ? "/" : "") + (0..<count).map { _ in random.pick(parts) }.joined(separator: "/")
        }
        for _ in 0..<5_000 {
            let path = randomPath(absolute: random.oneIn(3))
            let base = randomPath(absolute: true)
            guard !path.isEmpty else { continue }
            #expect(PathResolution.resolve(path, against: base) == model(path, base), "'\(path)' against '\(base)'")
        }
    }

    /// Resolved paths are absolute and clean whenever the base is an absolute directory, and resolving again
    /// changes nothing.
    @Test func resolutionIsIdempotentAndCleanOnRandomPaths() {
        var random = SplitMix64(seed: 0xA7_F0_0D)
        let parts = ["", ".", "..", "etc", "tmp", "x", "passwd"]
        for _ in 0..<5_000 {
            let count = Int(random.next() % 6)
            let relative = (0..<count).map { _ in random.pick(parts) }.joined(separator: "/")
            let path = random.oneIn(3) ? "/" + relative : relative
            let resolved = PathResolution.resolve(path, against: "/base/dir")
            if path.isEmpty { continue }
            #expect(PathResolution.isResolved(resolved), "'\(path)' -> '\(resolved)'")
            #expect(PathResolution.resolve(resolved, against: "/other") == resolved)
        }
    }
}
