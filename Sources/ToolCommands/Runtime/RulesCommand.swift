public import ArgumentParser

/// `bulkhead rules`: work with Falco rules files.
public struct RulesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with Falco runtime rules files.",
        subcommands: [RulesValidateCommand.self, RulesTestCommand.self, RulesDefaultCommand.self]
    )

    public init() {}
}
