import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

/// How RUN scripts are turned into hadolint's view of their commands.
struct ExtractedShellTests {
    private func shell(_ dockerfile: String) -> ExtractedShell {
        let instruction = Dockerfile(parsing: dockerfile).instructions.last { $0.kind == .run }
        return instruction.map { ExtractedShell(instruction: $0) } ?? ExtractedShell(text: "")
    }

    @Test func findsCommandsInSubstitutionsButNotInShellStrings() {
        let s = shell("FROM x\nRUN X=$(curl -s a) && echo `wget b` && sh -c 'apt-get install c'\n")
        #expect(s.commands.map(\.name) == ["curl", "echo", "wget", "sh"])
        #expect(s.commands.map { $0.sourceWords != nil } == [false, true, false, true])
    }

    @Test func execFormIsJoinedAndParsedAsShell() {
        let s = shell("FROM x\nRUN [\"/bin/sh\", \"-c\", \"apt-get update && apt-get install foo\"]\n")
        #expect(s.commands.map(\.name) == ["/bin/sh", "apt-get"])
        #expect(!s.mapsToArguments)
    }

    @Test func heredocBodyIsTheScriptOnlyWhenNothingElseIsOnTheLine() {
        #expect(shell("FROM x\nRUN <<EOF\napt-get update\nEOF\n").commands.map(\.name) == ["apt-get"])
        #expect(shell("FROM x\nRUN cat <<EOF > /x\napt-get update\nEOF\n").commands.map(\.name) == ["cat"])
    }

    @Test func wrappersAreLookedThrough() {
        let s = shell("FROM x\nRUN command apt-get install a && exec -a x wget b && builtin cd /\n")
        #expect(s.commands.map(\.name) == ["apt-get", "wget", "cd"])
    }

    @Test func nonLiteralNamesAndTestsAreNoCommands() {
        let s = shell("FROM x\nRUN $PIP install a && [ -f x ] && [[ -d y ]] && \"pip\" install b\n")
        #expect(s.commands.map(\.name) == ["pip"])
    }

    @Test func valuesAreSimplifiedLikeHadolint() {
        let s = shell("FROM x\nRUN useradd -u $UID -g \"${GID}\" 'a b' c{1,2} $(id -u) `x` $((1+2))\n")
        #expect(
            s.commands.first?.arguments == ["-u", "${UID}", "-g", "${GID}", "a b", "c", "${id-u}", "${VAR}", "${VAR}"]
        )
    }

    @Test func flagsFollowHadolint() {
        let s = shell("FROM x\nRUN apt-get -qy --no-install-recommends=1 install -- - -t x foo\n")
        let command = s.commands[0]
        #expect(command.flags.map(\.name) == ["q", "y", "no-install-recommends", "t"])
        #expect(command.nonFlagArguments == ["install", "--", "-", "x", "foo"])
        #expect(command.nonFlagArguments(droppingValuesOf: ["t"]) == ["install", "--", "-", "foo"])
    }

    @Test func pipesIgnoreCasePatternsAndOrLists() {
        #expect(shell("FROM x\nRUN a | b\n").hasPipes)
        #expect(shell("FROM x\nRUN echo $(a | b)\n").hasPipes)
        #expect(!shell("FROM x\nRUN a || b\n").hasPipes)
        #expect(!shell("FROM x\nRUN case \"$x\" in a|b) c ;; esac\n").hasPipes)
        #expect(shell("FROM x\nRUN case \"$x\" in a|b) c ;; esac\n").commands.map(\.name) == ["c"])
    }

    @Test func unparsableScriptsHaveNoCommands() {
        // ShellCheck rejects these, so hadolint sees no command in them at all.
        for script in ["echo \"open", "a (b)", "if true; then a", "a)", "echo $(b"] {
            let s = shell("FROM x\nRUN \(script)\n")
            #expect(s.commands.isEmpty, "\(script)")
            #expect(!s.hasPipes, "\(script)")
        }
    }

    @Test func shellConstructsAreNotMistakenForCommands() {
        let s = shell("FROM x\nRUN arr=(a b) && f() { g; } && for ((i=0;i<3;i++)); do h; done && function k { l; }\n")
        #expect(s.commands.map(\.name) == ["g", "h", "l"])
    }

    @Test func timeCountsAsAnExtraCommand() {
        #expect(shell("FROM x\nRUN time make\n").commandCount == 2)
        #expect(shell("FROM x\nRUN ! make\n").commandCount == 1)
    }
}
