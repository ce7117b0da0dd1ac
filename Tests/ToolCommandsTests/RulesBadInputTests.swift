import Foundation
import TestSupport
import Testing
import ToolCommands

/// Issue 6, bad input, through `bulkhead rules validate`: unreadable, oversized, non-regular and malformed
/// rules files give a clear error naming the file (and line and item), exit code 2, and never hang or crash.
@Suite struct RulesBadInputTests {
    private func validate(_ arguments: [String], in directory: String, stdin: [UInt8] = []) -> (Int32, CapturedOutput) {
        let (io, output) = CommandIO.capturing(stdin: stdin, currentDirectory: directory)
        return (Bulkhead.run(arguments: ["rules", "validate"] + arguments, io: io), output)
    }

    private func json(_ output: CapturedOutput) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    private func inputErrors(_ output: CapturedOutput) throws -> [[String: Any]] {
        try json(output)["inputErrors"] as? [[String: Any]] ?? []
    }

    private static let goodRule = """
        - list: shells
          items: [bash, sh]
        - rule: Shell
          desc: a shell starts
          condition: evt.type = execve and proc.name in (shells)
          output: "shell %proc.name"
          priority: WARNING

        """

    // MARK: Size

    @Test func aSparseOneGibibyteFileIsRefusedByItsSizeBeforeReading() throws {
        let dir = try ScratchDirectory()
        let path = dir.path + "/huge.yaml"
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        try #require(fd >= 0)
        #expect(ftruncate(fd, 1 << 30) == 0)
        close(fd)
        let (code, output) = validate(["huge.yaml"], in: dir.path)
        #expect(code == 2)
        // Reading it would have found NUL bytes: the size check came first.
        #expect(
            output.stderr.contains("huge.yaml: rules file is 1024 MiB, larger than the 64 MiB limit; it was not read"),
            "\(output.stderr)"
        )
        #expect(output.stdout.hasSuffix("invalid\n"))
        let (jsonCode, jsonOutput) = validate(["--format", "json", "huge.yaml"], in: dir.path)
        #expect(jsonCode == 2)
        let errors = try inputErrors(jsonOutput)
        #expect(errors.first?["code"] as? String == "too-large" && errors.first?["target"] as? String == "huge.yaml")
        #expect(try json(jsonOutput)["valid"] as? Bool == false)
    }

    @Test func theLimitIsAnOptionAndAppliesToStandardInput() throws {
        let dir = try ScratchDirectory()
        let padding = String(repeating: "# padding\n", count: 150_000)
        try dir.write("big.yaml", Self.goodRule + padding)
        #expect(validate(["big.yaml"], in: dir.path).0 == 0)
        let (code, output) = validate(["--max-file-size", "1", "big.yaml"], in: dir.path)
        #expect(code == 2 && output.stderr.contains("big.yaml: rules file is 1"), "\(output.stderr)")
        #expect(
            output.stderr.contains(
                " bytes, larger than the 1 MiB limit; it was not read (raise the limit with --max-file-size)"
            )
        )
        let (stdinCode, stdinOutput) = validate(
            ["--max-file-size", "1", "-"],
            in: dir.path,
            stdin: Array((Self.goodRule + padding).utf8)
        )
        #expect(
            stdinCode == 2 && stdinOutput.stderr.contains("-: rules file larger than the 1 MiB limit"),
            "\(stdinOutput.stderr)"
        )
        let (smallCode, small) = validate(["-"], in: dir.path, stdin: Array(Self.goodRule.utf8))
        #expect(smallCode == 0 && small.stdout.contains("1 file(s): 1 lists, 0 macros, 1 rules"), "\(small.stdout)")
        for bad in ["0", "-3", "99999999999999"] {
            let (badCode, badOutput) = validate(["--max-file-size", bad, "big.yaml"], in: dir.path)
            #expect(badCode == 2 && badOutput.stderr.contains("max-file-size"), "\(bad): \(badOutput.stderr)")
        }
    }

    // MARK: Not regular files

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let dir = try ScratchDirectory()
        let path = dir.path + "/pipe.yaml"
        try #require(mkfifo(path, 0o644) == 0)
        let finished = DispatchSemaphore(value: 0)
        let box = OutputBox()
        let directory = dir.path
        DispatchQueue.global().async {
            box.result = validate(["pipe.yaml"], in: directory)
            finished.signal()
        }
        if finished.wait(timeout: .now() + 120) == .timedOut {
            // Unblock a reader stuck on the FIFO, then fail.
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            Issue.record("rules validate blocked on a FIFO")
            finished.wait()
            return
        }
        let (code, output) = try #require(box.result)
        #expect(code == 2)
        #expect(output.stderr.contains("pipe.yaml: not a regular file (a FIFO)"), "\(output.stderr)")
        #expect(output.stderr.contains("'-'"))
    }

    @Test func aRulesDirectoryWithSymlinkLoopsAndOtherFilesLoadsItsYAMLAndNamesTheLoop() throws {
        let dir = try ScratchDirectory()
        try dir.write("rules/good.yaml", Self.goodRule)
        try dir.write("rules/README.md", "not rules: [")
        try dir.write("rules/notes.txt", "\u{1}\u{2}")
        try dir.write("rules/data.json", "{\"rule\": 1}")
        #expect(symlink("b.yaml", dir.path + "/rules/a.yaml") == 0)
        #expect(symlink("a.yaml", dir.path + "/rules/b.yaml") == 0)
        #expect(symlink(".", dir.path + "/rules/loop") == 0)
        #expect(symlink("loop", dir.path + "/rules/dir.yaml") == 0)
        let (code, output) = validate(["rules"], in: dir.path)
        #expect(code == 2)
        #expect(
            output.stderr.contains("rules/a.yaml: cannot read: Too many levels of symbolic links"),
            "\(output.stderr)"
        )
        #expect(output.stderr.contains("rules/b.yaml: cannot read: Too many levels of symbolic links"))
        #expect(output.stderr.contains("rules/dir.yaml: not a regular file (a directory)"))
        #expect(output.stdout.contains("1 file(s): 1 lists, 0 macros, 1 rules"), "\(output.stdout)")
        let (jsonCode, jsonOutput) = validate(["--format", "json", "rules"], in: dir.path)
        #expect(jsonCode == 2)
        #expect(
            try inputErrors(jsonOutput).compactMap { $0["code"] as? String }.sorted() == [
                "not-a-file", "unreadable", "unreadable",
            ]
        )
        #expect(try json(jsonOutput)["files"] as? [String] == ["rules/good.yaml"])

        // Without the loops, the other files are ignored and the directory is valid.
        for name in ["a.yaml", "b.yaml", "dir.yaml"] { unlink(dir.path + "/rules/" + name) }
        let (okCode, ok) = validate(["rules"], in: dir.path)
        #expect(okCode == 0 && ok.stdout.hasSuffix("valid\n") && ok.stderr.isEmpty, "\(ok.stdout)\(ok.stderr)")
        // A directory with no YAML at all is an input error.
        try dir.write("other/README.md", "hello")
        let (noneCode, none) = validate(["other"], in: dir.path)
        #expect(noneCode == 2 && none.stderr.contains("other: no rules files (*.yaml, *.yml) found"), "\(none.stderr)")
    }

    @Test func missingDanglingAndUnreadableFilesAreNamed() throws {
        let dir = try ScratchDirectory()
        #expect(symlink("nowhere.yaml", dir.path + "/dangling.yaml") == 0)
        let (code, output) = validate(["dangling.yaml", "absent.yaml"], in: dir.path)
        #expect(code == 2)
        #expect(output.stderr.contains("dangling.yaml: cannot read: No such file or directory"), "\(output.stderr)")
        #expect(output.stderr.contains("absent.yaml: no such file or directory"))
        if geteuid() != 0 {
            let path = try dir.write("secret.yaml", Self.goodRule)
            chmod(path, 0)
            let (secretCode, secret) = validate(["secret.yaml"], in: dir.path)
            #expect(secretCode == 2 && secret.stderr.contains("secret.yaml: cannot read: Permission denied"))
        } else {
            print("RulesBadInputTests: running as root, permission-denied reading not testable")
        }
    }

    // MARK: Content

    @Test func nulBytesAndInvalidUTF8AreNamedWithLineAndColumn() throws {
        let dir = try ScratchDirectory()
        try dir.writeBytes("nul.yaml", Array("- list: a\n  it".utf8) + [0] + Array("ems: [x]\n".utf8))
        try dir.writeBytes("latin1.yaml", Array("- list: a\n  items: [caf".utf8) + [0xE9] + Array("]\n".utf8))
        try dir.writeBytes("bom.yaml", [0xEF, 0xBB, 0xBF] + Array(Self.goodRule.utf8))
        let (code, output) = validate(["nul.yaml", "latin1.yaml", "bom.yaml"], in: dir.path)
        #expect(code == 2)
        #expect(output.stderr.contains("nul.yaml:2:5: NUL byte (offset 14)"), "\(output.stderr)")
        #expect(output.stderr.contains("latin1.yaml:2:14: invalid UTF-8 (byte 0xE9 at offset 23)"), "\(output.stderr)")
        #expect(output.stdout.contains("1 file(s): 1 lists"))
        let errors = try inputErrors(validate(["--format", "json", "nul.yaml", "latin1.yaml"], in: dir.path).1)
        #expect(errors.compactMap { $0["code"] as? String } == ["binary", "invalid-utf8"])
    }

    @Test func anEmptyFileIsValidAndYAMLErrorsNameLineAndColumn() throws {
        let dir = try ScratchDirectory()
        try dir.write("empty.yaml", "")
        let (emptyCode, empty) = validate(["empty.yaml"], in: dir.path)
        #expect(emptyCode == 0 && empty.stdout.contains("1 file(s): 0 lists, 0 macros, 0 rules"), "\(empty.stdout)")

        try dir.write("broken.yaml", "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: [unclosed\n")
        let (code, output) = validate(["broken.yaml"], in: dir.path)
        #expect(code == 2)
        let line = try #require(output.stdout.split(separator: "\n").first { $0.contains(": error: ") })
        #expect(line.hasPrefix("broken.yaml:"), "\(line)")
        #expect(line.contains("rules content: invalid YAML: ") && line.contains("column"), "\(line)")
        let diagnostics =
            try json(validate(["--format", "json", "broken.yaml"], in: dir.path).1)["diagnostics"] as? [[String: Any]]
        #expect(diagnostics?.first?["code"] as? String == "invalidYAML")
        #expect((diagnostics?.first?["line"] as? Int ?? 0) >= 4)

        try dir.write("scalar.yaml", "just text\n")
        let (scalarCode, scalar) = validate(["scalar.yaml"], in: dir.path)
        #expect(scalarCode == 2 && scalar.stdout.contains("scalar.yaml:1: error: rules content: "), "\(scalar.stdout)")

        try dir.write("unknown.yaml", Self.goodRule + "  colour: blue\n")
        let (unknownCode, unknown) = validate(["unknown.yaml"], in: dir.path)
        #expect(unknownCode == 2)
        #expect(
            unknown.stdout.contains("unknown.yaml:8: error: rule 'Shell': unknown key 'colour'"),
            "\(unknown.stdout)"
        )
    }

    // MARK: Conditions through the rule engine

    /// `m0 … m(n-1)` with `m(i)` = `(m(i+1) and proc.name = x(i))` and `m(n-1)` = `evt.type = execve`: `m0` nests
    /// `n - 1` levels of `and` once expanded. The rule uses `prefix m0`.
    private static func chain(_ count: Int, rule prefix: String = "") -> String {
        var text = "- macro: m\(count - 1)\n  condition: evt.type = execve\n"
        for index in (0..<(count - 1)).reversed() {
            text += "- macro: m\(index)\n  condition: (m\(index + 1) and proc.name = x\(index))\n"
        }
        return text + "- rule: Chain\n  desc: d\n  condition: \(prefix)m0\n  output: \"%proc.name\"\n  priority: INFO\n"
    }

    @Test func aConditionRightAtTheDepthLimitCompilesAndOneLevelMoreIsAnError() throws {
        // The limit is the loader's (ConditionExpander.defaultMaximumDepth = 100): the rule engine's compiler
        // must handle trees that deep, on the test's own thread and on a thread with a 512 KiB stack.
        let limit = 100
        let dir = try ScratchDirectory()
        try dir.write("at.yaml", Self.chain(limit + 1))
        let (code, output) = validate(["at.yaml"], in: dir.path)
        #expect(code == 0, "\(output.stdout.prefix(2000))")
        #expect(output.stdout.contains("1 rules (1 compiled, 0 skipped); 0 error(s)"), "\(output.stdout.suffix(500))")

        // The same, plus parentheses at the parser's limit, on a thread with a small (512 KiB) stack.
        let parens = String(repeating: "(", count: 100) + "evt.type = execve" + String(repeating: ")", count: 100)
        try dir.write(
            "parens.yaml",
            "- rule: Parens\n  desc: d\n  condition: \(parens)\n  output: o\n  priority: INFO\n"
        )
        let box = OutputBox()
        let finished = DispatchSemaphore(value: 0)
        let directory = dir.path
        let thread = Thread {
            box.result = validate(["at.yaml", "parens.yaml"], in: directory)
            finished.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        #expect(finished.wait(timeout: .now() + 300) == .success)
        let small = try #require(box.result)
        #expect(
            small.0 == 0 && small.1.stdout.contains("2 rules (2 compiled, 0 skipped)"),
            "\(small.1.stdout.suffix(300))"
        )

        try dir.write("over.yaml", Self.chain(limit + 1, rule: "not "))
        let (overCode, over) = validate(["over.yaml"], in: dir.path)
        #expect(overCode == 2)
        #expect(
            over.stdout.contains(
                "over.yaml:\(2 * limit + 3): error: rule 'Chain': the condition expands to \(limit + 1) nested levels"
            ),
            "\(over.stdout.suffix(1000))"
        )
        #expect(over.stdout.contains("through macro 'm0'") && over.stdout.contains("limit of \(limit)"))
    }

    @Test func deepParenthesesLongChainsAndFanOutAreClearErrors() throws {
        let dir = try ScratchDirectory()
        let deep = String(repeating: "(", count: 10_000) + "evt.type = execve" + String(repeating: ")", count: 10_000)
        try dir.write("deep.yaml", "- rule: Deep\n  desc: d\n  condition: \(deep)\n  output: o\n  priority: INFO\n")
        let (code, output) = validate(["deep.yaml"], in: dir.path)
        #expect(code == 2)
        #expect(
            output.stdout.contains(
                "deep.yaml:1: error: rule 'Deep': nesting deeper than 100 levels (condition line 1, column 101)"
            ),
            "\(output.stdout)"
        )

        let chain = Self.chain(10_000)
        try dir.write("chain.yaml", chain)
        let (chainCode, chainOutput) = validate(["--format", "json", "chain.yaml"], in: dir.path)
        #expect(chainCode == 2)
        let diagnostics = (try json(chainOutput)["diagnostics"] as? [[String: Any]] ?? []).filter {
            $0["severity"] as? String == "error"
        }
        // One error on the first macro over the limit, one on the rule; the engine adds nothing.
        #expect(diagnostics.compactMap { $0["itemName"] as? String } == ["m9898", "Chain"], "\(diagnostics.prefix(4))")
        #expect(diagnostics.allSatisfy { $0["file"] as? String == "chain.yaml" && ($0["line"] as? Int ?? 0) > 0 })

        var fan = "- macro: f40\n  condition: evt.type = execve\n"
        for level in (0..<40).reversed() { fan += "- macro: f\(level)\n  condition: f\(level + 1) and f\(level + 1)\n" }
        fan += "- rule: Fan\n  desc: d\n  condition: f0\n  output: o\n  priority: INFO\n"
        try dir.write("fan.yaml", fan)
        let (fanCode, fanOutput) = validate(["fan.yaml"], in: dir.path)
        #expect(fanCode == 2)
        let errors = fanOutput.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 2, "\(errors)")
        #expect(
            errors.first?.contains("error: macro 'f") == true
                && errors.first?.contains("more than 500000 nodes") == true
        )
        #expect(errors.last?.hasPrefix("fan.yaml:83: error: rule 'Fan': macro 'f") == true, "\(errors)")
    }

    // MARK: Fuzz

    @Test func mutatedRulesFilesReadFromDiskGiveAVerdictNeverACrash() throws {
        guard let original = Corpus.path("falco/rules-current/falco_rules.yaml"),
            let data = FileManager.default.contents(atPath: original)
        else {
            #expect(!Corpus.integrationRequired, "the Falco rules corpus is missing")
            return
        }
        let bytes = [UInt8](data)
        let dir = try ScratchDirectory()
        var random = SplitMix64(seed: 0xBAD_1257)
        var codes: [Int32: Int] = [:]
        for iteration in 0..<12 {
            var mutated = bytes
            switch iteration % 3 {
            case 0:
                for _ in 0..<(1 + Int(random.next() % 6)) {
                    let index = Int(random.next() % UInt64(mutated.count))
                    mutated[index] = UInt8(truncatingIfNeeded: random.next())
                }
            case 1:
                mutated = Array(mutated.prefix(Int(random.next() % UInt64(mutated.count))))
            default:
                var lines = mutated.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                for _ in 0..<4 {
                    lines.swapAt(Int(random.next() % UInt64(lines.count)), Int(random.next() % UInt64(lines.count)))
                }
                mutated = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            }
            try dir.writeBytes("m\(iteration).yaml", mutated)
            let (code, output) = validate(["m\(iteration).yaml"], in: dir.path)
            codes[code, default: 0] += 1
            #expect(code == 0 || code == 2, "\(output.stderr)")
            #expect(output.stdout.hasSuffix(code == 0 ? "\nvalid\n" : "invalid\n"))
            for line in output.stdout.split(separator: "\n") where line.contains(": error: ") {
                #expect(line.hasPrefix("m\(iteration).yaml:"), "\(line)")
            }
        }
        print("rules validate fuzz: exit codes \(codes.sorted { $0.key < $1.key })")
    }
}

/// The result of a command run on another thread.
private final class OutputBox: @unchecked Sendable {
    var result: (Int32, CapturedOutput)?
}
