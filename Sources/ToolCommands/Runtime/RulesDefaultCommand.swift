public import ArgumentParser
import DefaultRules

/// `bulkhead rules default`: prints the built-in ruleset that `bulkhead watch` uses when no rules are given.
public struct RulesDefaultCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "default",
        abstract: "Print the built-in runtime ruleset (Falco syntax), e.g. to start your own from it.",
        discussion: """
            The ruleset `bulkhead watch` loads when no --rules is given (--rules @default names it next to \
            your own files; load yours after it to append to its lists and macros). docs/default-rules.md \
            describes each rule.
            """
    )

    public init() {}

    public func run() throws {
        CommandIO.process.writeOut(
            DefaultRuleset.yaml.hasSuffix("\n") ? DefaultRuleset.yaml : DefaultRuleset.yaml + "\n"
        )
    }
}
