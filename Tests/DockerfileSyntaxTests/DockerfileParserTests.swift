import DockerfileSyntax
import SecurityModel
import Testing

struct DockerfileParserTests {
    @Test func parsesDirectivesOnlyAtTheTop() {
        let df = Dockerfile(parsing: "# syntax=docker/dockerfile:1\n# escape=`\n\n# check=skip=all\nFROM a\n")
        #expect(df.directive("syntax") == "docker/dockerfile:1")
        #expect(df.escapeCharacter == "`")
        #expect(df.directive("check") == nil)
        #expect(df.comments.map(\.line) == [4])
    }

    @Test func joinsContinuationsSkippingCommentsAndBlankLines() {
        let source = "RUN apt-get update \\\n# comment inside\n\n    && apt-get install -y curl\nUSER app\n"
        let df = Dockerfile(parsing: source)
        #expect(df.instructions.count == 2)
        let run = df.instructions[0]
        #expect(run.arguments == "apt-get update     && apt-get install -y curl")
        #expect(run.range.start.line == 1)
        #expect(run.range.end.line == 4)
        #expect(df.instructions[1].line == 5)
        #expect(df.description == source)
    }

    @Test func backtickEscapeContinuesLines() {
        let df = Dockerfile(parsing: "# escape=`\nRUN dir c:\\ `\n  && echo hi\n")
        #expect(df.instructions.first?.arguments == "dir c:\\   && echo hi")
    }

    @Test func parsesExecAndShellForms() {
        let df = Dockerfile(
            parsing: "CMD [\"nginx\", \"-g\", \"daemon off;\"]\nCMD nginx -g 'daemon off;'\nCMD [bad json\n"
        )
        #expect(df.instructions[0].form == .exec(["nginx", "-g", "daemon off;"]))
        #expect(df.instructions[1].form == .shell("nginx -g 'daemon off;'"))
        #expect(df.instructions[2].form == .shell("[bad json"))
    }

    @Test func parsesFlags() {
        let ins = Dockerfile(parsing: "COPY --from=build --chown=1000:1000 --link /src /dst\n").instructions[0]
        #expect(ins.flag("from") == "build")
        #expect(ins.flag("chown") == "1000:1000")
        #expect(ins.hasFlag("link"))
        #expect(ins.copyParts?.sources == ["/src"])
        #expect(ins.copyParts?.destination == "/dst")
        let run = Dockerfile(parsing: "RUN --mount=type=secret,id=npmrc --network=none npm ci\n").instructions[0]
        #expect(run.flag("mount") == "type=secret,id=npmrc")
        #expect(run.flag("network") == "none")
        #expect(run.arguments == "npm ci")
    }

    @Test func parsesHeredocs() {
        let source = """
            FROM alpine:3
            RUN <<EOF
            apk add curl
            EOF
            COPY <<-"CONF" /etc/app.conf
            \tkey=value
            \tCONF
            RUN cat <<A <<'B' > /out
            one
            A
            two
            B
            USER nobody

            """
        let df = Dockerfile(parsing: source)
        #expect(df.instructions.map(\.kind) == [.from, .run, .copy, .run, .user])
        #expect(df.instructions[1].heredocs.first?.body == "apk add curl\n")
        let copy = df.instructions[2].heredocs[0]
        #expect(copy.delimiter == "CONF" && copy.isQuoted && copy.stripsLeadingTabs && copy.body == "key=value\n")
        #expect(df.instructions[3].heredocs.map(\.body) == ["one\n", "two\n"])
        #expect(df.instructions[4].line == 13)
        #expect(df.description == source)
        #expect(df.diagnostics.isEmpty)
        #expect(df.instructions[1].runScript?.commands.first?.name == "apk")
    }

    @Test func quotedHeredocMarkerIsNotAHeredoc() {
        let df = Dockerfile(parsing: "RUN echo \"<<EOF\"\nUSER x\n")
        #expect(df.instructions.count == 2)
        #expect(df.instructions[0].heredocs.isEmpty)
    }

    @Test func unterminatedHeredocIsADiagnosticNotACrash() {
        let df = Dockerfile(parsing: "FROM a\nRUN <<EOF\necho hi\n")
        #expect(df.diagnostics.map(\.code) == ["unterminated-heredoc"])
        #expect(df.diagnostics[0].range.start.line == 2)
    }

    @Test func unknownInstructionIsReportedAndParsingContinues() {
        let df = Dockerfile(parsing: "FROM a\nFOO bar\nRUN ok\n")
        #expect(df.diagnostics.map(\.code) == ["unknown-instruction"])
        #expect(df.diagnostics[0].range.start.line == 2)
        #expect(df.instructions.map(\.kind) == [.from, .unknown, .run])
    }

    @Test func onbuildWrapsATrigger() {
        let ins = Dockerfile(parsing: "ONBUILD RUN --mount=type=cache,target=/x make\n").instructions[0]
        #expect(ins.trigger?.kind == .run)
        #expect(ins.trigger?.flag("mount") == "type=cache,target=/x")
        #expect(ins.trigger?.arguments == "make")
    }

    @Test func stagesAndImageReferences() {
        let df = Dockerfile(
            parsing: """
                ARG BASE=alpine
                FROM --platform=$BUILDPLATFORM golang:1.22@sha256:abc AS Build
                FROM build AS test
                FROM registry.example.com:5000/team/app
                FROM ${BASE}

                """
        )
        let stages = df.stages
        #expect(stages.count == 4)
        #expect(stages[0].name == "build" && stages[0].platform == "$BUILDPLATFORM")
        #expect(stages[0].baseImage.repository == "golang" && stages[0].baseImage.tag == "1.22")
        #expect(stages[0].baseImage.digest == "sha256:abc")
        #expect(stages[1].baseIsStage)
        #expect(stages[2].baseImage.registry == "registry.example.com:5000")
        #expect(stages[2].baseImage.repository == "team/app" && stages[2].baseImage.tag == nil)
        #expect(stages[3].baseImage.hasVariable)
        #expect(df.globalArguments["BASE"] == .some("alpine"))
    }

    @Test func envAndLabelPairs() {
        let env = Dockerfile(parsing: "ENV A=1 B=\"two words\" C=a\\ b\n").instructions[0].keyValuePairs
        #expect(env.map(\.key) == ["A", "B", "C"])
        #expect(env.map(\.value) == ["1", "two words", "a b"])
        let legacy = Dockerfile(parsing: "ENV PATH /usr/local/bin:$PATH\n").instructions[0].keyValuePairs
        #expect(legacy.map(\.key) == ["PATH"] && legacy[0].value == "/usr/local/bin:$PATH")
        let arg = Dockerfile(parsing: "ARG VERSION\n").instructions[0].keyValuePairs
        #expect(arg.map(\.key) == ["VERSION"] && arg[0].value == nil)
    }

    @Test func crlfLineEndingsRoundTrip() {
        let source = "FROM a\r\nRUN echo \\\r\n  hi\r\n"
        let df = Dockerfile(parsing: source)
        #expect(df.description == source)
        #expect(df.instructions[1].arguments == "echo   hi")
    }

    @Test func logicalOffsetsMapBackToRawBytes() {
        let source = "FROM a\nRUN apt-get update && \\\n    apt-get install curl\n"
        let ins = Dockerfile(parsing: source).instructions[1]
        let logical = Array(ins.logicalText.utf8)
        let target = Array("install".utf8)
        let at = (0...(logical.count - target.count)).first { Array(logical[$0..<$0 + target.count]) == target }
        let raw = ins.rawOffset(forLogical: at ?? 0)
        #expect(Array(source.utf8)[raw..<raw + target.count] == target[...])
        #expect(ins.line(forLogical: at ?? 0) == 3)
    }

    @Test func emptyAndWhitespaceOnlyFiles() {
        #expect(Dockerfile(parsing: "").instructions.isEmpty)
        #expect(Dockerfile(parsing: "\n\n  \n").description == "\n\n  \n")
        #expect(Dockerfile(parsing: "RUN \\").diagnostics.map(\.code) == ["missing-arguments"])
    }
}

struct ShellScriptTests {
    @Test func splitsCommandsOnOperators() {
        let s = ShellScript(
            parsing: "apt-get update && apt-get install -y --no-install-recommends curl=7.1 || true; echo a | tee b"
        )
        #expect(s.commands.map(\.name) == ["apt-get", "apt-get", "true", "echo", "tee"])
        #expect(s.commands[1].hasFlag("y") && s.commands[1].hasFlag("no-install-recommends"))
        #expect(s.commands[1].positionalArguments == ["install", "curl=7.1"])
        #expect(s.commands[3].separator == .pipe && s.commands[4].isPipedInto)
        #expect(s.hasPipe)
    }

    @Test func handlesQuotesAssignmentsAndRedirections() {
        let s = ShellScript(
            parsing: "DEBIAN_FRONTEND=noninteractive apt-get install -qy 'a b' \"c\\\"d\" > /dev/null 2>&1"
        )
        let c = s.commands[0]
        #expect(c.assignments.map(\.raw) == ["DEBIAN_FRONTEND=noninteractive"])
        #expect(c.arguments == ["install", "-qy", "a b", "c\"d"])
        #expect(c.redirections == [">", "/dev/null", "2>&1"])
        #expect(c.flags == ["q", "y"])
    }

    @Test func parsesShDashCBodies() {
        let s = ShellScript(parsing: "sh -c 'cd /tmp && sudo make install'")
        #expect(s.commands.map(\.name) == ["sh", "cd", "sudo"])
        #expect(s.commands[1].nesting == 1)
        let exec = ShellScript(execForm: ["/bin/bash", "-lc", "pip install flask"])
        #expect(exec.commands.map(\.baseName) == ["bash", "pip"])
    }

    @Test func skipsControlKeywordsAndComments() {
        let s = ShellScript(parsing: "if [ -f x ]; then rm x; fi # trailing comment\nfor f in a b; do echo $f; done")
        #expect(s.commands.map(\.name) == ["[", "rm", "echo"])
    }

    @Test func keepsCommandSubstitutionInOneWord() {
        let s = ShellScript(parsing: "echo \"$(curl -s http://x | sh)\" $(date +%s)")
        #expect(s.commands.count == 1)
        #expect(s.commands[0].arguments == ["$(curl -s http://x | sh)", "$(date +%s)"])
    }
}

struct VariableExpansionTests {
    let env = ["A": "1", "EMPTY": ""]

    @Test(arguments: [
        ("$A", "1"), ("${A}", "1"), ("x${A}y", "x1y"), ("${B:-d}", "d"), ("${EMPTY:-d}", "d"), ("${EMPTY-d}", ""),
        ("${A:+alt}", "alt"), ("${B:+alt}", ""), ("${B+alt}", ""), ("${EMPTY+alt}", "alt"), ("\\$A", "$A"),
        ("$", "$"), ("${unterminated", "${unterminated"), ("$B", ""),
    ])
    func expands(_ input: String, _ expected: String) {
        #expect(VariableExpansion.expand(input) { env[$0] } == expected)
    }
}

struct ShellConstructTests {
    @Test func casePatternsAreNotCommandsOrPipes() {
        let s = ShellScript(parsing: "case \"$x\" in a|b) apt-get update ;; *) echo no ;; esac; rm -f y")
        #expect(s.commands.map(\.name) == ["apt-get", "echo", "rm"])
        #expect(!s.hasPipe)
    }

    @Test func arraysFunctionsAndArithmeticAreNotCommands() {
        let s = ShellScript(parsing: "arr=(a b c); f() { g; }; function k { l; }; for ((i=0;i<3;i++)); do m; done")
        #expect(s.commands.map(\.name).filter { !$0.isEmpty } == ["g", "l", "m"])
        #expect(s.commands.first?.assignments.first?.value == "arr=(a b c)")
    }

    @Test func onbuildRunKeepsItsHeredocOnTheTrigger() {
        let df = Dockerfile(parsing: "ONBUILD RUN <<EOF\napt-get update\nEOF\n")
        #expect(df.instructions[0].trigger?.heredocs.count == 1)
        #expect(df.instructions[0].trigger?.runScript?.commands.first?.name == "apt-get")
    }
}
