import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3006Tests {
    let rule = ExplicitImageTag()

    @Test func firesOnUntaggedImages() {
        let source = "FROM alpine\nFROM docker.io/library/debian\nFROM foo/$X\nFROM Scratch\n"
        #expect(lines(of: rule, in: source) == [1, 2, 3, 4])
    }

    @Test func exemptsScratchDigestsVariablesAndStages() {
        let source = """
            FROM scratch
            FROM alpine@sha256:abc
            FROM $BASE
            FROM ${REGISTRY}/app
            FROM golang:1.22 AS build
            FROM build
            FROM localhost:5000/app
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func stageNamesAreCaseSensitiveAndMustComeFirst() {
        #expect(lines(of: rule, in: "FROM a:1 AS Build\nFROM build\n") == [2])
        #expect(lines(of: rule, in: "FROM later\nFROM a:1 AS later\n") == [1])
    }
}
