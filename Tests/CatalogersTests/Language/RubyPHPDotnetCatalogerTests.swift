import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import Catalogers

struct RubyGemspecCatalogerTests {
    let cataloger = RubyGemspecCataloger()

    @Test(arguments: [
        ("/usr/local/bundle/specifications/rake-13.0.6.gemspec", true),
        ("/usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec", true),
        ("/app/rake.gemspec", false), ("/usr/local/bundle/specifications/rake-13.0.6.gemspec.bak", false),
    ])
    func requiredPaths(_ path: String, _ expected: Bool) {
        #expect(cataloger.isRequired(path) == expected, "\(path)")
    }

    @Test func installedGemspecForms() {
        let rubygems = """
            # -*- encoding: utf-8 -*-
            # stub: rake 13.0.6 ruby lib

            Gem::Specification.new do |s|
              s.name = "rake".freeze
              s.version = "13.0.6"
              s.required_rubygems_version = Gem::Requirement.new(">= 0".freeze) if s.respond_to? :required_rubygems_version=
              s.licenses = ["MIT".freeze, 'Ruby'.freeze]
            end
            """
        let handWritten = """
            Gem::Specification.new do |spec|
              spec.name          = 'my_gem'
              spec.version       = '0.1.0'
              spec.license       = "Apache-2.0"
            end
            """
        let stubOnly = "# stub: onlystub 2.0.0 ruby lib\nGem::Specification.new do |s|\n  s.name = NAME\nend\n"
        let result = catalogRun(
            cataloger,
            [
                "/g/specifications/rake-13.0.6.gemspec": rubygems,
                "/g/specifications/my_gem-0.1.0.gemspec": handWritten,
                "/g/specifications/onlystub-2.0.0.gemspec": stubOnly,
                "/g/specifications/broken.gemspec": "Gem::Specification.new do |s|\nend\n",
            ]
        )
        #expect(packageRows(result.packages) == ["my_gem@0.1.0", "onlystub@2.0.0", "rake@13.0.6"])
        #expect(result.packages.first { $0.name == "rake" }?.licenses == ["MIT", "Ruby"])
        #expect(result.packages.first { $0.name == "rake" }?.purl == "pkg:gem/rake@13.0.6")
        #expect(result.packages.first { $0.name == "my_gem" }?.licenses == ["Apache-2.0"])
        #expect(result.diagnostics.count == 1)
    }

    /// The gemspecs of the Ruby installed on this machine against RubyGems itself
    /// (`Gem::Specification.load`).
    @Test func installedRubyGemspecsMatchRubyGems() throws {
        guard Tool.available("ruby") else {
            print("skipping: ruby is not installed")
            #expect(!Corpus.integrationRequired, "ruby missing")
            return
        }
        let out = try runProcessBlocking([
            "ruby", "-e",
            "Dir.glob(['/usr/lib/ruby/gems/*/specifications/**/*.gemspec', '/usr/share/rubygems-integration/**/specifications/*.gemspec', '/var/lib/gems/*/specifications/*.gemspec']).each { |f| s = Gem::Specification.load(f); puts [f, s.name, s.version.to_s, s.licenses.join(',')].join(\"\\t\") if s }",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        var checked = 0
        for line in out.stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            let spec = RubyGemspecCataloger.parse(String(decoding: try Tool.readBytes(fields[0]), as: UTF8.self))
            #expect(spec.name == fields[1], "\(fields[0])")
            #expect(spec.version == fields[2], "\(fields[0])")
            #expect(spec.licenses.joined(separator: ",") == fields[3], "\(fields[0])")
            checked += 1
        }
        #expect(checked >= 10)
    }
}

struct GemfileLockCatalogerTests {
    @Test func sectionsAndPlatforms() {
        let lock = """
            GIT
              remote: https://github.com/hanami/utils.git
              revision: 5904fc9a70683b8749aa2861257d0c8c01eae4aa
              specs:
                hanami-utils (2.0.0.alpha1)
                  concurrent-ruby (~> 1.0)

            PATH
              remote: .
              specs:
                local-gem (0.1.0)

            GEM
              remote: https://rubygems.org/
              specs:
                concurrent-ruby (1.1.7)
                nokogiri (1.13.3-x86_64-linux)
                  racc (~> 1.4)
                rails (7.0.0.rc1)

            PLATFORMS
              x86_64-linux

            DEPENDENCIES
              hanami-utils!

            BUNDLED WITH
               2.2.28
            """
        let gems = GemfileLockCataloger.parse(lock).map { "\($0.name)@\($0.version)" }
        #expect(
            gems == [
                "hanami-utils@2.0.0.alpha1", "local-gem@0.1.0", "concurrent-ruby@1.1.7", "nokogiri@1.13.3",
                "rails@7.0.0.rc1",
            ]
        )
    }

    @Test(arguments: [
        ("/app/Gemfile.lock", true), ("/app/Gemfile.next.lock", true), ("/app/gems.locked", true),
        ("/app/Gemfile", false),
    ])
    func requiredPaths(_ path: String, _ expected: Bool) {
        #expect(GemfileLockCataloger().isRequired(path) == expected)
    }

    /// Corpus lock files: every 4-space `name (version)` line under a `specs:` of GEM/GIT/PATH is a gem.
    @Test(.enabled(if: LangCorpus.enabled))
    func corpusLockfiles() throws {
        var files = try LangCorpus.files(under: "pkgdb/osv-scalibr/rubygems-gemfilelock").map {
            "pkgdb/osv-scalibr/rubygems-gemfilelock/" + $0
        }
        files += ["pkgdb/syft/ruby/Gemfile.lock"]
        var total = 0
        for file in files {
            let text = try LangCorpus.text(file)
            var expected = 0
            var section = ""
            var inSpecs = false
            for line in text.components(separatedBy: "\n") {
                if !line.hasPrefix(" ") && !line.isEmpty { section = line; inSpecs = false; continue }
                if line == "  specs:" { inSpecs = true; continue }
                if inSpecs, ["GEM", "GIT", "PATH"].contains(section), line.hasPrefix("    "), !line.hasPrefix("     "),
                    line.hasSuffix(")")
                {
                    expected += 1
                }
            }
            let result = catalogRun(
                GemfileLockCataloger(),
                path: "/app/Gemfile.lock",
                bytes: try LangCorpus.bytes(file)
            )
            #expect(result.packages.count == expected, "\(file)")
            total += expected
        }
        #expect(total > 100)
        let rails = catalogRun(
            GemfileLockCataloger(),
            path: "/a/Gemfile.lock",
            bytes: try LangCorpus.bytes("pkgdb/osv-scalibr/rubygems-gemfilelock/rails.lock")
        )
        #expect(rails.packages.contains { $0.purl == "pkg:gem/rails@7.0.2.2" })
    }
}

struct ComposerCatalogerTests {
    @Test func lockFileSections() {
        let lock = """
            {"packages": [{"name": "monolog/monolog", "version": "2.9.1", "license": ["MIT"]}],
             "packages-dev": [{"name": "phpunit/phpunit", "version": "9.6.13", "license": ["BSD-3-Clause"]}, {"name": "x"}]}
            """
        let result = catalogRun(ComposerLockCataloger(), ["/app/composer.lock": lock])
        #expect(
            result.packages.map(\.purl) == [
                "pkg:composer/monolog/monolog@2.9.1", "pkg:composer/phpunit/phpunit@9.6.13",
            ]
        )
        #expect(result.packages.first?.licenses == ["MIT"])
        #expect(result.diagnostics.count == 1)
    }

    @Test func installedJSONBothVersions() {
        let v1 = #"[{"name": "symfony/console", "version": "v5.4.0", "license": ["MIT"]}]"#
        let v2 = #"{"packages": [{"name": "guzzlehttp/guzzle", "version": "7.8.0"}], "dev": true}"#
        let result = catalogRun(
            ComposerInstalledCataloger(),
            [
                "/a/vendor/composer/installed.json": v1, "/b/vendor/composer/installed.json": v2,
                "/c/vendor/composer/installed.json": "{}",
            ]
        )
        #expect(packageRows(result.packages) == ["guzzlehttp/guzzle@7.8.0", "symfony/console@v5.4.0"])
        #expect(result.diagnostics.count == 1)
        #expect(!ComposerInstalledCataloger().isRequired("/a/installed.json"))
    }
}

struct DotnetDepsCatalogerTests {
    @Test func packageLibrariesOnly() {
        let deps = """
            {"runtimeTarget": {"name": ".NETCoreApp,Version=v8.0"},
             "libraries": {
               "MyApp/1.0.0": {"type": "project", "serviceable": false},
               "Newtonsoft.Json/13.0.3": {"type": "package", "serviceable": true, "sha512": "sha512-x"},
               "Microsoft.Extensions.Logging/8.0.0": {"type": "package"},
               "System.Runtime/4.3.0": {"type": "referenceassembly"}
             }}
            """
        let result = catalogRun(DotnetDepsCataloger(), ["/app/MyApp.deps.json": deps])
        #expect(
            result.packages.map(\.purl) == [
                "pkg:nuget/Newtonsoft.Json@13.0.3", "pkg:nuget/Microsoft.Extensions.Logging@8.0.0",
            ]
        )
        #expect(DotnetDepsCataloger().isRequired("/app/MyApp.deps.json"))
        #expect(!DotnetDepsCataloger().isRequired("/app/MyApp.runtimeconfig.json"))
    }
}

struct CargoLockCatalogerTests {
    /// Every Cargo.lock of the corpus against tomllib.
    @Test(.enabled(if: LangCorpus.enabled))
    func corpusMatchesTomllib() throws {
        guard Tool.python else {
            #expect(!Corpus.integrationRequired, "python3 missing")
            return
        }
        let script = """
            import sys, json, tomllib
            try: d = tomllib.load(open(sys.argv[1], 'rb'))
            except Exception: print('null'); sys.exit()
            print(json.dumps(sorted({p['name'] + '@' + p['version'] for p in d.get('package', [])})))
            """
        var files = try LangCorpus.files(under: "pkgdb/osv-scalibr/crates-cargolock").map {
            "pkgdb/osv-scalibr/crates-cargolock/" + $0
        }
        files += try LangCorpus.files(under: "pkgdb/syft/rust").filter { $0.contains("Cargo.lock") }.map {
            "pkgdb/syft/rust/" + $0
        }
        let outputs = try Tool.pythonEach(script, try files.map { try LangCorpus.path($0) })
        var total = 0
        for file in files {
            let result = catalogRun(CargoLockCataloger(), path: "/src/Cargo.lock", bytes: try LangCorpus.bytes(file))
            let oracle = try JSONParser.parse(outputs[try LangCorpus.path(file)] ?? "")
            if oracle == .null {
                #expect(result.packages.isEmpty && !result.diagnostics.isEmpty, "\(file)")
                continue
            }
            #expect(
                Set(packageRows(result.packages)) == Set((oracle.arrayValue ?? []).compactMap(\.stringValue)),
                "\(file)"
            )
            total += result.packages.count
        }
        #expect(total > 50)
        let one = catalogRun(
            CargoLockCataloger(),
            [
                "/x/Cargo.lock":
                    "[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
            ]
        )
        #expect(one.packages.map(\.purl) == ["pkg:cargo/serde@1.0.0"])
    }
}

struct LanguageCatalogersListTests {
    @Test func allCatalogersHaveTheExpectedDistinctIDs() {
        let ids = LanguageCatalogers.all.map(\.id)
        #expect(
            ids == [
                "lang/python-installed", "lang/python-requirements", "lang/python-poetry-lock",
                "lang/python-pipfile-lock",
                "lang/npm-package-json", "lang/npm-lock", "lang/yarn-lock", "lang/pnpm-lock", "lang/go-binary",
                "lang/java-archive", "lang/ruby-gemspec", "lang/ruby-gemfile-lock", "lang/rust-cargo-lock",
                "lang/rust-audit-binary", "lang/php-composer-lock", "lang/php-installed-json", "lang/dotnet-deps",
            ]
        )
        #expect(LanguageCatalogers.all.allSatisfy { $0.version >= 1 })
    }

    /// Each manifest name is claimed by exactly the catalogers meant for it.
    @Test(arguments: [
        ("/app/poetry.lock", ["lang/python-poetry-lock"]), ("/app/Pipfile.lock", ["lang/python-pipfile-lock"]),
        ("/app/package-lock.json", ["lang/npm-lock"]), ("/app/yarn.lock", ["lang/yarn-lock"]),
        ("/app/pnpm-lock.yaml", ["lang/pnpm-lock"]), ("/app/Cargo.lock", ["lang/rust-cargo-lock"]),
        ("/app/composer.lock", ["lang/php-composer-lock"]), ("/app/Gemfile.lock", ["lang/ruby-gemfile-lock"]),
        ("/app/bin/App.deps.json", ["lang/dotnet-deps"]), ("/app/lib/x.jar", ["lang/java-archive"]),
        ("/etc/os-release", []), ("/usr/share/doc/README.md", []),
    ])
    func manifestsAreClaimedOnce(_ path: String, _ expected: [String]) {
        #expect(LanguageCatalogers.all.filter { $0.isRequired(path) }.map(\.id) == expected, "\(path)")
    }

    @Test func emptyTreeGivesNothing() {
        for cataloger in LanguageCatalogers.all {
            let result = cataloger.catalog(InMemoryFileTree(), context: CatalogContext())
            #expect(result.packages.isEmpty && result.diagnostics.isEmpty, "\(cataloger.id)")
        }
    }
}

struct TextParserFuzzTests {
    /// Seeded mutations of real lock files and manifests through every text cataloger: no trap, and
    /// packages always have a name and a purl.
    @Test(.enabled(if: LangCorpus.enabled))
    func mutatedManifestsNeverCrash() throws {
        let seeds: [(String, String)] = [
            ("pkgdb/syft/javascript/pnpm-v6/pnpm-lock.yaml", "/a/pnpm-lock.yaml"),
            ("pkgdb/syft/javascript/pnpm-v9/pnpm-lock.yaml", "/a/pnpm-lock.yaml"),
            ("pkgdb/syft/javascript/yarn/yarn.lock", "/a/yarn.lock"),
            ("pkgdb/syft/javascript/yarn-berry/yarn.lock", "/a/yarn.lock"),
            ("pkgdb/syft/javascript/pkg-lock/package-lock-2.json", "/a/package-lock.json"),
            ("pkgdb/osv-scalibr/python-poetrylock/two-packages.lock", "/a/poetry.lock"),
            ("pkgdb/osv-scalibr/crates-cargolock/package-with-comments.lock", "/a/Cargo.lock"),
            ("pkgdb/osv-scalibr/python-requirements/example.txt", "/a/requirements.txt"),
            ("pkgdb/osv-scalibr/python-pipfilelock/two-packages.json", "/a/Pipfile.lock"),
            ("pkgdb/osv-scalibr/rubygems-gemfilelock/rails.lock", "/a/Gemfile.lock"),
            ("pkgdb/syft/python/site-packages/nested/dist-name/dist-info/METADATA", "/s/x.dist-info/METADATA"),
            (
                "pkgdb/claircore/java-jar-manifests/"
                    + (try LangCorpus.files(under: "pkgdb/claircore/java-jar-manifests").first ?? ""),
                "/a/META-INF/MANIFEST.MF"
            ),
        ]
        var random = SplitMix64(seed: 0x7E57)
        for (file, mount) in seeds {
            let original = try LangCorpus.bytes(file)
            let catalogers = LanguageCatalogers.all.filter { $0.isRequired(mount) }
            for _ in 0..<100 {
                let bytes = random.mutate(original)
                for cataloger in catalogers {
                    let result = catalogRun(cataloger, path: mount, bytes: bytes)
                    #expect(result.packages.allSatisfy { !$0.name.isEmpty && $0.purl.hasPrefix("pkg:") })
                }
                let text = String(decoding: bytes, as: UTF8.self)
                _ = try? TOMLParser.parse(bytes)
                _ = try? YAMLSubsetParser.parseDocuments(text)
                _ = YarnLockCataloger.parseClassic(text)
                _ = RubyGemspecCataloger.parse(text)
                _ = JavaManifest(text)
                _ = PomProperties(text)
                _ = PythonMetadata(text).licenses
            }
        }
    }

    /// Random bytes and pathological shapes (deep nesting, long lines, only quotes) for the parsers.
    @Test func randomAndPathologicalInput() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<400 {
            let bytes = random.bytes(Int.random(in: 0..<400, using: &random))
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? TOMLParser.parse(bytes)
            _ = try? YAMLSubsetParser.parseDocuments(text)
            _ = PythonRequirementsCataloger.parse(text)
            _ = GemfileLockCataloger.parse(text)
            _ = GoBuildInfo.parse(version: "go1", modinfo: text)
        }
        let shapes = [
            String(repeating: "[", count: 100_000), String(repeating: "a = [", count: 5000),
            String(repeating: "- ", count: 50_000),
            String(repeating: "{", count: 100_000), String(repeating: "\"", count: 10_001),
            String(repeating: "'''", count: 3),
            String(repeating: "[[a]]\n", count: 2000), String(repeating: "k: ", count: 20_000),
        ]
        for shape in shapes {
            _ = try? TOMLParser.parse(shape)
            _ = try? YAMLSubsetParser.parseDocuments(shape)
            _ = YarnLockCataloger.parseClassic(shape)
            _ = PythonRequirementsCataloger.parse(shape)
        }
        #expect(throws: TOMLParser.ParseError.self) { try TOMLParser.parse(String(repeating: "a = [", count: 5000)) }
    }
}
