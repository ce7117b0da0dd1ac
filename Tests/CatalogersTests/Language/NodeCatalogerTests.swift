import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import Catalogers

struct NPMPackageJSONCatalogerTests {
    let cataloger = NPMPackageJSONCataloger()

    @Test(arguments: [
        ("/app/node_modules/lodash/package.json", true),
        ("/app/node_modules/@babel/core/package.json", true),
        ("/usr/lib/node_modules/npm/node_modules/abbrev/package.json", true),
        ("/app/package.json", false),
        ("/app/node_modules/lodash/lib/package.json", false),
        ("/app/node_modules/@babel/package.json", false),
        ("/app/node_modules/@/x/package.json", false),
        ("/app/node_modules/lodash/package.json.bak", false),
    ])
    func requiredPaths(_ path: String, _ expected: Bool) {
        #expect(cataloger.isRequired(path) == expected, "\(path)")
    }

    @Test func scopedPackageAndLicenseForms() {
        let result = catalogRun(
            cataloger,
            [
                "/a/node_modules/@babel/core/package.json":
                    #"{"name": "@babel/core", "version": "7.0.0", "license": "MIT"}"#,
                "/a/node_modules/old/package.json":
                    #"{"name": "old", "version": "1.0.0", "licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]}"#,
                "/a/node_modules/obj/package.json": #"{"name": "obj", "version": "2.0.0", "license": {"type": "ISC"}}"#,
                "/a/node_modules/arr/package.json":
                    #"{"name": "arr", "version": "3.0.0", "license": ["BSD-3-Clause"]}"#,
                "/a/node_modules/noversion/package.json": #"{"name": "noversion"}"#,
                "/a/node_modules/broken/package.json": #"{"name": "#,
            ]
        )
        #expect(
            result.packages.map(\.purl).sorted() == [
                "pkg:npm/%40babel/core@7.0.0", "pkg:npm/arr@3.0.0", "pkg:npm/obj@2.0.0", "pkg:npm/old@1.0.0",
            ]
        )
        let licenses = Dictionary(uniqueKeysWithValues: result.packages.map { ($0.name, $0.licenses) })
        #expect(licenses["@babel/core"] == ["MIT"])
        #expect(licenses["old"] == ["MIT", "Apache-2.0"])
        #expect(licenses["obj"] == ["ISC"])
        #expect(licenses["arr"] == ["BSD-3-Clause"])
        #expect(result.diagnostics.count == 2)
        #expect(result.packages.allSatisfy { $0.type == .npm && $0.locations.count == 1 })
    }

    /// syft's package.json fixtures mounted in node_modules: name, version and license (string, object,
    /// array forms) against Python's json module.
    @Test(.enabled(if: LangCorpus.enabled))
    func corpusManifestsMatchPythonJSON() throws {
        guard Tool.python else {
            #expect(!Corpus.integrationRequired, "python3 missing")
            return
        }
        var tree = InMemoryFileTree()
        var arguments: [String] = []
        for directory in ["pkgdb/syft/javascript/pkg-json", "pkgdb/osv-scalibr/npm-packagejson"] {
            for file in try LangCorpus.files(under: directory) where file.hasSuffix(".json") {
                let path =
                    "/app/node_modules/\(directory.split(separator: "/").last ?? "")-\(file.replacingOccurrences(of: "/", with: "_"))/package.json"
                tree.add(path, try LangCorpus.bytes(directory + "/" + file))
                arguments += [path, try LangCorpus.path(directory + "/" + file)]
            }
        }
        let script = """
            import sys, json
            out = {}
            def lic(v):
                if isinstance(v, str): return [v.strip()] if v.strip() else []
                if isinstance(v, dict):
                    t = v.get('type') or v.get('name')
                    return [t.strip()] if isinstance(t, str) and t.strip() else []
                if isinstance(v, list): return [x for i in v for x in lic(i)]
                return []
            for path, real in zip(sys.argv[1::2], sys.argv[2::2]):
                try: d = json.load(open(real))
                except Exception: continue
                if not isinstance(d, dict): continue
                n, v = d.get('name'), d.get('version')
                if isinstance(n, str) and n and isinstance(v, str) and v:
                    out[path] = [n, v, lic(d.get('license')) or lic(d.get('licenses'))]
            print(json.dumps(out))
            """
        let oracle = try JSONParser.parse(Tool.python(script, arguments))
        let result = cataloger.catalog(tree, context: CatalogContext())
        guard case .object(let expected) = oracle else {
            Issue.record("oracle did not print an object")
            return
        }
        #expect(expected.count >= 20)
        #expect(result.packages.count == expected.count)
        for (path, row) in expected {
            let package = result.packages.first { $0.locations == [path] }
            let values = row.arrayValue ?? []
            #expect(package?.name == values.first?.stringValue, "\(path)")
            #expect(package?.version == values.dropFirst().first?.stringValue, "\(path)")
            #expect(package?.licenses == (values.last?.arrayValue ?? []).compactMap(\.stringValue), "\(path)")
        }
    }
}

struct NPMLockCatalogerTests {
    let cataloger = NPMLockCataloger()

    @Test func v2PackagesMapSkipsRootAndLinksAndResolvesAliases() {
        let lock = """
            {"name": "app", "lockfileVersion": 3, "packages": {
              "": {"name": "app", "version": "1.0.0"},
              "node_modules/a": {"version": "1.0.0", "license": "MIT"},
              "node_modules/a/node_modules/@s/b": {"version": "2.0.0"},
              "node_modules/alias": {"name": "real", "version": "3.0.0"},
              "node_modules/ws": {"resolved": "packages/ws", "link": true},
              "packages/ws": {"name": "ws", "version": "0.0.1"},
              "node_modules/dup": {"version": "1.0.0"},
              "node_modules/x/node_modules/dup": {"version": "1.0.0"}
            }}
            """
        let result = catalogRun(cataloger, ["/app/package-lock.json": lock])
        #expect(packageRows(result.packages) == ["@s/b@2.0.0", "a@1.0.0", "dup@1.0.0", "real@3.0.0"])
        #expect(result.packages.first { $0.name == "@s/b" }?.purl == "pkg:npm/%40s/b@2.0.0")
        #expect(result.packages.first { $0.name == "a" }?.licenses == ["MIT"])
    }

    @Test func v1DependencyTreeWithAliases() {
        let lock = """
            {"lockfileVersion": 1, "dependencies": {
              "a": {"version": "1.0.0", "dependencies": {"b": {"version": "2.0.0"}}},
              "cjs": {"version": "npm:string-width@4.2.0"},
              "@scope/c": {"version": "3.0.0", "dev": true}
            }}
            """
        let result = catalogRun(cataloger, ["/app/npm-shrinkwrap.json": lock])
        #expect(packageRows(result.packages) == ["@scope/c@3.0.0", "a@1.0.0", "b@2.0.0", "string-width@4.2.0"])
    }

    /// Every package-lock of the corpus against an independent reading with Python's json module.
    @Test(.enabled(if: LangCorpus.enabled))
    func corpusLocksMatchPythonJSON() throws {
        guard Tool.python else {
            #expect(!Corpus.integrationRequired, "python3 missing")
            return
        }
        let script = """
            import sys, json
            def name_of(key, entry):
                if isinstance(entry.get('name'), str): return entry['name']
                return key.rsplit('node_modules/', 1)[-1]
            def alias(n, v):
                if v.startswith('npm:'):
                    spec = v[4:]
                    at = spec.rfind('@')
                    if at > 0: return spec[:at], spec[at + 1:]
                return n, v
            def walk(deps, out):
                for k, e in deps.items():
                    if not isinstance(e, dict): continue
                    if isinstance(e.get('version'), str) and e['version']:
                        out.add('%s@%s' % alias(k.rsplit('node_modules/', 1)[-1], e['version']))
                    if isinstance(e.get('dependencies'), dict): walk(e['dependencies'], out)
            try: d = json.load(open(sys.argv[1]))
            except Exception: print('null'); sys.exit()
            if not isinstance(d, dict): print('null'); sys.exit()
            out = set()
            if isinstance(d.get('packages'), dict):
                for k, e in d['packages'].items():
                    if 'node_modules/' not in k or e.get('link'): continue
                    if isinstance(e.get('version'), str) and e['version']: out.add('%s@%s' % alias(name_of(k, e), e['version']))
            elif isinstance(d.get('dependencies'), dict):
                walk(d['dependencies'], out)
            print(json.dumps(sorted(out)))
            """
        var files = try LangCorpus.files(under: "pkgdb/osv-scalibr/npm-packagelockjson").map {
            "pkgdb/osv-scalibr/npm-packagelockjson/" + $0
        }
        files += try LangCorpus.files(under: "pkgdb/syft/javascript").filter {
            $0.hasSuffix(".json") && $0.contains("lock")
        }
        .map { "pkgdb/syft/javascript/" + $0 }
        let outputs = try Tool.pythonEach(script, try files.map { try LangCorpus.path($0) })
        var total = 0
        for file in files {
            let result = catalogRun(cataloger, path: "/app/package-lock.json", bytes: try LangCorpus.bytes(file))
            let oracle = try JSONParser.parse(outputs[try LangCorpus.path(file)] ?? "")
            if oracle == .null {
                #expect(result.packages.isEmpty && !result.diagnostics.isEmpty, "\(file) should be rejected")
                continue
            }
            #expect(packageRows(result.packages) == (oracle.arrayValue ?? []).compactMap(\.stringValue), "\(file)")
            total += result.packages.count
        }
        #expect(total > 80)
    }
}

struct YarnLockCatalogerTests {
    let cataloger = YarnLockCataloger()

    @Test func classicFormatWithScopesQuotesAndAliases() throws {
        let lock = """
            # yarn lockfile v1


            "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
              version "7.12.13"
              resolved "https://registry.yarnpkg.com/x.tgz"
              dependencies:
                "@babel/highlight" "^7.10.4"

            concat-map@0.0.1:
              "version" "0.0.1"

            "ansi-regex-cjs@npm:ansi-regex@^5.0.0":
              version "5.0.1"
            """
        let entries = try YarnLockCataloger.parse(lock)
        #expect(
            entries.map { "\($0.name)@\($0.version)" } == [
                "@babel/code-frame@7.12.13", "concat-map@0.0.1", "ansi-regex@5.0.1",
            ]
        )
    }

    @Test func berryFormatSkipsMetadataAndWorkspaces() throws {
        let lock = """
            __metadata:
              version: 8
              cacheKey: 10c0

            "@ws/lib@workspace:^, @ws/lib@workspace:lib":
              version: 0.0.0-use.local
              resolution: "@ws/lib@workspace:lib"

            "babel-hvi@npm:@babel/helper-validator-identifier@^7.0.0":
              version: 7.22.20
              resolution: "@babel/helper-validator-identifier@npm:7.22.20"

            "ansi-regex@npm:^6.1.0":
              version: 6.1.0
              resolution: "ansi-regex@npm:6.1.0"
            """
        let result = catalogRun(cataloger, ["/app/yarn.lock": lock])
        #expect(
            result.packages.map(\.purl) == [
                "pkg:npm/%40babel/helper-validator-identifier@7.22.20", "pkg:npm/ansi-regex@6.1.0",
            ]
        )
    }

    /// osv-scalibr ships most yarn fixtures in both formats for the same project: both must agree, and
    /// match the versions named in the files.
    @Test(.enabled(if: LangCorpus.enabled))
    func classicAndBerryFixturesAgree() throws {
        let directory = "pkgdb/osv-scalibr/npm-yarnlock"
        var compared = 0
        for pair in ["one-package", "with-aliases", "with-build-string", "with-quotes", "empty"] {
            let v1 = catalogRun(
                cataloger,
                path: "/a/yarn.lock",
                bytes: try LangCorpus.bytes("\(directory)/\(pair).v1.lock")
            )
            let v2 = catalogRun(
                cataloger,
                path: "/a/yarn.lock",
                bytes: try LangCorpus.bytes("\(directory)/\(pair).v2.lock")
            )
            if pair != "with-quotes" { #expect(packageRows(v1.packages) == packageRows(v2.packages), "\(pair)") }
            #expect(v1.diagnostics.isEmpty && v2.diagnostics.isEmpty, "\(pair)")
            compared += v1.packages.count
        }
        #expect(compared >= 6)
        let aliases = catalogRun(
            cataloger,
            path: "/a/yarn.lock",
            bytes: try LangCorpus.bytes("\(directory)/with-aliases.v1.lock")
        )
        #expect(
            packageRows(aliases.packages) == [
                "@babel/helper-validator-identifier@7.22.20", "ansi-regex@5.0.1", "ansi-regex@6.0.1",
            ]
        )
        let root = catalogRun(
            cataloger,
            path: "/a/yarn.lock",
            bytes: try LangCorpus.bytes("\(directory)/exclude-root.v2.lock")
        )
        #expect(packageRows(root.packages) == ["ansi-regex@6.1.0"])
        let berry = catalogRun(
            cataloger,
            path: "/a/yarn.lock",
            bytes: try LangCorpus.bytes("pkgdb/syft/javascript/yarn-berry/yarn.lock")
        )
        let classic = catalogRun(
            cataloger,
            path: "/a/yarn.lock",
            bytes: try LangCorpus.bytes("pkgdb/syft/javascript/yarn/yarn.lock")
        )
        #expect(berry.packages.count == 8)
        #expect(Set(packageRows(berry.packages)).isSubset(of: Set(packageRows(classic.packages))))
    }

    /// Every `version` line of every classic fixture becomes one package (before de-duplication).
    @Test(.enabled(if: LangCorpus.enabled))
    func classicFixturesReportEveryVersionLine() throws {
        var files = try LangCorpus.files(under: "pkgdb/osv-scalibr/npm-yarnlock").filter { $0.hasSuffix(".v1.lock") }
            .map {
                "pkgdb/osv-scalibr/npm-yarnlock/" + $0
            }
        files += ["pkgdb/syft/javascript/yarn/yarn.lock", "pkgdb/syft/javascript/yarn-dups/yarn.lock"]
        for file in files {
            let text = try LangCorpus.text(file)
            let versionLines = text.split(separator: "\n").filter {
                $0.hasPrefix("  version ") || $0.hasPrefix("  \"version\" ")
            }.count
            #expect(YarnLockCataloger.parseClassic(text).count == versionLines, "\(file)")
        }
    }
}

struct PNPMLockCatalogerTests {
    let cataloger = PNPMLockCataloger()

    @Test(arguments: [
        ("/foo/1.0.0", "foo", "1.0.0"), ("/@foo/bar/1.0.0", "@foo/bar", "1.0.0"),
        ("registry.npmjs.org/@foo/bar/1.1.0", "@foo/bar", "1.1.0"), ("example.com/foo/1.3.0_bar@2.0.0", "foo", "1.3.0"),
        ("/foo/1.4.0_@types+babel__core@7.1.14", "foo", "1.4.0"),
        ("/acorn-jsx/5.3.2_acorn@8.8.0", "acorn-jsx", "5.3.2"),
        ("/@babel/core@7.21.4(supports-color@5.5.0)", "@babel/core", "7.21.4"),
        ("/react-dom@18.2.0(react@18.2.0)", "react-dom", "18.2.0"),
        ("@babel/core@7.24.7", "@babel/core", "7.24.7"), ("is-positive@3.1.0", "is-positive", "3.1.0"),
        ("react-dom@18.0.0-rc.3(react@18.2.0)", "react-dom", "18.0.0-rc.3"),
    ])
    func keyFormats(_ key: String, _ name: String, _ version: String) throws {
        let parsed = try #require(PNPMLockCataloger.parseKey(key))
        #expect(parsed.name == name)
        #expect(parsed.version == version)
    }

    @Test(arguments: ["/foo/bar", "github.com/kevva/is-positive", "invalidpath", "file:../x"])
    func keysWithoutVersion(_ key: String) {
        #expect(PNPMLockCataloger.parseKey(key)?.version == nil)
    }

    /// Corpus lock files of versions 5.3 to 9.0 (peer suffixes, git/tarball/file entries, multi-document).
    @Test(.enabled(if: LangCorpus.enabled))
    func corpusLockfiles() throws {
        let expectations: [String: [String]] = [
            "osv-scalibr/npm-pnpmlock/exotic.yaml": [
                "@foo/bar@1.0.0", "@foo/bar@1.1.0", "foo@1.0.0", "foo@1.1.0", "foo@1.2.0", "foo@1.3.0", "foo@1.4.0",
            ],
            "osv-scalibr/npm-pnpmlock/commits.yaml": [
                "@my-scope/my-other-package@1.0.0", "@my-scope/my-package@1.0.0", "faker-parser@0.0.1", "mocks@20.0.1",
                "my-bitbucket-package@1.0.0",
            ],
            "osv-scalibr/npm-pnpmlock/commits.v9.yaml": ["ansi-regex@6.0.1", "is-number@7.0.0"],
            "osv-scalibr/npm-pnpmlock/tarball.yaml": ["@my-org/my-package@3.2.3"],
            "osv-scalibr/npm-pnpmlock/peer-dependencies-advanced-rc-v6.yaml": [
                "js-tokens@4.0.0", "loose-envify@1.4.0", "react-dom@18.0.0-rc.3", "react@18.2.0", "scheduler@0.21.0",
            ],
            "osv-scalibr/npm-pnpmlock/multiple-versions.v9.yaml": ["uuid@8.0.0", "uuid@8.3.2", "xmlbuilder@11.0.1"],
            "osv-scalibr/npm-pnpmlock/no-packages.yaml": [],
            "syft/javascript/pnpm-v5-peer-suffix/pnpm-lock.yaml": [
                "acorn-jsx@5.3.2", "acorn@8.8.0", "webpack-cli@4.10.0",
            ],
            "syft/javascript/pnpm-multi-doc/pnpm-lock.yaml": [
                "@pnpm/exe.linux-x64@12.0.0-rc.3", "minimist@1.2.0", "pnpm@12.0.0-rc.3",
            ],
            "syft/javascript/pnpm-v9-snapshots/pnpm-lock.yaml": [
                "cross-spawn@7.0.6", "isexe@2.0.0", "path-key@3.1.1", "shebang-command@2.0.0", "shebang-regex@3.0.0",
                "which@2.0.2",
            ],
        ]
        for (file, expected) in expectations {
            let result = catalogRun(cataloger, path: "/a/pnpm-lock.yaml", bytes: try LangCorpus.bytes("pkgdb/" + file))
            #expect(packageRows(result.packages) == expected, "\(file)")
        }
        let corrupt = catalogRun(
            cataloger,
            path: "/a/pnpm-lock.yaml",
            bytes: try LangCorpus.bytes("pkgdb/syft/javascript/corrupt/pnpm-lock.yaml")
        )
        #expect(corrupt.packages.isEmpty && corrupt.diagnostics.count == 1)
    }

    /// For every corpus lock file, each `packages` key whose entry lacks name/version and whose key encodes
    /// none is counted in a diagnostic, and everything else is a package (PyYAML reads the keys).
    @Test(.enabled(if: LangCorpus.enabled))
    func everyPackageKeyIsAccountedFor() throws {
        guard Tool.pythonYAML else {
            #expect(!Corpus.integrationRequired, "python3 with PyYAML missing")
            return
        }
        let script = """
            import sys, json, yaml
            n = 0
            try:
                for d in yaml.safe_load_all(open(sys.argv[1])):
                    if isinstance(d, dict) and isinstance(d.get('packages'), dict): n += len(d['packages'])
            except Exception: n = -1
            print(n)
            """
        let pnpmFiles = try LangCorpus.files(under: "pkgdb/osv-scalibr/npm-pnpmlock")
        let outputs = try Tool.pythonEach(
            script,
            try pnpmFiles.map { try LangCorpus.path("pkgdb/osv-scalibr/npm-pnpmlock/" + $0) }
        )
        for file in pnpmFiles {
            let path = "pkgdb/osv-scalibr/npm-pnpmlock/" + file
            let keys =
                Int(
                    (outputs[try LangCorpus.path(path)] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                ) ?? -1
            guard keys >= 0 else { continue }
            let result = catalogRun(cataloger, path: "/a/pnpm-lock.yaml", bytes: try LangCorpus.bytes(path))
            var unaccounted = 0
            if let message = result.diagnostics.first?.message, let count = Int(message.prefix { $0.isNumber }) {
                unaccounted = count
            }
            let distinctKeys = Set(result.packages.map(\.purl)).count
            #expect(distinctKeys + unaccounted <= keys && distinctKeys > 0 || keys == 0, "\(file)")
        }
    }
}
