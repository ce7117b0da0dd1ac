import FalcoCondition
import Testing

@Suite struct ConditionAnalysisTests {
    @Test(
        arguments: [
            ("evt.type = open", ["open"]),
            ("evt.type in (open, openat) and proc.name = x", ["open", "openat"]),
            ("evt.type = open or evt.type = connect", ["connect", "open"]),
            ("evt.type in (open, openat, connect) and evt.type != connect", ["open", "openat"]),
            ("evt.type in (open, openat) and not evt.type = openat", ["open"]),
            ("not (evt.type != open)", ["open"]),
            ("evt.type = open and evt.type = connect", []),
            ("(evt.type = open and proc.name = a) or (evt.type = bind and not fd.num = 1)", ["bind", "open"]),
            ("not (evt.type = open or proc.name = a) and evt.type in (open, bind)", ["bind"]),
        ] as [(String, [String])]
    )
    func allowedEventTypes(_ condition: String, _ expected: [String]) throws {
        #expect(try ConditionParser.parse(condition).allowedEventTypes == Set(expected), "\(condition)")
    }

    @Test(arguments: [
        "proc.name = bash",
        "evt.type != open",
        "not evt.type = open",
        "evt.type = open or proc.name = bash",
        "not (evt.type = open and proc.name = a)",
        "evt.type startswith open",
        "tolower(evt.type) = open",
        "spawned_process",
        "evt.type exists",
    ])
    func unrestrictedConditionsAllowAnyEventType(_ condition: String) throws {
        #expect(try ConditionParser.parse(condition).allowedEventTypes == nil, "\(condition)")
    }

    @Test func collectsFieldNames() throws {
        let node = try ConditionParser.parse(
            "proc.aname[2] = x and not (fd.name exists or tolower(fd.directory) = val(proc.cwd)) and m"
        )
        #expect(node.fieldNames == ["proc.aname", "fd.name", "fd.directory", "proc.cwd"])
        #expect(node.macroReferences == ["m"])
    }
}
