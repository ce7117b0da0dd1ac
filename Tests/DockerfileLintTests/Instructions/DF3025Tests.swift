import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3025Tests {
    let rule = ExecFormCommand()

    @Test func firesOnShellForm() {
        let source = """
            FROM a:1
            CMD echo hi
            ENTRYPOINT exec node server.js
            HEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1
            CMD ["a", 'b']
            ONBUILD CMD run-me
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsExecForm() {
        let source =
            "FROM a:1\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\nENTRYPOINT []\nHEALTHCHECK CMD [\"x\"]\nHEALTHCHECK NONE\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func fixRewritesPlainCommandsAsJSON() throws {
        let source = "FROM a:1\nCMD  java -jar /app.jar --port=8080\nEXPOSE 8080\n"
        let fix = try #require(violations(of: rule, in: source).first?.fix)
        let fixed = applying(fix, to: source)
        #expect(fixed == "FROM a:1\nCMD  [\"java\", \"-jar\", \"/app.jar\", \"--port=8080\"]\nEXPOSE 8080\n")
        #expect(lines(of: rule, in: fixed).isEmpty)
    }

    @Test func fixRewritesHealthcheckCommands() throws {
        let source = "FROM a:1\nHEALTHCHECK --interval=30s CMD /bin/check --quick\n"
        let fix = try #require(violations(of: rule, in: source).first?.fix)
        let fixed = applying(fix, to: source)
        #expect(fixed == "FROM a:1\nHEALTHCHECK --interval=30s CMD [\"/bin/check\", \"--quick\"]\n")
        #expect(lines(of: rule, in: fixed).isEmpty)
    }

    @Test func noFixWhenTheShellMatters() {
        let source = """
            FROM a:1
            CMD $APP/run
            CMD node server.js > /log 2>&1
            CMD exec node server.js
            CMD FOO=1 node
            CMD echo "hi"
            CMD a \\
              b
            SHELL ["pwsh", "-c"]
            CMD Write-Host hi
            """
        let found = violations(of: rule, in: source)
        #expect(found.count == 7)
        #expect(found.allSatisfy { $0.fix == nil })
    }

    @Test func jsonStringsAreEscaped() {
        #expect(ExecFormCommand.jsonString("a\u{1}b") == "\"a\\u0001b\"")
        #expect(ExecFormCommand.jsonForm("run.sh --x") == "[\"run.sh\", \"--x\"]")
    }
}
