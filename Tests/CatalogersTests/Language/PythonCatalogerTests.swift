import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import Catalogers

struct PythonInstalledCatalogerTests {
    let cataloger = PythonInstalledCataloger()

    @Test(arguments: [
        ("/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", true),
        ("/usr/lib/python3/dist-packages/six-1.16.0.dist-info/RECORD", true),
        ("/site/v.DIST-INFO/METADATA", true),
        ("/site/nested/dist-name/dist-info/METADATA", true),
        ("/site/foo.egg-info/PKG-INFO", true),
        ("/site/foo.EGG-INFO/PKG-INFO", true),
        ("/site/foo.egg-info/installed-files.txt", true),
        ("/site/foo-1.0-py3.8.egg-info", true),
        ("/site/foo.dist-info/WHEEL", false),
        ("/site/foo/METADATA", false),
        ("/site/PKG-INFO", false),
        ("/site/foo.egg-info/top_level.txt", false),
    ])
    func requiredPaths(_ path: String, _ expected: Bool) {
        #expect(cataloger.isRequired(path) == expected, "\(path)")
    }

    @Test func distInfoWithRecordGivesPurlLicenseAndFiles() throws {
        let result = catalogRun(
            cataloger,
            [
                "/usr/lib/python3.11/site-packages/Foo_Bar-1.0.dist-info/METADATA":
                    "Metadata-Version: 2.4\nName: Foo_Bar.baz\nVersion: 1.0\nLicense-Expression: MIT OR Apache-2.0\n"
                    + "License: ignored\nClassifier: License :: OSI Approved :: MIT License\n\nlong description\nName: no",
                "/usr/lib/python3.11/site-packages/Foo_Bar-1.0.dist-info/RECORD":
                    "foo_bar/__init__.py,sha256=abc,12\n\"odd,name.py\",,\n../../../bin/foo,sha256=x,3\n",
            ]
        )
        let package = try #require(result.packages.first)
        #expect(result.packages.count == 1)
        #expect(package.name == "Foo_Bar.baz")
        #expect(package.purl == "pkg:pypi/foo-bar-baz@1.0")
        #expect(package.licenses == ["MIT OR Apache-2.0"])
        #expect(package.type == .python)
        #expect(package.foundBy == "lang/python-installed")
        #expect(
            package.files == [
                "/usr/lib/python3.11/site-packages/foo_bar/__init__.py",
                "/usr/lib/python3.11/site-packages/odd,name.py",
                "/usr/bin/foo",
            ]
        )
        #expect(package.locations.count == 2)
    }

    @Test func licenseFallsBackToClassifiersThenSkipsUnknown() {
        let result = catalogRun(
            cataloger,
            [
                "/s/a.dist-info/METADATA":
                    "Name: a\nVersion: 1\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License\n"
                    + "Classifier: License :: OSI Approved :: Apache Software License\n",
                "/s/b.dist-info/METADATA": "Name: b\nVersion: 2\nLicense: BSD License\n",
                "/s/c.dist-info/METADATA": "Name: c\nVersion: 3\n",
            ]
        )
        let byName = Dictionary(uniqueKeysWithValues: result.packages.map { ($0.name, $0.licenses) })
        #expect(byName["a"] == ["MIT", "Apache Software License"])
        #expect(byName["b"] == ["BSD License"])
        #expect(byName["c"] == [])
    }

    @Test func eggInfoFileAndDirectoryForms() {
        let result = catalogRun(
            cataloger,
            [
                "/s/single-1.0-py3.8.egg-info": "Metadata-Version: 1.1\nName: single\nVersion: 1.0\n",
                "/s/dir.egg-info/PKG-INFO": "Metadata-Version: 1.1\nName: dir\nVersion: 2.0\n",
                "/s/dir.egg-info/installed-files.txt": "../dir/__init__.py\nPKG-INFO\n",
            ]
        )
        #expect(packageRows(result.packages) == ["dir@2.0", "single@1.0"])
        let dir = result.packages.first { $0.name == "dir" }
        #expect(dir?.files == ["/s/dir/__init__.py", "/s/dir.egg-info/PKG-INFO"])
    }

    @Test func missingNameOrVersionIsADiagnostic() {
        let result = catalogRun(cataloger, ["/s/x.dist-info/METADATA": "Metadata-Version: 2.1\nName: x\n"])
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.path == "/s/x.dist-info/METADATA")
    }

    /// Every metadata file of syft's and osv-scalibr's fixtures, against Python's own `email` parser and
    /// `csv` module (what pip and importlib.metadata use).
    @Test(.enabled(if: LangCorpus.enabled))
    func corpusMetadataMatchesPythonEmailParser() throws {
        guard Tool.python else {
            #expect(!Corpus.integrationRequired, "python3 missing")
            return
        }
        var tree = try LangCorpus.tree("pkgdb/syft/python/site-packages", mountedAt: "/site")
        for file in try LangCorpus.files(under: "pkgdb/osv-scalibr/python-wheelegg") {
            let safe = file.replacingOccurrences(of: ".", with: "_")
            tree.add(
                "/wheel/\(safe).dist-info/METADATA",
                try LangCorpus.bytes("pkgdb/osv-scalibr/python-wheelegg/" + file)
            )
        }
        for file in ["Python-2.7.egg-info", "empty-1.0.0-py3.8.egg-info"] {
            tree.add("/top/" + file, try LangCorpus.bytes("pkgdb/syft/python/" + file))
        }
        let result = cataloger.catalog(tree, context: CatalogContext())
        let script = """
            import sys, json, email.parser, csv, os
            out = {}
            for path, real in zip(sys.argv[1::2], sys.argv[2::2]):
                with open(real, encoding='utf-8', errors='replace') as f:
                    m = email.parser.Parser().parsestr(f.read(), headersonly=True)
                name, version = m.get('Name'), m.get('Version')
                if not name or not version: continue
                files = []
                if os.path.basename(path) in ('METADATA', 'PKG-INFO'):
                    rec = os.path.join(os.path.dirname(real), 'RECORD')
                    if os.path.exists(rec):
                        with open(rec, newline='', encoding='utf-8', errors='replace') as f:
                            files = [r[0] for r in csv.reader(f) if r and r[0].strip()]
                out[path] = [name.strip(), version.strip(), len(files)]
            print(json.dumps(out))
            """
        var arguments: [String] = []
        let root = try LangCorpus.path("pkgdb")
        for entry in tree.entries where entry.kind == .regular && cataloger.isRequired(entry.path) {
            let base = (entry.path as NSString).lastPathComponent
            guard base == "METADATA" || base == "PKG-INFO" || base.lowercased().hasSuffix(".egg-info") else { continue }
            let real: String
            if entry.path.hasPrefix("/site/") {
                real = root + "/syft/python/site-packages/" + entry.path.dropFirst(6)
            } else if entry.path.hasPrefix("/top/") {
                real = root + "/syft/python/" + entry.path.dropFirst(5)
            } else {
                let safe = entry.path.dropFirst("/wheel/".count).dropLast(".dist-info/METADATA".count)
                let original = try LangCorpus.files(under: "pkgdb/osv-scalibr/python-wheelegg").first {
                    $0.replacingOccurrences(of: ".", with: "_") == safe
                }
                real = root + "/osv-scalibr/python-wheelegg/" + (original ?? "")
            }
            arguments += [entry.path, real]
        }
        let oracle = try JSONParser.parse(Tool.python(script, arguments))
        guard case .object(let expected) = oracle else {
            Issue.record("oracle did not print an object")
            return
        }
        #expect(expected.count >= 15)
        for (path, row) in expected {
            let values = row.arrayValue ?? []
            let package = result.packages.first { $0.locations.first == path }
            #expect(package?.name == values.first?.stringValue, "\(path)")
            #expect(package?.version == values.dropFirst().first?.stringValue, "\(path)")
            if case .int(let count)? = values.last {
                #expect(package?.files.count == count, "\(path)")
            }
        }
        #expect(result.packages.count == expected.count)
    }
}

struct PythonRequirementsCatalogerTests {
    let cataloger = PythonRequirementsCataloger()

    @Test(arguments: [
        ("/app/requirements.txt", true), ("/app/requirements-dev.txt", true), ("/app/1-requirements-dev.txt", true),
        ("/app/extra-requirements.txt", true), ("/app/requirements.in", false), ("/app/reqs.txt", false),
    ])
    func requiredPaths(_ path: String, _ expected: Bool) {
        #expect(cataloger.isRequired(path) == expected)
    }

    @Test func onlyExactPinsBecomePackages() {
        let parsed = PythonRequirementsCataloger.parse(
            """
            # comment
            Django==4.2.1  # trailing comment
            requests [security] >= 2.8.1, == 2.8.* ; python_version < "2.7"
            pyjwt [crypto] == 2.1.0
            yolo===1.0
            pkgA==1.0 \\
              --hash=sha256:123
            foo5==1.0; python_version < "2.7" --hash=sha256:123
            asdf==0.7.*
            pytest
            -r base.txt
            --requirement other.txt
            -e git+https://x/y.git#egg=y
            urllib3 @ https://example.com/urllib3.zip
            ./downloads/numpy.whl
            qwert==${MY_VARIABLE}
            ==1.0
            """
        )
        #expect(
            parsed.pinned.map { "\($0.name)==\($0.version)" } == [
                "Django==4.2.1", "pyjwt==2.1.0", "yolo==1.0", "pkgA==1.0", "foo5==1.0",
            ]
        )
        #expect(parsed.includes == ["base.txt", "other.txt"])
        #expect(parsed.malformed == [17])
        #expect(parsed.skipped.count == 7)
    }

    @Test func purlUsesNormalisedNameAndDiagnosticsCountSkipped() {
        let result = catalogRun(cataloger, ["/r/requirements.txt": "Foo.Bar_baz==1.0\nflask>=2\n-r x.txt\n"])
        #expect(result.packages.map(\.purl) == ["pkg:pypi/foo-bar-baz@1.0"])
        #expect(result.packages.first?.name == "Foo.Bar_baz")
        #expect(result.diagnostics.count == 2)
    }

    /// osv-scalibr's requirement files against pip's own parser (`packaging.requirements`): a requirement is
    /// reported exactly when it has one `==`/`===` specifier whose version is a literal (no wildcard, no
    /// `${VAR}`, not empty).
    @Test(.enabled(if: LangCorpus.enabled))
    func corpusAgreesWithPackagingRequirements() throws {
        let probe = "import pip._vendor.packaging.requirements"
        guard Tool.python, (try? Tool.python(probe)) != nil else {
            #expect(!Corpus.integrationRequired, "python3 with pip missing")
            return
        }
        let script = """
            import sys, json, re
            from pip._vendor.packaging.requirements import Requirement
            out = []
            text = open(sys.argv[1]).read()
            text = re.sub(r'\\\\\\n', ' ', text)
            for line in text.splitlines():
                line = re.sub(r'(^|\\s)#.*$', '', line).strip()
                if not line or line.startswith('-'): continue
                line = re.split(r'\\s-', line)[0].strip()
                try:
                    r = Requirement(line)
                except Exception:
                    continue
                specs = list(r.specifier)
                if r.url is None and len(specs) == 1 and specs[0].operator in ('==', '===') and re.fullmatch(r'[A-Za-z0-9.+!_-]+', specs[0].version):
                    out.append(r.name + '==' + specs[0].version)
            print(json.dumps(out))
            """
        let requirementFiles = try LangCorpus.files(under: "pkgdb/osv-scalibr/python-requirements")
        let outputs = try Tool.pythonEach(
            script,
            try requirementFiles.map { try LangCorpus.path("pkgdb/osv-scalibr/python-requirements/" + $0) }
        )
        var total = 0
        for file in requirementFiles {
            let path = try LangCorpus.path("pkgdb/osv-scalibr/python-requirements/" + file)
            let expected = (try JSONParser.parse(outputs[path] ?? "").arrayValue ?? []).compactMap(
                \.stringValue
            )
            let parsed = PythonRequirementsCataloger.parse(
                try LangCorpus.text("pkgdb/osv-scalibr/python-requirements/" + file)
            )
            #expect(parsed.pinned.map { "\($0.name)==\($0.version)" } == expected, "\(file)")
            total += expected.count
        }
        #expect(total > 20)
    }
}

struct PoetryAndPipfileTests {
    /// Every poetry.lock of the corpus against Python's tomllib.
    @Test(.enabled(if: LangCorpus.enabled))
    func poetryLocksMatchTomllib() throws {
        guard Tool.python else {
            #expect(!Corpus.integrationRequired, "python3 missing")
            return
        }
        let script = """
            import sys, json, tomllib
            try:
                d = tomllib.load(open(sys.argv[1], 'rb'))
            except Exception:
                print('null'); sys.exit()
            print(json.dumps(sorted({p['name'] + '@' + p['version'] for p in d.get('package', []) if p.get('name') and p.get('version')})))
            """
        var files = try LangCorpus.files(under: "pkgdb/osv-scalibr/python-poetrylock").map {
            "pkgdb/osv-scalibr/python-poetrylock/" + $0
        }
        files += try LangCorpus.files(under: "pkgdb/syft/python").filter { $0.hasSuffix("poetry.lock") }.map {
            "pkgdb/syft/python/" + $0
        }
        let outputs = try Tool.pythonEach(script, try files.map { try LangCorpus.path($0) })
        var total = 0
        for file in files {
            let result = catalogRun(PoetryLockCataloger(), path: "/app/poetry.lock", bytes: try LangCorpus.bytes(file))
            let oracle = try JSONParser.parse(outputs[try LangCorpus.path(file)] ?? "")
            if oracle == .null {
                #expect(result.packages.isEmpty && !result.diagnostics.isEmpty, "\(file) should be rejected")
                continue
            }
            let expected = (oracle.arrayValue ?? []).compactMap(\.stringValue)
            #expect(Set(packageRows(result.packages)) == Set(expected), "\(file)")
            total += expected.count
        }
        #expect(total > 20)
    }

    @Test func poetryPurlIsNormalised() {
        let result = catalogRun(
            PoetryLockCataloger(),
            [
                "/p/poetry.lock":
                    "[[package]]\nname = \"Zope.Interface\"\nversion = \"5.4.0\"\n[metadata]\nlock-version = \"2.0\"\n"
            ]
        )
        #expect(result.packages.map(\.purl) == ["pkg:pypi/zope-interface@5.4.0"])
    }

    /// Every Pipfile.lock of the corpus against Python's json module.
    @Test(.enabled(if: LangCorpus.enabled))
    func pipfileLocksMatchPythonJSON() throws {
        guard Tool.python else {
            #expect(!Corpus.integrationRequired, "python3 missing")
            return
        }
        let script = """
            import sys, json
            try:
                d = json.load(open(sys.argv[1]))
            except Exception:
                print('null'); sys.exit()
            out = set()
            for s in ('default', 'develop'):
                for k, v in (d.get(s) or {}).items():
                    if isinstance(v, dict) and v.get('version'): out.add(k + '@' + v['version'].lstrip('='))
            print(json.dumps(sorted(out)))
            """
        var files = try LangCorpus.files(under: "pkgdb/osv-scalibr/python-pipfilelock").map {
            "pkgdb/osv-scalibr/python-pipfilelock/" + $0
        }
        files += ["pkgdb/syft/python/pipfile-lock/Pipfile.lock", "pkgdb/syft/python/pypi-remote/Pipfile.lock"]
        let outputs = try Tool.pythonEach(script, try files.map { try LangCorpus.path($0) })
        var total = 0
        for file in files {
            let result = catalogRun(
                PipfileLockCataloger(),
                path: "/app/Pipfile.lock",
                bytes: try LangCorpus.bytes(file)
            )
            let oracle = try JSONParser.parse(outputs[try LangCorpus.path(file)] ?? "")
            if oracle == .null {
                #expect(result.packages.isEmpty && !result.diagnostics.isEmpty, "\(file) should be rejected")
                continue
            }
            #expect(
                Set(packageRows(result.packages)) == Set((oracle.arrayValue ?? []).compactMap(\.stringValue)),
                "\(file)"
            )
            total += result.packages.count
        }
        #expect(total > 15)
    }

    @Test func pipfileWithoutVersionIsCountedInADiagnostic() {
        let result = catalogRun(
            PipfileLockCataloger(),
            ["/a/Pipfile.lock": #"{"default": {"a": {"version": "==1.0"}, "b": {"git": "x"}}, "develop": {}}"#]
        )
        #expect(result.packages.map(\.purl) == ["pkg:pypi/a@1.0"])
        #expect(result.diagnostics.count == 1)
    }
}
