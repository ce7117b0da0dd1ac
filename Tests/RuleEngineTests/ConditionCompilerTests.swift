import FalcoCondition
import RuntimeEvents
import Testing

@testable import RuleEngine

@Suite struct ConditionCompilerTests {
    private func holds(_ text: String, _ event: RuntimeEvent, table: ProcessTable = ProcessTable()) throws -> Bool {
        let node = try ConditionParser.parse(text)
        return try ConditionCompiler().compile(node).evaluate(event, table: table)
    }

    private let passwd = TestEvents.open("/etc/passwd")

    @Test(arguments: [
        ("fd.name = /etc/passwd", true), ("fd.name == /etc/passwd", true), ("fd.name != /etc/passwd", false),
        ("fd.name contains passwd", true), ("fd.name contains shadow", false), ("fd.name icontains PASSWD", true),
        ("fd.name startswith /etc/", true), ("fd.name startswith /usr", false), ("fd.name endswith wd", true),
        ("fd.name endswith /etc", false), ("fd.name bcontains 706173", true), ("fd.name bcontains 0000", false),
        ("fd.name bstartswith 2F657463", true), ("fd.name bstartswith 6574", false),
        ("fd.name glob /etc/*", true), ("fd.name glob /etc/pass??", true), ("fd.name glob /etc/p[a-c]sswd", true),
        ("fd.name glob /etc/p[!a]sswd", false), ("fd.name glob /ETC/*", false), ("fd.name iglob /ETC/*", true),
        ("fd.name regex '/etc/pass.*'", true), ("fd.name regex 'pass'", false),
        ("fd.name in (/etc/passwd, /etc/group)", true), ("fd.name in (/etc/group)", false),
        ("fd.name intersects (/etc/passwd)", true), ("fd.name pmatch (/etc)", true),
        ("fd.name pmatch (/etc/pass)", false), ("fd.name pmatch (/e*/)", true), ("fd.name exists", true),
        ("fd.num = 3", true), ("fd.num < 4", true), ("fd.num <= 3", true), ("fd.num > 3", false),
        ("fd.num >= 0x3", true), ("fd.num in (1, 2, 3)", true), ("fd.num != 3", false),
        ("tolower(proc.name) = cat", true), ("toupper(proc.name) = CAT", true),
        ("basename(fd.name) = passwd", true), ("len(fd.name) = 11", true), ("len(fd.name) > 20", false),
        ("proc.name = val(proc.exe)", true), ("proc.name != val(fd.name)", true),
        ("fd.name startswith anyof (/usr, /etc)", true), ("fd.name startswith allof (/usr, /etc)", false),
        ("fd.name contains oneof (etc, pass, zzz)", false), ("fd.name contains oneof (zzz, pass)", true),
        ("evt.type = openat and not fd.name = /x", true), ("evt.type = execve or fd.num = 3", true),
    ])
    func operatorOnOpenEvent(condition: String, expected: Bool) throws {
        #expect(try holds(condition, passwd) == expected, "\(condition)")
    }

    @Test func missingValuesMakeComparisonsFalse() throws {
        // A host process has no container image: every comparison fails, `exists` is false, `not` flips.
        #expect(try !holds("container.image = x", passwd))
        #expect(try !holds("container.image != x", passwd))
        #expect(try !holds("container.image exists", passwd))
        #expect(try holds("not container.image exists", passwd))
        #expect(try !holds("proc.pname = init", passwd))
    }

    @Test func listFieldMatchesWhenAnyElementMatches() throws {
        var table = ProcessTable()
        table.seed([
            ProcessRecord(thread: TestEvents.thread(pid: 1, ppid: 0, comm: "systemd")),
            ProcessRecord(thread: TestEvents.thread(pid: 100, ppid: 1, comm: "sshd")),
        ])
        let event = TestEvents.open("/etc/passwd")
        #expect(try holds("proc.aname = sshd", event, table: table))
        #expect(try holds("proc.aname = systemd", event, table: table))
        #expect(try !holds("proc.aname = bash", event, table: table))
        #expect(try holds("proc.aname[1] = sshd", event, table: table))
        #expect(try !holds("proc.aname[2] = sshd", event, table: table))
        #expect(try holds("proc.aname startswith ss", event, table: table))
    }

    @Test func ipAndNetworkComparisons() throws {
        let event = TestEvents.connect(to: "192.168.1.20", port: 443)
        #expect(try holds("fd.sip = 192.168.1.20", event))
        #expect(try !holds("fd.sip = 192.168.1.21", event))
        #expect(try holds("fd.snet = 192.168.0.0/16", event))
        #expect(try holds("fd.snet in (10.0.0.0/8, 192.168.1.0/24)", event))
        #expect(try !holds("fd.snet in (172.16.0.0/12)", event))
        #expect(try holds("fd.ip = 10.0.0.5", event))
        #expect(try holds("fd.net = 10.0.0.0/8", event))
        #expect(try holds("fd.sport = 443", event))
        #expect(try holds("fd.sport in (80, 443)", event))
        #expect(throws: ConditionCompileError.self) { try holds("fd.sip = not-an-ip", event) }
    }

    @Test func compileErrors() throws {
        let compiler = ConditionCompiler()
        do {
            _ = try compiler.compile(try ConditionParser.parse("foo.bar = 1 and proc.name = x and baz.qux exists"))
            Issue.record("expected an error")
        } catch let error as ConditionCompileError {
            #expect(error.code == .unknownField)
            #expect(error.unknownFields == ["baz.qux", "foo.bar"])
        }
        #expect(throws: ConditionCompileError.self) {
            try compiler.compile(try ConditionParser.parse("proc.name regex '(unclosed'"))
        }
        #expect(throws: ConditionCompileError.self) { try compiler.compile(try ConditionParser.parse("fd.num = abc")) }
        #expect(throws: ConditionCompileError.self) {
            try compiler.compile(try ConditionParser.parse("fd.name bcontains xyz"))
        }
        #expect(throws: ConditionCompileError.self) { try compiler.compile(.macroReference("m")) }
    }

    @Test func globEdgeCases() {
        #expect(GlobPattern("*").matches(""))
        #expect(GlobPattern("a*b*c").matches("aXbYc"))
        #expect(!GlobPattern("a*b*c").matches("aXbY"))
        #expect(GlobPattern("*/x").matches("/a/b/x"))
        #expect(!GlobPattern("?").matches(""))
        #expect(GlobPattern("[]]").matches("]"))
        #expect(GlobPattern("[").matches("["))
        #expect(GlobPattern("\\*").matches("*"))
        #expect(!GlobPattern("\\*").matches("a"))
        #expect(GlobPattern("[^a-c]x").matches("dx"))
        #expect(GlobPattern("A*", ignoringCase: true).matches("abc"))
    }

    @Test func base64Transformer() throws {
        #expect(Base64.decode("aGVsbG8=").map { String(decoding: $0, as: UTF8.self) } == "hello")
        #expect(Base64.decode("aGVsbG8").map { String(decoding: $0, as: UTF8.self) } == "hello")
        #expect(Base64.decode("a") == nil)
        #expect(Base64.decode("a b") == nil)
        let event = TestEvents.open("/etc/passwd", comm: "aGVsbG8=")
        #expect(try holds("b64(proc.name) = hello", event))
        #expect(try !holds("b64(proc.name) exists", TestEvents.open("/x", comm: "c@t")))
    }
}
