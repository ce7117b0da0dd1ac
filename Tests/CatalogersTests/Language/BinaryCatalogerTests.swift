import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import Catalogers

struct GoBinaryCatalogerTests {
    let cataloger = GoBinaryCataloger()

    static let modinfo = """
        path\texample.com/app/cmd/app
        mod\texample.com/app\t(devel)\t
        dep\tgithub.com/a/b\tv1.2.3\th1:abc=
        dep\tgolang.org/x/sys\tv0.1.0\th1:def=
        =>\tgithub.com/fork/sys\tv0.2.0\th1:ghi=
        dep\texample.com/local\tv0.0.0
        =>\t../local\t
        dep\tgithub.com/Upper/Case\tv2.0.0+incompatible\th1:x=
        build\t-compiler=gc
        build\tvcs.revision=0123456789abcdef

        """

    static let expectedPURLs = [
        "pkg:golang/example.com/app", "pkg:golang/github.com/a/b@v1.2.3", "pkg:golang/github.com/fork/sys@v0.2.0",
        "pkg:golang/example.com/local", "pkg:golang/github.com/Upper/Case@v2.0.0%2Bincompatible",
        "pkg:golang/stdlib@1.21.3",
    ]

    @Test func inlineBuildInfo() throws {
        let elf = TestELF.make(sections: [
            .init(name: ".text", bytes: [0x90, 0x90]),
            .init(
                name: ".go.buildinfo",
                bytes: TestELF.inlineBuildInfo(version: "go1.21.3 X:boringcrypto", modinfo: Self.modinfo)
            ),
        ])
        let result = catalogRun(cataloger, path: "/usr/local/bin/app", bytes: elf, mode: 0o755)
        #expect(result.packages.map(\.purl) == Self.expectedPURLs)
        #expect(result.diagnostics.isEmpty)
        let main = try #require(result.packages.first)
        #expect(main.version == "(devel)")
        #expect(main.locations == ["/usr/local/bin/app"])
        #expect(result.packages.first { $0.name == "example.com/local" }?.version == "(devel)")
        let info = try #require(try GoBuildInfo.read(try ELFFile(elf)))
        #expect(info.path == "example.com/app/cmd/app")
        #expect(info.settings.count == 2)
        #expect(info.dependencies[1].replacement?.path == "github.com/fork/sys")
    }

    @Test func pointerBuildInfoOfOldToolchains() throws {
        let elf = TestELF.pointerBuildInfoELF(version: "go1.16.15", modinfo: Self.modinfo)
        let info = try #require(try GoBuildInfo.read(try ELFFile(elf)))
        #expect(info.goVersion == "go1.16.15")
        #expect(info.dependencies.count == 4)
        let result = catalogRun(cataloger, path: "/app", bytes: elf, mode: 0o755)
        #expect(result.packages.last?.purl == "pkg:golang/stdlib@1.16.15")
        #expect(result.packages.count == 6)
    }

    @Test func nonExecutablesAndNonGoFilesAreIgnored() {
        let elf = TestELF.make(sections: [
            .init(name: ".go.buildinfo", bytes: TestELF.inlineBuildInfo(version: "go1.22.0", modinfo: Self.modinfo))
        ])
        #expect(catalogRun(cataloger, path: "/bin/app", bytes: elf, mode: 0o644).packages.isEmpty)
        #expect(catalogRun(cataloger, path: "/bin/app.json", bytes: elf, mode: 0o755).packages.isEmpty)
        let plain = TestELF.make(sections: [.init(name: ".text", bytes: [1, 2, 3])])
        let result = catalogRun(cataloger, path: "/bin/c-program", bytes: plain, mode: 0o755)
        #expect(result.packages.isEmpty && result.diagnostics.isEmpty)
        let script = Array("#!/bin/sh\necho hello, this is a shell script of some length\n".utf8)
        #expect(catalogRun(cataloger, path: "/bin/script", bytes: script, mode: 0o755).diagnostics.isEmpty)
    }

    @Test(arguments: [
        ("/usr/bin/containerd", true), ("/bin/sh", true), ("/app", true), ("/ko-app/server", true),
        ("/usr/local/lib/thing", true), ("/opt/tool/helper", true), ("/usr/lib/x86_64-linux-gnu/libc.so.6", false),
        ("/usr/bin/script.py", false), ("/etc/passwd", false), ("/usr/share/doc/x/copyright", false),
    ])
    func pathOnlyApproximation(_ path: String, _ expected: Bool) {
        #expect(cataloger.isRequired(path) == expected, "\(path)")
    }

    @Test func entryPredicateUsesModeAndSize() {
        let exec = FileEntry(path: "/usr/lib/thing/helper", kind: .regular, size: 4096, mode: 0o755)
        #expect(cataloger.isRequired(entry: exec))
        #expect(!cataloger.isRequired(entry: FileEntry(path: "/x", kind: .regular, size: 4096, mode: 0o644)))
        #expect(!cataloger.isRequired(entry: FileEntry(path: "/x", kind: .regular, size: 10, mode: 0o755)))
        #expect(!cataloger.isRequired(entry: FileEntry(path: "/x", kind: .directory, size: 4096, mode: 0o755)))
        #expect(!cataloger.isRequired(entry: FileEntry(path: "/x.sh", kind: .regular, size: 4096, mode: 0o755)))
    }

    /// Parses `go version -m` output: (goVersion, [(kind, path, version)]).
    static func goVersionM(_ path: String) throws -> (String, [String])? {
        let out = try runProcessBlocking(["go", "version", "-m", path])
        guard out.status == 0 else { return nil }
        var lines = out.stdout.split(separator: "\n")
        guard let first = lines.first, let colon = first.lastIndex(of: ":") else { return nil }
        let version = first[first.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        lines.removeFirst()
        var modules: [String] = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init).dropFirst()
            guard let kind = fields.first else { continue }
            if kind == "mod" || kind == "dep" || kind == "=>" {
                modules.append(fields.dropFirst().prefix(2).joined(separator: " "))
            }
        }
        return (version, modules)
    }

    /// Real Go binaries: one built here with the Go toolchain (with a `replace`), and the Go programs
    /// installed on the machine, against `go version -m`.
    @Test func realBinariesMatchGoVersionM() throws {
        guard Tool.available("go") else {
            print("skipping: the go toolchain is not installed")
            #expect(!Corpus.integrationRequired, "go missing")
            return
        }
        let dir = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = [
            "app/go.mod":
                "module example.com/app\n\ngo 1.18\n\nrequire example.com/lib v1.2.3\n\nreplace example.com/lib => ../lib\n",
            "app/main.go": "package main\n\nimport \"example.com/lib\"\n\nfunc main() { lib.Hello() }\n",
            "lib/go.mod": "module example.com/lib\n\ngo 1.18\n",
            "lib/lib.go": "package lib\n\nimport \"fmt\"\n\nfunc Hello() { fmt.Println(\"hi\") }\n",
        ]
        for (path, text) in files {
            try FileManager.default.createDirectory(
                atPath: dir + "/" + (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            try text.write(toFile: dir + "/" + path, atomically: true, encoding: .utf8)
        }
        let build = try runProcessBlocking(
            [
                "sh", "-c",
                "cd \(dir)/app && GOFLAGS=-mod=mod GOPROXY=off GOPATH=\(dir)/gopath go build -o \(dir)/app-bin .",
            ])
        #expect(build.status == 0, "\(build.stderr)")
        var binaries = [dir + "/app-bin"]
        for candidate in ["/usr/bin/docker-registry", "/usr/bin/containerd", "/usr/bin/ctr", "/usr/bin/docker"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            binaries.append(candidate)
        }
        var checked = 0
        for binary in binaries {
            guard let (goVersion, modules) = try Self.goVersionM(binary) else { continue }
            let bytes = try Tool.readBytes(binary)
            let info = try #require(try GoBuildInfo.read(try ELFFile(bytes)), "\(binary)")
            #expect(info.goVersion == goVersion, "\(binary)")
            var mine: [String] = []
            for module in [info.main].compactMap({ $0 }) + info.dependencies {
                mine.append("\(module.path) \(module.version)")
                if let r = module.replacement { mine.append("\(r.path) \(r.version)") }
            }
            #expect(
                mine.map { $0.trimmingCharacters(in: .whitespaces) }
                    == modules.map { $0.trimmingCharacters(in: .whitespaces) },
                "\(binary)"
            )
            let result = catalogRun(cataloger, path: "/usr/bin/x", bytes: bytes, mode: 0o755)
            #expect(result.packages.contains { $0.name == "stdlib" }, "\(binary)")
            checked += 1
        }
        #expect(checked >= 1)
        let app = catalogRun(cataloger, path: "/app", bytes: try Tool.readBytes(dir + "/app-bin"), mode: 0o755)
        #expect(app.packages.map(\.name).contains("example.com/lib"))
        #expect(app.packages.first { $0.name == "example.com/lib" }?.version == "(devel)")
    }
}

struct RustAuditBinaryCatalogerTests {
    let cataloger = RustAuditBinaryCataloger()
    static let json = """
        {"packages":[{"name":"myapp","version":"0.1.0","source":"local","kind":"runtime","root":true,"dependencies":[1]},
        {"name":"serde","version":"1.0.190","source":"crates.io"},{"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"}]}
        """

    @Test func depSectionIsRead() {
        let elf = TestELF.make(sections: [.init(name: ".dep-v0", bytes: TestELF.zlibStored(Array(Self.json.utf8)))])
        let result = catalogRun(cataloger, path: "/usr/bin/myapp", bytes: elf, mode: 0o755)
        #expect(
            result.packages.map(\.purl) == ["pkg:cargo/myapp@0.1.0", "pkg:cargo/serde@1.0.190", "pkg:cargo/cc@1.0.83"]
        )
        #expect(result.diagnostics.isEmpty)
    }

    @Test func corruptSectionsAreDiagnostics() {
        let cases: [[UInt8]] = [
            [0x78, 0x9C, 1, 2, 3], TestELF.zlibStored(Array("not json".utf8)), TestELF.zlibStored(Array("{}".utf8)),
            Array(TestELF.zlibStored(Array(Self.json.utf8)).prefix(20)),
        ]
        for bytes in cases {
            let elf = TestELF.make(sections: [.init(name: ".dep-v0", bytes: bytes)])
            let result = catalogRun(cataloger, path: "/bin/x", bytes: elf, mode: 0o755)
            #expect(result.packages.isEmpty)
            #expect(result.diagnostics.count == 1)
        }
    }

    /// A real ELF (a compiled C program or /bin/true) with a `.dep-v0` section added by objcopy, the way
    /// cargo-auditable's linker section looks to a reader.
    @Test func objcopyAddedSectionOnARealELF() throws {
        guard Tool.available("objcopy"), Tool.python else {
            print("skipping: objcopy or python3 missing")
            #expect(!Corpus.integrationRequired, "objcopy missing")
            return
        }
        let dir = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Tool.python(
            "import zlib,sys; open(sys.argv[1],'wb').write(zlib.compress(sys.argv[2].encode(), 9))",
            [dir + "/dep", Self.json]
        )
        let out = try runProcessBlocking([
            "objcopy", "--add-section", ".dep-v0=\(dir)/dep", "/bin/true", dir + "/true-audit",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let result = catalogRun(
            cataloger,
            path: "/usr/bin/true",
            bytes: try Tool.readBytes(dir + "/true-audit"),
            mode: 0o755
        )
        #expect(packageRows(result.packages) == ["cc@1.0.83", "myapp@0.1.0", "serde@1.0.190"])
    }
}

struct ELFFuzzTests {
    /// Mutated and truncated ELF files and build-info blobs never trap.
    @Test func mutatedBinariesNeverCrash() {
        var random = SplitMix64(seed: 0xE1F)
        let seeds = [
            TestELF.make(sections: [
                .init(
                    name: ".go.buildinfo",
                    bytes: TestELF.inlineBuildInfo(version: "go1.22.1", modinfo: GoBinaryCatalogerTests.modinfo)
                )
            ]),
            TestELF.pointerBuildInfoELF(version: "go1.16", modinfo: GoBinaryCatalogerTests.modinfo),
            TestELF.make(sections: [
                .init(name: ".dep-v0", bytes: TestELF.zlibStored(Array(RustAuditBinaryCatalogerTests.json.utf8)))
            ]),
        ]
        let catalogers: [any Cataloger] = [GoBinaryCataloger(), RustAuditBinaryCataloger()]
        var parsed = 0
        for round in 0..<600 {
            var bytes = random.mutate(seeds[round % seeds.count])
            if round % 7 == 0 {
                bytes = [0x7F, 0x45, 0x4C, 0x46] + random.bytes(Int.random(in: 0..<300, using: &random))
            }
            if (try? ELFFile(bytes)) != nil { parsed += 1 }
            for cataloger in catalogers { _ = catalogRun(cataloger, path: "/bin/x", bytes: bytes, mode: 0o755) }
        }
        #expect(parsed > 50)
    }
}
