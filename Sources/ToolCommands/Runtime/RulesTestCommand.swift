public import ArgumentParser
import FalcoRules
import RuleEngine
import RuntimeEvents
import SecurityModel

/// `bulkhead rules test`: runs rule unit tests (docs/rule-tests.md) against Falco rules files.
public struct RulesTestCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule unit tests: replay each case's events and check which rules fire.",
        discussion: """
            TESTFILE is a rule test file (docs/rule-tests.md); DIR a directory whose *.yaml and *.yml files \
            are read in alphabetical order. Each case's events go through a fresh process table; the case \
            passes when every rule of expect.fire fired on some event and no rule of expect.not_fire did. \
            Every rule of the rules files is evaluated, including those their file disables. Exit codes: 0 \
            every case passes; 1 some case fails; 2 bad usage, rules with errors, an unreadable test file, a \
            bad event or an unknown rule name in expect.
            """
    )

    /// The version of the `--format json` document.
    static let schemaVersion = 1

    @Argument(help: "Rule test files or directories.")
    var paths: [String] = []

    @Option(name: .long, help: "A rules file or a directory of *.yaml/*.yml rules files. Repeatable, in order.")
    var rules: [String] = []

    @Option(name: .long, help: "Output format: text or json (default: text).")
    var format = "text"

    @Option(name: .long, help: "Largest rules or test file read, in MiB (default 16).")
    var maxFileSize = 16

    public init() {}

    public func validate() throws {
        if maxFileSize < 1 { throw ValidationError("--max-file-size must be at least 1") }
        if format != "text" && format != "json" {
            throw ValidationError("unknown --format '\(format)'; use text or json")
        }
    }

    public func run() throws {
        let status = execute(io: .process)
        if status != 0 { throw ExitCode(status) }
    }

    /// The outcome of one case.
    private struct Outcome {
        var file: String
        var testCase: RulesTestSuite.TestCase
        var missing: [String]
        var unexpected: [String]
        var fired: [String]
        var passed: Bool { missing.isEmpty && unexpected.isEmpty }
    }

    /// Runs the command against `io`; returns the exit code.
    public func execute(io: CommandIO) -> Int32 {
        do throws(RulesTestError) {
            return try runTests(io: io)
        } catch {
            io.writeErr("bulkhead rules test: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        }
    }

    private func runTests(io: CommandIO) throws(RulesTestError) -> Int32 {
        guard !paths.isEmpty else { throw RulesTestError("name at least one test file or directory") }
        guard !rules.isEmpty else { throw RulesTestError("name the rules with --rules FILE|DIR") }
        let maximumSize = maxFileSize * 1_048_576
        let loaded = RulesFileLoading(maximumSize: maximumSize).load(rules, io: io)
        if let error = loaded.errors.first { throw RulesTestError(error.message) }
        for diagnostic in loaded.ruleSet.errors { io.writeErr("\(diagnostic)\n") }
        guard loaded.ruleSet.isValid else {
            throw RulesTestError("the rules have errors (see `bulkhead rules validate`)")
        }
        // Test every rule, including those the file disables.
        let options = RuleEngineOptions(enabledRules: Set(loaded.ruleSet.rules.map(\.name)))
        let engine = RuleEngine(ruleSet: RulesFileLoading.loadable(loaded.ruleSet), options: options)
        let evaluable = Set(engine.rules.map(\.rule.name))
        var notEvaluable: [String: String] = [:]
        for rule in loaded.ruleSet.rules where rule.skipped {
            notEvaluable[rule.name] = rule.skipReason ?? "skipped"
        }
        for skipped in engine.report.skipped { notEvaluable[skipped.rule] = skipped.reason }
        for failure in engine.report.failures { notEvaluable[failure.rule] = failure.message }

        let suites = try readSuites(io: io, maximumSize: maximumSize)
        // Check every expectation names an evaluable rule before running anything.
        for suite in suites {
            for testCase in suite.cases {
                for name in testCase.fire + testCase.notFire where !evaluable.contains(name) {
                    let why =
                        notEvaluable[name].map { "rule '\(name)' cannot be evaluated: \($0)" }
                        ?? "no rule named '\(name)' in the rules files"
                    throw RulesTestError("\(suite.file):\(testCase.line): case '\(testCase.name)': \(why)")
                }
            }
        }

        var outcomes: [Outcome] = []
        for suite in suites {
            for testCase in suite.cases {
                var table = ProcessTable()
                var fired: Set<String> = []
                for event in testCase.events {
                    table.apply(event)
                    for match in engine.evaluate(event, table: table) { fired.insert(match.rule.name) }
                }
                outcomes.append(
                    Outcome(
                        file: suite.file,
                        testCase: testCase,
                        missing: testCase.fire.filter { !fired.contains($0) },
                        unexpected: testCase.notFire.filter { fired.contains($0) },
                        fired: fired.sorted()
                    )
                )
            }
        }
        let failed = outcomes.count { !$0.passed }
        if format == "json" {
            io.writeOut(json(outcomes, failed: failed).serialized(pretty: true) + "\n")
        } else {
            io.writeOut(text(outcomes, failed: failed))
        }
        return failed > 0 ? ExitStatus.findings.rawValue : ExitStatus.success.rawValue
    }

    private func readSuites(io: CommandIO, maximumSize: Int) throws(RulesTestError) -> [RulesTestSuite] {
        var discovery = DockerfileDiscovery(baseDirectory: io.currentDirectory)
        discovery.accepts = { name in
            let lower = name.lowercased()
            return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
        }
        discovery.kind = "rule test files (*.yaml, *.yml)"
        discovery.noneFoundCode = "no-rule-test-files"
        let (inputs, errors) = discovery.expand(paths)
        if let error = errors.first { throw RulesTestError(error.message) }
        let reader = SourceFileReader(maximumSize: maximumSize)
        var suites: [RulesTestSuite] = []
        for input in inputs {
            switch reader.read(path: input.path, display: input.display, io: io) {
            case .failure(let error): throw RulesTestError(error.message)
            case .text(let text): suites.append(try RulesTestSuite(text: text, file: input.display))
            }
        }
        return suites
    }

    private func text(_ outcomes: [Outcome], failed: Int) -> String {
        var out = ""
        for outcome in outcomes {
            if outcome.passed {
                out += "PASS \(outcome.testCase.name)\n"
                continue
            }
            var parts: [String] = []
            if !outcome.missing.isEmpty {
                parts.append("missing " + outcome.missing.map { "'\($0)'" }.joined(separator: ", "))
            }
            if !outcome.unexpected.isEmpty {
                parts.append("unexpected " + outcome.unexpected.map { "'\($0)'" }.joined(separator: ", "))
            }
            out += "FAIL \(outcome.testCase.name): \(parts.joined(separator: "; ")) "
            out += "(\(outcome.file):\(outcome.testCase.line))\n"
        }
        out += "\(outcomes.count) case(s): \(outcomes.count - failed) passed, \(failed) failed\n"
        return out
    }

    private func json(_ outcomes: [Outcome], failed: Int) -> JSONValue {
        let cases: [JSONValue] = outcomes.map { outcome in
            .object([
                ("name", .string(outcome.testCase.name)),
                ("file", .string(outcome.file)),
                ("line", .int(outcome.testCase.line)),
                ("passed", .bool(outcome.passed)),
                ("missing", .array(outcome.missing.map { .string($0) })),
                ("unexpected", .array(outcome.unexpected.map { .string($0) })),
                ("fired", .array(outcome.fired.map { .string($0) })),
            ])
        }
        return .object([
            ("schemaVersion", .int(Self.schemaVersion)),
            ("passed", .bool(failed == 0)),
            (
                "counts",
                .object([
                    ("cases", .int(outcomes.count)), ("passed", .int(outcomes.count - failed)),
                    ("failed", .int(failed)),
                ])
            ),
            ("cases", .array(cases)),
        ])
    }
}
