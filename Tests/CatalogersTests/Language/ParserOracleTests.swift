import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import Catalogers

/// The TOML and YAML subset readers against Python's tomllib and PyYAML over every lock file of the corpus.
struct ParserOracleTests {
    /// Strings and booleans as JSON; other scalars (numbers, dates) as null, since tomllib does not keep
    /// their text.
    static func json(_ value: TOMLValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .scalar: return .null
        case .array(let items): return .array(items.map(json))
        case .table(let pairs): return .object(pairs.map { ($0.0, json($0.1)) })
        }
    }

    static func tomlFiles() throws -> [String] {
        var out: [String] = []
        for directory in [
            "pkgdb/osv-scalibr/crates-cargolock", "pkgdb/osv-scalibr/python-poetrylock",
            "pkgdb/osv-scalibr/python-uvlock", "pkgdb/syft/rust", "pkgdb/syft/python",
        ] {
            out += try LangCorpus.files(under: directory).filter {
                $0.hasSuffix(".lock") || $0.hasSuffix(".toml") || $0.hasSuffix(".txt") || $0.contains("Cargo.lock")
            }.map { directory + "/" + $0 }
        }
        return out
    }

    @Test(.enabled(if: LangCorpus.enabled))
    func tomlAgreesWithTomllib() throws {
        guard Tool.python else {
            #expect(!Corpus.integrationRequired, "python3 missing")
            return
        }
        let script = """
            import sys, json, tomllib
            def conv(v):
                if isinstance(v, bool) or isinstance(v, str): return v
                if isinstance(v, dict): return {k: conv(x) for k, x in v.items()}
                if isinstance(v, list): return [conv(x) for x in v]
                return None
            out = {}
            for p in sys.argv[1:]:
                try: out[p] = conv(tomllib.load(open(p, 'rb')))
                except Exception: out[p] = 'INVALID'
            print(json.dumps(out))
            """
        let files = try Self.tomlFiles()
        let oracle = try JSONParser.parse(Tool.python(script, try files.map { try LangCorpus.path($0) }))
        var valid = 0
        for file in files {
            let expected = oracle[try LangCorpus.path(file)]
            let parsed = try? TOMLParser.parse(try LangCorpus.bytes(file))
            if expected == .string("INVALID") {
                #expect(parsed == nil, "\(file) is invalid TOML but was accepted")
                continue
            }
            valid += 1
            #expect(parsed.map(Self.json) == expected, "\(file)")
        }
        #expect(valid >= 25)
    }

    @Test func tomlStringsAndTables() throws {
        let text = #"""
            # comment
            title = "a \"quoted\" \u00e9 \\ value" # trailing
            literal = 'C:\path'
            multi = """
            line one \
              continued
            line two"""
            raw = '''
            first
            second'''
            [server."x.y"]
            ports = [ 8000, 8001,
              8002, ] # comment
            inline = { a = 1, b.c = "d" }
            when = 1979-05-27 07:32:00Z
            [[fruit]]
            name = "apple"
            [fruit.physical]
            color = "red"
            [[fruit]]
            name = "banana"
            [fruit.physical]
            color = "yellow"
            """#
        let value = try TOMLParser.parse(text)
        #expect(value["title"] == .string("a \"quoted\" é \\ value"))
        #expect(value["literal"] == .string(#"C:\path"#))
        #expect(value["multi"] == .string("line one continued\nline two"))
        #expect(value["raw"] == .string("first\nsecond"))
        #expect(value["server"]?["x.y"]?["ports"] == .array([.scalar("8000"), .scalar("8001"), .scalar("8002")]))
        #expect(value["server"]?["x.y"]?["inline"]?["b"]?["c"] == .string("d"))
        #expect(value["server"]?["x.y"]?["when"] == .scalar("1979-05-27 07:32:00Z"))
        #expect(value["fruit"]?.arrayValue?.count == 2)
        #expect(value["fruit"]?.arrayValue?.last?["physical"]?["color"] == .string("yellow"))
    }

    @Test(arguments: [
        "a = 1\na = 2", "[t]\n[t]", "a = ", "a = \"unterminated", "= 1", "a = [1, 2", "a = {b = 1", "[a\nb = 1",
        "a = 1 b = 2", "a = 'x\ny'", "a = \"\\q\"", "a = \"\\u12\"", "a = tru", "x.y = 1\nx = 2",
    ])
    func tomlRejectsMalformed(_ text: String) {
        #expect(throws: TOMLParser.ParseError.self) { try TOMLParser.parse(text) }
    }

    @Test func tomlRejectsHugeKeyPaths() {
        let path = Array(repeating: "a", count: 100_000).joined(separator: ".")
        for text in ["[\(path)]\n", "\(path) = 1\n", "x = {\(path) = 1}\n"] {
            #expect(throws: TOMLParser.ParseError.self) { try TOMLParser.parse(text) }
        }
    }

    /// My YAML node as JSON with every scalar a string; PyYAML's non-string scalars come as "<typed>".
    static func matches(_ node: YAMLNode, _ json: JSONValue) -> Bool {
        switch (node, json) {
        case (.null, .null): return true
        case (.scalar(let s), .string(let t)): return t == "<typed>" || s == t
        case (.sequence(let items), .array(let others)):
            return items.count == others.count && zip(items, others).allSatisfy { matches($0, $1) }
        case (.mapping(let raw), .object(let others)):
            // PyYAML keeps a repeated key once: at its first position, with its last value.
            var pairs: [(String, YAMLNode)] = []
            for (key, value) in raw {
                if let i = pairs.firstIndex(where: { $0.0 == key }) {
                    pairs[i].1 = value
                } else {
                    pairs.append((key, value))
                }
            }
            return pairs.count == others.count && zip(pairs, others).allSatisfy { $0.0 == $1.0 && matches($0.1, $1.1) }
        default: return false
        }
    }

    @Test(.enabled(if: LangCorpus.enabled))
    func yamlAgreesWithPyYAML() throws {
        guard Tool.pythonYAML else {
            #expect(!Corpus.integrationRequired, "python3 with PyYAML missing")
            return
        }
        let script = """
            import sys, json, yaml
            def conv(v):
                if isinstance(v, str): return v
                if v is None: return None
                if isinstance(v, dict): return {str(k): conv(x) for k, x in v.items()}
                if isinstance(v, list): return [conv(x) for x in v]
                return '<typed>'
            out = {}
            for p in sys.argv[1:]:
                try: out[p] = [conv(d) for d in yaml.safe_load_all(open(p))]
                except Exception: out[p] = 'INVALID'
            print(json.dumps(out))
            """
        var files = try LangCorpus.files(under: "pkgdb/osv-scalibr/npm-pnpmlock").map {
            "pkgdb/osv-scalibr/npm-pnpmlock/" + $0
        }
        files += try LangCorpus.files(under: "pkgdb/osv-scalibr/npm-yarnlock").filter { $0.hasSuffix(".v2.lock") }.map {
            "pkgdb/osv-scalibr/npm-yarnlock/" + $0
        }
        files += try LangCorpus.files(under: "pkgdb/syft/javascript").filter {
            $0.hasSuffix(".yaml") || $0.contains("berry")
        }
        .map { "pkgdb/syft/javascript/" + $0 }
        let oracle = try JSONParser.parse(Tool.python(script, try files.map { try LangCorpus.path($0) }))
        var compared = 0
        for file in files {
            let expected = try #require(oracle[try LangCorpus.path(file)])
            guard expected != .string("INVALID") else { continue }
            let documents = try? YAMLSubsetParser.parseDocuments(try LangCorpus.text(file))
            let expectedDocuments = (expected.arrayValue ?? []).filter { $0 != .null }
            #expect(documents?.count == expectedDocuments.count, "\(file)")
            for (mine, theirs) in zip(documents ?? [], expectedDocuments) {
                let same = Self.matches(mine, theirs)
                #expect(same, "\(file)")
            }
            compared += 1
        }
        #expect(compared >= 40)
    }

    @Test func yamlBlockAndFlowForms() throws {
        let text = """
            # comment
            lockfileVersion: '6.0'
            packages:

              /@babel/core@7.0.0(x@1.0.0):
                resolution: {integrity: sha512-abc==, tarball: 'https://x/y.tgz'}
                engines: {node: '>=6.9.0'}
                cpu: [x64, arm64]
                dev: true
                transitivePeerDependencies:
                  - supports-color
                  - key: value
                    other: "quoted # not a comment"
              "quoted key": 'it''s'
            list:
            - a
            - b
            text: |
              line one
              line # two
            empty:
            """
        let node = try YAMLSubsetParser.parse(text)
        #expect(node["lockfileVersion"] == .scalar("6.0"))
        let package = try #require(node["packages"]?["/@babel/core@7.0.0(x@1.0.0)"])
        #expect(package["resolution"]?["tarball"] == .scalar("https://x/y.tgz"))
        #expect(package["cpu"] == .sequence([.scalar("x64"), .scalar("arm64")]))
        #expect(package["transitivePeerDependencies"]?.sequenceCount == 2)
        #expect(
            package["transitivePeerDependencies"]
                == .sequence([
                    .scalar("supports-color"),
                    .mapping([("key", .scalar("value")), ("other", .scalar("quoted # not a comment"))]),
                ])
        )
        #expect(node["packages"]?["quoted key"] == .scalar("it's"))
        #expect(node["list"] == .sequence([.scalar("a"), .scalar("b")]))
        #expect(node["text"] == .scalar("line one\nline # two"))
        #expect(node["empty"] == .null)
    }

    @Test func yamlRejectsDeepNestingAndBadFlow() {
        var deep = ""
        for level in 0..<400 { deep += String(repeating: " ", count: level) + "k:\n" }
        #expect(throws: YAMLSubsetParser.ParseError.self) { try YAMLSubsetParser.parse(deep) }
        let flow = "a: " + String(repeating: "[", count: 1000)
        #expect(throws: YAMLSubsetParser.ParseError.self) { try YAMLSubsetParser.parse(flow) }
        #expect(throws: YAMLSubsetParser.ParseError.self) { try YAMLSubsetParser.parse("a: {b: 1") }
        #expect(throws: YAMLSubsetParser.ParseError.self) { try YAMLSubsetParser.parse("a: \"open") }
    }
}

extension YAMLNode {
    fileprivate var sequenceCount: Int? {
        if case .sequence(let items) = self { return items.count }
        return nil
    }
}
