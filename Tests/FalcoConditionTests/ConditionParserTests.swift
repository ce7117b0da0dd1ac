import FalcoCondition
import Testing

@Suite struct ConditionParserTests {
    private func field(_ name: String, _ argument: String? = nil) -> FieldReference {
        FieldReference(name: name, argument: argument)
    }

    private func cmp(
        _ name: String,
        _ op: ComparisonOperator,
        _ value: ConditionValue
    ) -> ConditionNode {
        .comparison(Comparison(field: field(name), comparisonOperator: op, value: value))
    }

    @Test func parsesSimpleComparison() throws {
        #expect(try ConditionParser.parse("proc.name=bash") == cmp("proc.name", .equal, .bareWord("bash")))
        #expect(try ConditionParser.parse("proc.name == bash") == cmp("proc.name", .equal, .bareWord("bash")))
        #expect(try ConditionParser.parse("fd.sport != 443") == cmp("fd.sport", .notEqual, .number("443")))
    }

    @Test(arguments: ComparisonOperator.allCases)
    func parsesEveryOperator(_ op: ComparisonOperator) throws {
        let value: ConditionValue = op.takesList ? .list([.bareWord("a"), .string("b c")]) : .number("12")
        let text = "evt.arg.flags \(op.rawValue) \(ConditionPrinter.text(of: value))"
        #expect(try ConditionParser.parse(text) == cmp("evt.arg.flags", op, value), "\(text)")
    }

    @Test func parsesExists() throws {
        #expect(try ConditionParser.parse("container.id exists") == .exists(field("container.id")))
        #expect(try ConditionParser.parse("not proc.pname exists") == .not(.exists(field("proc.pname"))))
    }

    @Test(arguments: [
        ("proc.aname[2]", "proc.aname", "2"),
        ("evt.arg[1]", "evt.arg", "1"),
        ("proc.env[HOME]", "proc.env", "HOME"),
        ("container.mount.dest[/proc*]", "container.mount.dest", "/proc*"),
        ("proc.env[\"A B\"]", "proc.env", "A B"),
    ])
    func parsesFieldArguments(_ text: String, _ name: String, _ argument: String) throws {
        #expect(try ConditionParser.parse(text + " = x") == cmp(name, .equal, .bareWord("x")).withArgument(argument))
    }

    @Test func parsesDottedFieldsAndLabels() throws {
        #expect(
            try ConditionParser.parse("container.label.x = y") == cmp("container.label.x", .equal, .bareWord("y"))
        )
        #expect(
            try ConditionParser.parse("evt.arg.flags contains O_TRUNC")
                == cmp("evt.arg.flags", .contains, .bareWord("O_TRUNC"))
        )
    }

    @Test func parsesTransformersAndVal() throws {
        let node = try ConditionParser.parse("tolower(basename(fd.name)) = toupper(proc.pname)")
        let expected = ConditionNode.comparison(
            Comparison(
                field: FieldReference(name: "fd.name", transformers: [.basename, .tolower]),
                comparisonOperator: .equal,
                value: .field(FieldReference(name: "proc.pname", transformers: [.toupper]))
            )
        )
        #expect(node == expected)
        #expect(node.description == "tolower(basename(fd.name)) = toupper(proc.pname)")
        #expect(try ConditionParser.parse("len(proc.args) > 10").description == "len(proc.args) > 10")
        #expect(try ConditionParser.parse("proc.name = val(proc.pname)").fieldNames == ["proc.name", "proc.pname"])
        #expect(throws: ConditionError.self) { try ConditionParser.parse("frob(fd.name) = x") }
        #expect(throws: ConditionError.self) { try ConditionParser.parse("val(fd.name) = x") }
    }

    @Test func parsesValues() throws {
        #expect(
            try ConditionParser.parse(#"proc.args = "a \"b\" \\ c""#)
                == cmp("proc.args", .equal, .string(#"a "b" \ c"#))
        )
        #expect(try ConditionParser.parse(#"proc.args contains "\ ""#) == cmp("proc.args", .contains, .string(#"\ "#)))
        #expect(try ConditionParser.parse(#"fd.name = '\x41b'"#) == cmp("fd.name", .equal, .string("Ab")))
        #expect(try ConditionParser.parse("fd.num = 0x1F") == cmp("fd.num", .equal, .number("0x1F")))
        #expect(try ConditionParser.parse("evt.res < -1.5e3") == cmp("evt.res", .less, .number("-1.5e3")))
        #expect(
            try ConditionParser.parse("proc.pname in (runc:[0:PARENT], shell_binaries, \"a b\")")
                == cmp(
                    "proc.pname",
                    .in,
                    .list([.bareWord("runc:[0:PARENT]"), .bareWord("shell_binaries"), .string("a b")])
                )
        )
        #expect(
            try ConditionParser.parse("proc.name in shell_binaries")
                == cmp("proc.name", .in, .listName("shell_binaries"))
        )
        #expect(try ConditionParser.parse("proc.name in ()") == cmp("proc.name", .in, .list([])))
        #expect(try ConditionParser.parse("proc.args endswith \\") == cmp("proc.args", .endswith, .bareWord("\\")))
    }

    @Test func parsesListModifiers() throws {
        let node = try ConditionParser.parse("proc.name startswith anyof (ba, zs)")
        #expect(
            node
                == .comparison(
                    Comparison(
                        field: field("proc.name"),
                        comparisonOperator: .startswith,
                        modifier: .anyof,
                        value: .list([.bareWord("ba"), .bareWord("zs")])
                    )
                )
        )
        #expect(node.description == "proc.name startswith anyof (ba, zs)")
        #expect(
            try ConditionParser.parse("proc.name = oneof and x")
                == .and([cmp("proc.name", .equal, .bareWord("oneof")), .macroReference("x")])
        )
    }

    @Test func parsesMacroReferences() throws {
        #expect(try ConditionParser.parse("spawned_process") == .macroReference("spawned_process"))
        #expect(
            try ConditionParser.parse("notify and not nothing")
                == .and([.macroReference("notify"), .not(.macroReference("nothing"))])
        )
    }

    // MARK: Precedence

    @Test(arguments: [
        ("a or b and c", "a or (b and c)"),
        ("a and b or c", "(a and b) or c"),
        ("not a and b", "not a and b"),
        ("not a or b", "not a or b"),
        ("not (a and b)", "not (a and b)"),
        ("not(a or b) and c", "not (a or b) and c"),
        ("not not a", "not not a"),
        ("a and not b or not c and d", "(a and not b) or (not c and d)"),
        ("((a))", "a"),
        ("a and (b and c)", "a and (b and c)"),
        ("a or b or c", "a or b or c"),
        ("not x.y = 1 and z", "not x.y = 1 and z"),
    ])
    func precedence(_ input: String, _ canonical: String) throws {
        #expect(try ConditionParser.parse(input).description == canonical)
    }

    @Test func notBindsTighterThanAndTighterThanOr() throws {
        let a = ConditionNode.macroReference("a"), b = ConditionNode.macroReference("b")
        let c = ConditionNode.macroReference("c")
        #expect(try ConditionParser.parse("not a and b or c") == .or([.and([.not(a), b]), c]))
        #expect(try ConditionParser.parse("a or not b and c") == .or([a, .and([.not(b), c])]))
        #expect(try ConditionParser.parse("a and (b or c)") == .and([a, .or([b, c])]))
    }

    // MARK: Errors

    @Test(arguments: [
        ("(proc.name = x", 15, "expected ')'"),
        ("proc.name = x)", 14, "unexpected token after 'x', expecting 'or', 'and'"),
        ("evt.type=execve foo", 17, "unexpected token after 'execve', expecting 'or', 'and'"),
        ("(a) (b)", 5, "unexpected token after ')'"),
        ("proc.name = x and", 18, "expected a field"),
        ("proc.name = x or or y", 18, "found 'or'"),
        ("proc.name = \"abc", 13, "unterminated string"),
        ("proc.name =", 12, "expected a value"),
        ("proc.name", 10, "expected an operator"),
        ("proc.name frobs x", 11, "expected an operator"),
        ("proc.pid < abc", 12, "expected a number"),
        ("proc.name in (a, b", 19, "expected ',' or ')'"),
        ("proc.name in (a,)", 17, "expected a list item"),
        ("", 1, "expected a condition"),
        ("and x", 1, "expected a field"),
        ("proc.aname[2 = x", 13, "expected ']'"),
    ])
    func syntaxErrorsGiveColumnAndExpectation(_ input: String, _ column: Int, _ expected: String) {
        do {
            let node = try ConditionParser.parse(input)
            Issue.record("parsed \(input) as \(node)")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.column == column, "\(input): \(error)")
            #expect(error.message.contains(expected), "\(input): \(error)")
        }
    }

    @Test func errorLineAndColumnCountLinesAndCharacters() {
        do {
            _ = try ConditionParser.parse("a and\n  (é.x = 1 and")
            Issue.record("parsed")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 4)
            #expect(error.description.contains("line 2, column 4"))
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        #expect { try ConditionParser.parse(deep) } throws: { ($0 as? ConditionError)?.code == .tooDeep }
        let nots = String(repeating: "not ", count: 10_000) + "a"
        #expect { try ConditionParser.parse(nots) } throws: { ($0 as? ConditionError)?.code == .tooDeep }
        let fine = String(repeating: "(", count: 50) + "a" + String(repeating: ")", count: 50)
        #expect(try ConditionParser.parse(fine) == .macroReference("a"))
    }
}

extension ConditionNode {
    fileprivate func withArgument(_ argument: String) -> ConditionNode {
        guard case .comparison(var comparison) = self else { return self }
        comparison.field.argument = argument
        return .comparison(comparison)
    }
}
