import FalcoCondition
import RuntimeEvents
import TestSupport
import Testing

@testable import RuleEngine

/// Fuzz and property tests for the small parsers inside the engine: `GlobPattern`, the base64 decoder
/// (`b64()`), the hex literals of `bcontains`/`bstartswith`, and the condition compiler itself.
@Suite struct MatcherFuzzTests {
    // MARK: - Generators

    private static func randomText(_ rng: inout SplitMix64, alphabet: [Character], maxLength: Int) -> String {
        let length = Int(rng.next() % UInt64(maxLength + 1))
        var text = ""
        for _ in 0..<length { text.append(rng.pick(alphabet)) }
        return text
    }

    private static let globAlphabet: [Character] = Array("ab/.-*?[]!^\\zAB")
    private static let subjectAlphabet: [Character] = Array("ab/.-[]!^\\zAB*?")

    // MARK: - GlobPattern

    @Test func globNeverCrashesOnRandomPatternsAndSubjects() {
        var rng = SplitMix64(seed: 0x6106)
        var matched = 0
        for _ in 0..<3000 {
            let pattern = Self.randomText(&rng, alphabet: Self.globAlphabet, maxLength: 12)
            let subject = Self.randomText(&rng, alphabet: Self.subjectAlphabet, maxLength: 12)
            let glob = GlobPattern(pattern, ignoringCase: rng.oneIn(3))
            if glob.matches(subject) { matched += 1 }
            _ = GlobPattern.hasWildcards(pattern)
        }
        // Both outcomes occur, so the generator exercises the matcher.
        #expect(matched > 0 && matched < 3000)
    }

    @Test func globWithoutWildcardsMatchesExactlyTheEqualString() {
        var rng = SplitMix64(seed: 0x6107)
        let plain: [Character] = Array("abAB/.-]!^é")
        for _ in 0..<2000 {
            let pattern = Self.randomText(&rng, alphabet: plain, maxLength: 8)
            let glob = GlobPattern(pattern)
            #expect(glob.matches(pattern), "\(pattern)")
            var other = Self.randomText(&rng, alphabet: plain, maxLength: 8)
            if rng.oneIn(2) { other = pattern + "a" }
            #expect(glob.matches(other) == (other == pattern), "\(pattern) vs \(other)")
        }
    }

    @Test func globEscapedWildcardsAreLiterals() {
        var rng = SplitMix64(seed: 0x6108)
        for _ in 0..<1000 {
            let text = Self.randomText(&rng, alphabet: Self.subjectAlphabet, maxLength: 8)
            var escaped = ""
            for character in text { escaped += "\\" + String(character) }
            #expect(GlobPattern(escaped).matches(text), "\(escaped)")
            #expect(!GlobPattern(escaped).matches(text + "x"), "\(escaped)")
        }
    }

    @Test func starMatchesEverything() {
        var rng = SplitMix64(seed: 0x6109)
        let star = GlobPattern("*")
        let stars = GlobPattern("***")
        #expect(star.matches(""))
        for _ in 0..<1000 {
            let subject = Self.randomText(&rng, alphabet: Self.subjectAlphabet + ["\n", "é"], maxLength: 16)
            #expect(star.matches(subject), "\(subject)")
            #expect(stars.matches(subject), "\(subject)")
            // `prefix*` matches exactly the strings that start with the prefix.
            let prefix = String(subject.prefix(3)).filter { !"*?[\\".contains($0) }
            #expect(GlobPattern(prefix + "*").matches(subject) == subject.hasPrefix(prefix), "\(prefix) \(subject)")
        }
    }

    @Test func ignoringCaseEqualsMatchingLowercasedAsciiStrings() {
        var rng = SplitMix64(seed: 0x610A)
        let alphabet: [Character] = Array("aAbBzZ*?[]!-\\/")
        for _ in 0..<3000 {
            let pattern = Self.randomText(&rng, alphabet: alphabet, maxLength: 10)
            let subject = Self.randomText(&rng, alphabet: Array("aAbBzZ/-"), maxLength: 10)
            let insensitive = GlobPattern(pattern, ignoringCase: true).matches(subject)
            let lowered = GlobPattern(pattern.lowercased()).matches(subject.lowercased())
            #expect(insensitive == lowered, "\(pattern) vs \(subject)")
        }
    }

    /// Python's `fnmatch.fnmatchcase` as the reference for the common glob dialect.
    ///
    /// Deliberate differences, kept out of the sample: `GlobPattern` treats `\` as an escape and `[^…]` as a
    /// negated set (Falco/`fnmatch(3)` style), Python treats both literally. Neither side gives `/` a special
    /// meaning (`*` matches `/`, as `fnmatch(3)` without `FNM_PATHNAME`), so `/` stays in the sample.
    @Test func globAgreesWithPythonFnmatchcase() throws {
        var rng = SplitMix64(seed: 0x610B)
        let patternAlphabet: [Character] = Array("ab/.-*?[]!c")
        let subjectAlphabet: [Character] = Array("ab/.-[]!c")
        var pairs: [(String, String)] = []
        for _ in 0..<1500 {
            pairs.append(
                (
                    Self.randomText(&rng, alphabet: patternAlphabet, maxLength: 8),
                    Self.randomText(&rng, alphabet: subjectAlphabet, maxLength: 8)
                )
            )
        }
        let input = pairs.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n"
        let script = """
            import sys, fnmatch
            out = []
            for line in sys.stdin.read().split("\\n")[:-1]:
                p, s = line.split("\\t")
                out.append("1" if fnmatch.fnmatchcase(s, p) else "0")
            print("".join(out))
            """
        let result: ProcessOutput
        do {
            result = try runProcessBlocking(["/usr/bin/python3", "-c", script], stdin: input)
        } catch {
            Issue.record("python3 is needed for the reference comparison: \(error)")
            return
        }
        try #require(result.status == 0, "\(result.stderr)")
        let verdicts = Array(result.stdout.trimmingSuffixNewlines())
        try #require(verdicts.count == pairs.count)
        var agreed = 0
        for (index, (pattern, subject)) in pairs.enumerated() {
            let ours = GlobPattern(pattern).matches(subject)
            let theirs = verdicts[index] == "1"
            #expect(ours == theirs, "pattern '\(pattern)' subject '\(subject)': ours \(ours), python \(theirs)")
            if ours == theirs { agreed += 1 }
        }
        #expect(agreed == pairs.count)
        #expect(verdicts.contains("1") && verdicts.contains("0"))
    }

    // MARK: - Base64

    private static func encodeBase64(_ bytes: [UInt8], padded: Bool) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let a = chunk[0]
            let b = chunk.count > 1 ? chunk[1] : 0
            let c = chunk.count > 2 ? chunk[2] : 0
            out.append(alphabet[Int(a >> 2)])
            out.append(alphabet[Int((a & 0x03) << 4 | b >> 4)])
            if chunk.count > 1 { out.append(alphabet[Int((b & 0x0F) << 2 | c >> 6)]) } else if padded { out += "=" }
            if chunk.count > 2 { out.append(alphabet[Int(c & 0x3F)]) } else if padded { out += "=" }
            index += 3
        }
        return out
    }

    @Test func base64RoundTripsRandomBytes() {
        var rng = SplitMix64(seed: 0x610C)
        for _ in 0..<2000 {
            let count = Int(rng.next() % 40)
            var bytes: [UInt8] = []
            for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
            let padded = rng.oneIn(2)
            let text = Self.encodeBase64(bytes, padded: padded)
            #expect(Base64.decode(text) == bytes, "\(text)")
        }
        #expect(Base64.decode("aGVsbG8=") == Array("hello".utf8))
        #expect(Base64.decode("aGVsbG8") == Array("hello".utf8))
    }

    @Test func base64RandomInputNeverCrashesAndRejectsNonAlphabet() {
        var rng = SplitMix64(seed: 0x610D)
        let alphabet: [Character] = Array("QUJD+/=az09 \n-_é")
        var accepted = 0
        for _ in 0..<5000 {
            let text = Self.randomText(&rng, alphabet: alphabet, maxLength: 14)
            guard let bytes = Base64.decode(text) else { continue }
            accepted += 1
            #expect(!text.contains { " \n-_é".contains($0) }, "\(text)")
            // A decoded text's length follows from its number of data characters.
            let data = text.filter { $0 != "=" }.count
            #expect(bytes.count == data * 3 / 4, "\(text)")
        }
        #expect(accepted > 0)
        #expect(Base64.decode("A") == nil)
        #expect(Base64.decode("QQ===") == nil)
        #expect(Base64.decode("Q=Q") == nil)
    }

    // MARK: - Hex literals (bcontains / bstartswith)

    private static func compiles(_ text: String) throws -> Result<CompiledCondition, ConditionCompileError> {
        let node = try ConditionParser.parse(text)
        do {
            return .success(try ConditionCompiler().compile(node))
        } catch {
            return .failure(error)
        }
    }

    @Test func hexLiteralsCompileExactlyWhenWellFormed() throws {
        var rng = SplitMix64(seed: 0x610E)
        let alphabet: [Character] = Array("0123456789abcdefABCDEFgxZ")
        let event = TestEvents.open("/etc/passwd")
        for _ in 0..<1500 {
            var literal = Self.randomText(&rng, alphabet: alphabet, maxLength: 10)
            if literal.isEmpty { literal = "0" }
            let op = rng.oneIn(2) ? "bcontains" : "bstartswith"
            let wellFormed = literal.count % 2 == 0 && literal.allSatisfy(\.isHexDigit)
            switch try Self.compiles("fd.name \(op) \(literal)") {
            case .success(let condition):
                #expect(wellFormed, "\(literal) compiled")
                _ = condition.evaluate(event, table: ProcessTable())
            case .failure(let error):
                #expect(!wellFormed, "\(literal): \(error)")
                #expect(error.code == .invalidValue)
            }
        }
    }

    @Test func hexLiteralRoundTripsTheSubjectBytes() throws {
        var rng = SplitMix64(seed: 0x610F)
        for _ in 0..<300 {
            let path = "/" + Self.randomText(&rng, alphabet: Array("abcXYZ019._-/"), maxLength: 12)
            let hex = path.utf8.map { byte in
                let digits = Array("0123456789abcdef")
                return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
            }.joined()
            let cased = rng.oneIn(2) ? hex.uppercased() : hex
            let event = TestEvents.open(path)
            let condition = try ConditionCompiler().compile(
                try ConditionParser.parse("fd.nameraw bstartswith \(cased)")
            )
            #expect(condition.evaluate(event, table: ProcessTable()), "\(path) \(cased)")
            let contains = try ConditionCompiler().compile(try ConditionParser.parse("fd.nameraw bcontains \(cased)"))
            #expect(contains.evaluate(event, table: ProcessTable()), "\(path) \(cased)")
        }
    }

    // MARK: - Compiler over random well-formed conditions

    private static let fields = [
        "fd.name", "fd.num", "fd.sip", "fd.snet", "fd.sport", "fd.directory", "proc.name", "proc.cmdline",
        "proc.args", "proc.pid", "proc.aname", "proc.aname[2]", "proc.pname", "evt.type", "evt.res",
        "evt.failed", "evt.arg.flags", "container.image", "container.privileged", "user.name", "user.uid",
    ]
    private static let operators = ComparisonOperator.allCases.map(\.rawValue)
    private static let scalars = [
        "/etc/passwd", "cat", "0", "3", "-1", "0x10", "true", "false", "10.0.0.5", "10.0.0.0/8", "::1",
        "2F657463", "abc", "'/etc/*'", "\"a b\"", "'[a-'", "'(unbalanced'", "'.*'", "openat", "O_RDONLY", "''",
        "1.5", "99999999999999999999", "'ZXRj'", "/e*/", "'\\\\'",
    ]

    private static func randomValue(_ rng: inout SplitMix64) -> String {
        switch rng.next() % 4 {
        case 0:
            var items: [String] = []
            for _ in 0..<Int(rng.next() % 4) { items.append(rng.pick(scalars)) }
            return "(" + items.joined(separator: ", ") + ")"
        case 1: return "val(\(rng.pick(fields)))"
        default: return rng.pick(scalars)
        }
    }

    private static func randomField(_ rng: inout SplitMix64) -> String {
        let field = rng.pick(fields)
        guard rng.oneIn(4) else { return field }
        return "\(rng.pick(["tolower", "toupper", "len", "basename", "b64"]))(\(field))"
    }

    private static func randomCondition(_ rng: inout SplitMix64, depth: Int) -> String {
        let choice = depth >= 3 ? rng.next() % 2 : rng.next() % 6
        switch choice {
        case 0:
            return "\(randomField(&rng)) exists"
        case 1:
            var op = rng.pick(operators)
            if rng.oneIn(6) { op += " \(rng.pick(["anyof", "allof", "oneof"]))" }
            return "\(randomField(&rng)) \(op) \(randomValue(&rng))"
        case 2: return "not \(randomCondition(&rng, depth: depth + 1))"
        case 3: return "(\(randomCondition(&rng, depth: depth + 1)))"
        case 4: return "\(randomCondition(&rng, depth: depth + 1)) and \(randomCondition(&rng, depth: depth + 1))"
        default: return "\(randomCondition(&rng, depth: depth + 1)) or \(randomCondition(&rng, depth: depth + 1))"
        }
    }

    @Test func randomConditionsCompileOrThrowAndEvaluateWithoutCrashing() {
        var rng = SplitMix64(seed: 0x6110)
        var table = ProcessTable()
        table.seed([
            ProcessRecord(thread: TestEvents.thread(pid: 1, ppid: 0, comm: "systemd")),
            ProcessRecord(thread: TestEvents.thread(pid: 100, ppid: 1, comm: "sshd")),
        ])
        let events = [
            TestEvents.open("/etc/passwd"), TestEvents.open("/"), TestEvents.open(""),
            TestEvents.open("/tmp/a b/ZXRj", comm: "bash", flags: []),
            TestEvents.connect(to: "10.0.0.7", port: 443), TestEvents.connect(to: "192.168.1.1", port: 0),
        ]
        var parsed = 0
        var compiled = 0
        var rejected = 0
        var truths = 0
        for _ in 0..<2500 {
            let text = Self.randomCondition(&rng, depth: 0)
            guard let node = try? ConditionParser.parse(text) else { continue }
            parsed += 1
            do {
                let condition = try ConditionCompiler().compile(node)
                compiled += 1
                #expect(condition.checkCount >= 1, "\(text)")
                for event in events where condition.evaluate(event, table: table) { truths += 1 }
            } catch {
                rejected += 1
                #expect(!error.message.isEmpty, "\(text)")
            }
        }
        // The grammar reaches the parser, the compiler, both compiler outcomes and both verdicts.
        #expect(parsed > 1500)
        #expect(compiled > 300)
        #expect(rejected > 50)
        #expect(truths > 0)
    }

    @Test func compilerRejectsUnknownFieldsFromTheGrammar() throws {
        var rng = SplitMix64(seed: 0x6111)
        for _ in 0..<200 {
            let name = "zz." + Self.randomText(&rng, alphabet: Array("abc"), maxLength: 4) + "x"
            let node = try ConditionParser.parse("\(name) = 1 or fd.name exists")
            #expect(throws: ConditionCompileError.self) { try ConditionCompiler().compile(node) }
        }
    }
}

extension String {
    fileprivate func trimmingSuffixNewlines() -> Substring {
        var text = self[...]
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return text
    }
}
