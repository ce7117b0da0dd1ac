import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5009Tests {
    let rule = BaseImageNotPinnedByDigest()

    @Test func firesOnTagOnlyImages() {
        let source = """
            FROM golang:1.22 AS build
            FROM ghcr.io/org/base
            FROM alpine:3.20
            """
        #expect(lines(of: rule, in: source) == [1, 2, 3])
    }

    @Test func staysSilentForDigestsScratchStagesAndVariables() {
        let source = """
            ARG BASE=alpine:3.20
            FROM golang:1.22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build
            FROM build AS test
            FROM ${BASE}
            FROM scratch
            """
        #expect(lines(of: rule, in: source) == [])
    }
}
