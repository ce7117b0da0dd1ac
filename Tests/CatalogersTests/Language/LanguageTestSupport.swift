import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import Catalogers

/// Corpus access, tree builders, oracles and random inputs for the language cataloger tests.
enum LangCorpus {
    /// True when the corpus is present, or when its absence must fail the tests.
    static var enabled: Bool { Corpus.root != nil || Corpus.integrationRequired }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func path(_ relative: String) throws -> String {
        guard let path = Corpus.path(relative) else { throw Missing(description: "corpus file \(relative) is missing") }
        return path
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: try path(relative))))
    }

    static func text(_ relative: String) throws -> String { String(decoding: try bytes(relative), as: UTF8.self) }

    /// Relative paths of the regular files below `relative` (sorted).
    static func files(under relative: String) throws -> [String] {
        let root = try path(relative)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        for case let item as String in walker {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                out.append(item)
            }
        }
        return out.sorted()
    }

    /// A tree holding every regular file below the corpus directory `relative`, mounted at `mount`.
    static func tree(_ relative: String, mountedAt mount: String = "/") throws -> InMemoryFileTree {
        var tree = InMemoryFileTree()
        for file in try files(under: relative) {
            tree.add(mount + "/" + file, try bytes(relative + "/" + file))
        }
        return tree
    }
}

/// Helpers around tools used as oracles (python3, go, ruby, objcopy).
enum Tool {
    static func available(_ name: String) -> Bool {
        (try? runProcessBlocking(["sh", "-c", "command -v \(name)"]).status == 0) ?? false
    }

    static var python: Bool { available("python3") }
    static var pythonYAML: Bool { (try? runProcessBlocking(["python3", "-c", "import yaml"]).status == 0) ?? false }

    /// Runs a python script with arguments; returns stdout, failing the test on a non-zero exit.
    static func python(_ script: String, _ arguments: [String] = [], stdin: String? = nil) throws -> String {
        let out = try runProcessBlocking(["python3", "-c", script] + arguments, stdin: stdin)
        guard out.status == 0 else { throw LangCorpus.Missing(description: "python3 failed: \(out.stderr)") }
        return out.stdout
    }

    /// Runs a per-file python script once for each path in a single interpreter (`sys.argv[1]` is the
    /// path); returns each path's stdout.
    static func pythonEach(_ script: String, _ paths: [String]) throws -> [String: String] {
        let wrapper = """
            import sys, io, json, contextlib
            inner = compile(sys.argv[1], 'oracle', 'exec')
            out = {}
            for p in sys.argv[2:]:
                buf = io.StringIO()
                sys.argv = ['oracle', p]
                try:
                    with contextlib.redirect_stdout(buf): exec(inner, {'__name__': '__main__'})
                except SystemExit:
                    pass
                out[p] = buf.getvalue()
            print(json.dumps(out))
            """
        let outputs = try JSONParser.parse(python(wrapper, [script] + paths))
        guard case .object(let pairs) = outputs else { return [:] }
        return Dictionary(pairs.map { ($0.0, $0.1.stringValue ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    /// A temporary directory removed by the caller.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "bulkhead-lang-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// `name@version` rows of packages, sorted, for set comparisons.
func packageRows(_ packages: [Package]) -> [String] { packages.map { "\($0.name)@\($0.version)" }.sorted() }

/// Runs a cataloger over a tree holding `files` (path → text).
func catalogRun(_ cataloger: any Cataloger, _ files: [String: String]) -> CatalogerResult {
    cataloger.catalog(InMemoryFileTree(files: files), context: CatalogContext())
}

/// Runs a cataloger over one file with the given bytes.
func catalogRun(_ cataloger: any Cataloger, path: String, bytes: [UInt8], mode: UInt32 = 0o644) -> CatalogerResult {
    var tree = InMemoryFileTree()
    tree.add(path, bytes, mode: mode)
    return cataloger.catalog(tree, context: CatalogContext())
}

extension SplitMix64 {
    /// `input` with a few random byte flips, insertions, deletions or a truncation.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var out = input
        let operations = Int.random(in: 1...4, using: &self)
        for _ in 0..<operations {
            switch Int.random(in: 0..<5, using: &self) {
            case 0 where !out.isEmpty:
                out[Int.random(in: 0..<out.count, using: &self)] = UInt8.random(in: 0...255, using: &self)
            case 1:
                let specials: [UInt8] = Array("\n\t :=[]{}\"'#-@/,\\".utf8) + [0, 0xFF]
                out.insert(
                    specials[Int.random(in: 0..<specials.count, using: &self)],
                    at: Int.random(in: 0...out.count, using: &self)
                )
            case 2 where !out.isEmpty:
                out.remove(at: Int.random(in: 0..<out.count, using: &self))
            case 3 where !out.isEmpty:
                out = Array(out.prefix(Int.random(in: 0..<out.count, using: &self)))
            default:
                if !out.isEmpty {
                    let start = Int.random(in: 0..<out.count, using: &self)
                    let end = min(out.count, start + Int.random(in: 1...64, using: &self))
                    out.insert(contentsOf: out[start..<end], at: Int.random(in: 0...out.count, using: &self))
                }
            }
        }
        return out
    }

    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }
}
