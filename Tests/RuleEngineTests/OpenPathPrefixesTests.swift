import FalcoCondition
import FalcoRules
import Foundation
import RuntimeEvents
import TestSupport
import Testing

@testable import RuleEngine

@Suite struct OpenPathPrefixesTests {
    private static func load(_ text: String) -> RuleSet { RulesLoader().load(path: "test.yaml", text: text) }

    /// One rule per condition (YAML double-quoted), after `preamble` (lists and macros).
    private static func rules(_ conditions: [String], preamble: String = "") -> String {
        var text = preamble
        for (index, condition) in conditions.enumerated() {
            let quoted = condition.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"",
                with: "\\\""
            )
            text += """
                - rule: R\(index)
                  desc: d
                  condition: "\(quoted)"
                  output: o
                  priority: WARNING

                """
        }
        return text
    }

    private static func prefixes(_ conditions: [String], preamble: String = "") -> Set<String>? {
        let ruleSet = load(rules(conditions, preamble: preamble))
        let engine = RuleEngine(ruleSet: ruleSet)
        return OpenPathPrefixes(engine: engine, ruleSet: ruleSet).prefixes
    }

    // MARK: - Derivation

    @Test func pathComparisonsGiveTheirValues() {
        #expect(Self.prefixes(["evt.type = openat and fd.name = /etc/shadow"]) == ["/etc/shadow"])
        #expect(Self.prefixes(["evt.type = openat and fd.name startswith /etc/"]) == ["/etc/"])
        #expect(Self.prefixes(["evt.type in (open, openat) and fd.nameraw in (/a, /b/c)"]) == ["/a", "/b/c"])
        #expect(Self.prefixes(["evt.type = openat and evt.arg.name glob '/root/*/x'"]) == ["/root/"])
        #expect(Self.prefixes(["evt.type = openat and evt.arg[name] = /x"]) == ["/x"])
        #expect(Self.prefixes(["evt.type = openat and fs.path.name pmatch (/var/run/, /srv)"]) == ["/var/run", "/srv"])
        #expect(Self.prefixes(["evt.type = openat and fd.directory in (/etc, /usr/bin)"]) == ["/etc", "/usr/bin"])
        #expect(Self.prefixes(["evt.type = openat and fd.name startswith anyof (/a, /b)"]) == ["/a", "/b"])
    }

    @Test func andTakesTheSmallestSetAndOrTheUnion() {
        #expect(
            Self.prefixes(["evt.type = openat and fd.name in (/a, /b, /c) and fd.directory = /d and proc.name = x"])
                == ["/d"]
        )
        #expect(
            Self.prefixes(["evt.type = openat and (fd.name startswith /a or fd.name startswith /b)"]) == ["/a", "/b"]
        )
        #expect(Self.prefixes(["evt.type = openat and (fd.name startswith /a or proc.name = x)"]) == nil)
    }

    @Test func unusableConstraintsGiveNil() {
        for condition in [
            "evt.type = openat", "evt.type = openat and not fd.name startswith /etc",
            "evt.type = openat and fd.name != /etc/shadow", "evt.type = openat and fd.name contains shadow",
            "evt.type = openat and fd.name endswith .pem", "evt.type = openat and tolower(fd.name) startswith /etc",
            "evt.type = openat and fd.filename = shadow", "evt.type = openat and fd.name glob '*.pem'",
            "evt.type = openat and fd.name exists", "evt.type = openat and fd.name = val(proc.exepath)",
            "fd.name startswith /etc or evt.type = openat",
        ] {
            #expect(Self.prefixes([condition]) == nil, "\(condition)")
        }
    }

    @Test func rulesThatCannotSeeOpensContributeNothing() {
        #expect(Self.prefixes(["evt.type = execve and proc.name = bash"]) == [])
        #expect(
            Self.prefixes(["evt.type = execve and proc.name = bash", "evt.type = openat and fd.name startswith /etc/"])
                == ["/etc/"]
        )
        // The execve branch is false for every open type: only the open branch constrains.
        #expect(
            Self.prefixes([
                "(evt.type = execve and proc.name = bash) or (evt.type in (open, openat) and fd.name startswith /root)"
            ]) == ["/root"]
        )
        #expect(Self.prefixes(["evt.type != openat and fd.name startswith /etc"]) == ["/etc"])
        #expect(Self.prefixes(["evt.type != openat"]) == nil)
    }

    @Test func listsMacrosAndExceptionsAreExpanded() {
        let preamble = """
            - list: secrets
              items: [/etc/shadow, /etc/gshadow]
            - macro: open_read
              condition: evt.type in (open, openat, openat2)
            - macro: secret_file
              condition: fd.name in (secrets)

            """
        #expect(
            Self.prefixes(["open_read and secret_file and proc.name != x"], preamble: preamble) == [
                "/etc/shadow", "/etc/gshadow",
            ]
        )
        let withException = """
            - rule: E
              desc: d
              condition: evt.type = openat and fd.name startswith /srv
              exceptions:
                - name: allowed
                  fields: [proc.name]
                  values: [[nginx]]
              output: o
              priority: WARNING
            """
        let ruleSet = Self.load(withException)
        #expect(OpenPathPrefixes(engine: RuleEngine(ruleSet: ruleSet), ruleSet: ruleSet).prefixes == ["/srv"])
    }

    @Test func hiddenComponentNeedlesNeedNoPrefix() {
        #expect(Self.prefixes(["evt.type = openat and fd.directory endswith /.ssh"]) == [])
        #expect(
            Self.prefixes(["evt.type = openat and (fd.name contains /.aws/ or fd.name startswith /etc/)"]) == ["/etc/"]
        )
        #expect(Self.prefixes(["evt.type = openat and fd.name endswith /.kube/config"]) == [])
        #expect(Self.prefixes(["evt.type = openat and fd.name contains .aws"]) == nil)
        #expect(Self.prefixes(["evt.type = openat and fd.name endswith ssh/.x and fd.name startswith /h"]) == [])
    }

    @Test func nonASCIIValuesGiveNoConstraint() {
        #expect(Self.prefixes(["evt.type = openat and fd.name = /caf\u{E9}"]) == nil)
    }

    @Test func coveredPrefixesAreRemoved() {
        #expect(
            OpenPathPrefixes.minimal(["/etc", "/etc/", "/etc/shadow", "/etcx", "/root/.ssh", "/root"]) == [
                "/etc", "/root",
            ]
        )
        #expect(OpenPathPrefixes.minimal(["/root/.ssh", "/a//b", "/b"]) == ["/b"])
        #expect(OpenPathPrefixes.minimal(["/a", ""]) == nil)
        #expect(OpenPathPrefixes.minimal([]) == [])
        #expect(OpenPathPrefixes.literalPrefix("/a/b*c?") == "/a/b")
        #expect(OpenPathPrefixes.literalPrefix("/a[bc]") == "/a")
        #expect(OpenPathPrefixes.literalPrefix("/a\\*") == "/a")
    }

    @Test func falcoRulesYAML() throws {
        guard let path = Corpus.path("falco/rules-current/falco_rules.yaml") else { return }
        let ruleSet = Self.load(try String(contentsOfFile: path, encoding: .utf8))
        let engine = RuleEngine(ruleSet: ruleSet)
        let derived = OpenPathPrefixes(engine: engine, ruleSet: ruleSet)
        let result = derived.prefixes
        print(
            "falco_rules.yaml open path prefixes: \(result.map { $0.sorted().description } ?? "nil (every open)");",
            "unbounded rules: \(derived.unboundedRules)"
        )
        #expect((result == nil) == !derived.unboundedRules.isEmpty)
        // Whatever the answer, it must be sound on the rules' own sensitive files.
        if let result {
            for file in ["/etc/shadow", "/etc/sudoers", "/root/.ssh/id_rsa"] {
                #expect(result.contains { file.hasPrefix($0) }, "\(file)")
            }
        }
    }

    // MARK: - Property: a rejected open never matches

    private static let fields = [
        "fd.name", "fd.nameraw", "evt.arg.name", "evt.arg[name]", "fs.path.name", "fd.directory", "fd.filename",
        "evt.arg.filename", "proc.name", "tolower(fd.name)", "basename(fd.name)",
    ]
    private static let operators = ["=", "!=", "in", "startswith", "endswith", "contains", "pmatch", "glob"]
    private static let components = ["etc", "e", "tmp", "root", ".ssh", "shadow", "x", "bin", ".aws"]
    private static let typeChecks = [
        "evt.type = openat", "evt.type = open", "evt.type = execve", "evt.type in (open, creat)",
        "evt.type != openat", "evt.type in (openat2, execve)", "evt.type = creat",
    ]

    private static func randomPath(_ rng: inout SplitMix64) -> String {
        let depth = 1 + Int(rng.next() % 4)
        return (0..<depth).map { _ in "/" + rng.pick(components) }.joined()
    }

    private static func randomValue(_ rng: inout SplitMix64) -> String {
        switch rng.next() % 6 {
        case 0: return rng.oneIn(2) ? rng.pick(components) : "/" + rng.pick(components)
        case 1: return "/" + rng.pick(components) + "/"
        case 2: return "/" + rng.pick(components) + "/*"
        case 3: return String(randomPath(&rng).dropLast())
        default: return randomPath(&rng)
        }
    }

    private static func randomLeaf(_ rng: inout SplitMix64) -> String {
        if rng.oneIn(4) { return rng.pick(typeChecks) }
        let field = rng.pick(fields)
        let op = rng.pick(operators)
        if op == "in" || op == "pmatch" {
            let count = 1 + Int(rng.next() % 3)
            return "\(field) \(op) (\((0..<count).map { _ in randomValue(&rng) }.joined(separator: ", ")))"
        }
        return "\(field) \(op) \(randomValue(&rng))"
    }

    private static func randomCondition(_ rng: inout SplitMix64, depth: Int) -> String {
        guard depth > 0, !rng.oneIn(3) else { return randomLeaf(&rng) }
        switch rng.next() % 4 {
        case 0: return "not (\(randomCondition(&rng, depth: depth - 1)))"
        case 1:
            return "(\(randomCondition(&rng, depth: depth - 1))) or (\(randomCondition(&rng, depth: depth - 1)))"
        default:
            return "(\(randomCondition(&rng, depth: depth - 1))) and (\(randomCondition(&rng, depth: depth - 1)))"
        }
    }

    private static func open(_ type: EventType, _ path: String) -> RuntimeEvent {
        RuntimeEvent(
            number: 1,
            timestamp: 1,
            type: type,
            result: 3,
            arguments: [
                EventArgument("fd", .integer(3)), EventArgument("name", .path(path)),
                EventArgument("flags", .flags(FlagSet(raw: 0, names: ["O_RDONLY"]))),
            ],
            thread: TestEvents.thread(comm: "cat"),
            fd: FileDescriptorInfo(number: 3, kind: .file, name: path)
        )
    }

    @Test func anOpenOutsideThePrefixesNeverMatches() {
        var rng = SplitMix64(seed: 0x7_0FE7)
        let table = ProcessTable()
        var compiled = 0
        var constrained = 0
        var rejected = 0
        var matched = 0
        for _ in 0..<700 {
            let condition = Self.randomCondition(&rng, depth: 3)
            let ruleSet = Self.load(Self.rules([condition]))
            let engine = RuleEngine(ruleSet: ruleSet)
            guard !engine.rules.isEmpty else { continue }
            compiled += 1
            let prefixes = OpenPathPrefixes(engine: engine, ruleSet: ruleSet).prefixes
            if prefixes != nil { constrained += 1 }
            for _ in 0..<24 {
                let path = Self.randomPath(&rng)
                for type in [EventType.open, .openat, .openat2, .creat] {
                    let matches = !engine.evaluate(Self.open(type, path), table: table).isEmpty
                    if matches { matched += 1 }
                    // Paths holding `/.` are always reported: only plain ones may be rejected.
                    guard let prefixes, !OpenPathPrefixes.holdsSlashDot(path),
                        !prefixes.contains(where: { path.utf8.starts(with: $0.utf8) })
                    else { continue }
                    rejected += 1
                    #expect(!matches, "\(condition): \(type.name) \(path) matches outside \(prefixes.sorted())")
                }
            }
        }
        print(
            "open path prefixes property: \(compiled) compiled, \(constrained) constrained, \(rejected) rejected, \(matched) matched"
        )
        // The generator exercises every outcome.
        #expect(compiled > 400 && constrained > 50 && rejected > 1_000 && matched > 1_000)
    }
}
