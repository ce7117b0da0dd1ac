import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3061Tests {
    let rule = InstructionOrder()

    @Test func firesOnInstructionsBeforeFrom() {
        let source = "LABEL a=b\nARG X\n# comment\nRUN echo\nFROM a:1\nRUN x\n"
        #expect(lines(of: rule, in: source) == [1, 4])
    }

    @Test func fileWithoutFromReportsEverything() {
        #expect(lines(of: rule, in: "RUN a\nCMD b\n") == [1, 2])
    }

    @Test func directivesCommentsAndArgsMayPrecedeFrom() {
        let source = "# syntax=docker/dockerfile:1\n# escape=\\\n\n# hello\nARG BASE=alpine:3\nFROM $BASE\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
