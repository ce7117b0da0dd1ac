import FalcoCondition
import Testing

@Suite struct ConditionExpanderTests {
    private func parse(_ text: String) throws -> ConditionNode { try ConditionParser.parse(text) }

    @Test func expandsMacrosRecursively() throws {
        let expander = ConditionExpander(
            macros: [
                "spawned_process": try parse("evt.type in (execve, execveat)"),
                "container": try parse("container.id != host"),
                "shell_in_container": try parse("spawned_process and container"),
            ]
        )
        let expanded = try expander.expand(try parse("shell_in_container and not proc.name = bash"))
        #expect(
            expanded.description
                == "(evt.type in (execve, execveat) and container.id != host) and not proc.name = bash"
        )
        #expect(expanded.macroReferences.isEmpty)
    }

    @Test func expandsNestedListsInsideInIntersectsAndPmatch() throws {
        let expander = ConditionExpander(
            lists: [
                "shells": ["bash", "sh"],
                "more": ["shells", "\"my shell\"", "zsh", "42"],
                "dirs": ["/tmp", "'/var/x y'"],
            ]
        )
        #expect(
            try expander.expand(try parse("proc.name in (more, busybox)")).description
                == "proc.name in (bash, sh, \"my shell\", zsh, 42, busybox)"
        )
        #expect(try expander.expand(try parse("proc.name intersects more")).description.contains("\"my shell\""))
        #expect(
            try expander.expand(try parse("fd.name pmatch (dirs)"))
                == .comparison(
                    Comparison(
                        field: FieldReference(name: "fd.name"),
                        comparisonOperator: .pmatch,
                        value: .list([.bareWord("/tmp"), .string("/var/x y")])
                    )
                )
        )
        #expect(try expander.expandedList(named: "more").count == 5)
        // A bare list name compared with `=` is replaced too (Falco's list_sub_bare test).
        let one = ConditionExpander(lists: ["cat_binaries": ["cat"], "two": ["a", "b"]])
        #expect(try one.expand(try parse("proc.name=cat_binaries")).description == "proc.name = cat")
        #expect(try one.expand(try parse("proc.name = two")).description == "proc.name = (a, b)")
        #expect(try one.expand(try parse("proc.name = \"two\"")).description == "proc.name = \"two\"")
    }

    @Test func listItemsAreReadAsConditionText() {
        #expect(ConditionParser.listItemValue("bash") == .bareWord("bash"))
        #expect(ConditionParser.listItemValue("443") == .number("443"))
        #expect(ConditionParser.listItemValue("\"sh -c node -e \\\"x\\\"\"") == .string("sh -c node -e \"x\""))
        #expect(ConditionParser.listItemValue("a b") == .string("a b"))
        #expect(ConditionParser.listItemValue("\"unterminated") == .string("\"unterminated"))
    }

    @Test func unknownMacroIsNamed() throws {
        let expander = ConditionExpander(macros: ["outer": try parse("inner_thing or proc.name = x")])
        #expect {
            try expander.expand(try parse("outer"))
        } throws: { error in
            guard let error = error as? ConditionError else { return false }
            return error.code == .unknownMacro
                && error.message.contains("Undefined macro 'inner_thing' used in filter.")
                && error.message.contains("'outer'")
        }
    }

    @Test func unknownListNameIsNamed() throws {
        #expect {
            try ConditionExpander().expand(try parse("proc.name in nolist"))
        } throws: { ($0 as? ConditionError)?.message.contains("'nolist'") == true }
    }

    @Test func macroCycleIsNamed() throws {
        let expander = ConditionExpander(
            macros: ["a": try parse("b and x.y = 1"), "b": try parse("c"), "c": try parse("not a")]
        )
        #expect {
            try expander.expand(try parse("a"))
        } throws: { error in
            guard let error = error as? ConditionError else { return false }
            return error.code == .macroCycle && error.message.contains("a -> b -> c -> a")
        }
        let selfLoop = ConditionExpander(macros: ["m": try parse("m")])
        #expect(throws: ConditionError.self) { try selfLoop.expand(.macroReference("m")) }
    }

    @Test func listCycleIsNamed() throws {
        let expander = ConditionExpander(lists: ["l1": ["x", "l2"], "l2": ["l1"]])
        #expect {
            try expander.expand(try parse("proc.name in (l1)"))
        } throws: { error in
            guard let error = error as? ConditionError else { return false }
            return error.code == .listCycle && error.message.contains("l1 -> l2 -> l1")
        }
    }

    @Test func sharedMacrosAreExpandedEverywhere() throws {
        let expander = ConditionExpander(macros: ["m": try parse("proc.name = a"), "n": try parse("m or m")])
        #expect(
            try expander.expand(try parse("n and m")).description
                == "(proc.name = a or proc.name = a) and proc.name = a"
        )
    }
}
