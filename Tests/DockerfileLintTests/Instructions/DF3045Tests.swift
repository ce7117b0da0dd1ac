import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3045Tests {
    let rule = CopyRelativeWithoutWorkdir()

    @Test func firesOnRelativeDestinationsWithoutWorkdir() {
        let source = """
            FROM node:20
            COPY package.json .
            COPY src src
            WORKDIR /app
            COPY . .
            FROM python:3
            COPY app.py ./
            """
        #expect(lines(of: rule, in: source) == [2, 3, 7])
    }

    @Test func acceptsAbsoluteVariableAndInheritedWorkdirs() {
        let source = """
            FROM node:20 AS base
            COPY a /abs
            COPY a "$DEST"
            COPY a C:/x
            WORKDIR /app
            FROM base AS test
            COPY . .
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func stagesOfTheSameImageShareTheWorkdirStateLikeHadolint() {
        let source = "FROM ubuntu:1\nWORKDIR /x\nFROM ubuntu:2\nCOPY a b\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
