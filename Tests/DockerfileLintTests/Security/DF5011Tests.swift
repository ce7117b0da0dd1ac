import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5011Tests {
    let rule = MissingHealthcheck()

    @Test func firesWhenTheFinalImageHasNoHealthcheck() {
        let source = """
            FROM golang:1.22 AS build
            HEALTHCHECK CMD true
            FROM alpine:3.20
            COPY --from=build /out/app /app
            """
        #expect(lines(of: rule, in: source) == [3])
    }

    @Test func staysSilentWithAHealthcheckInTheFinalImage() {
        #expect(lines(of: rule, in: "FROM alpine:3.20\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\n") == [])
        #expect(lines(of: rule, in: "FROM alpine:3.20\nHEALTHCHECK NONE\n") == [])
        let inherited = """
            FROM alpine:3.20 AS base
            HEALTHCHECK CMD true
            FROM base
            COPY app /app
            """
        #expect(lines(of: rule, in: inherited) == [])
        #expect(lines(of: rule, in: "# no stages at all\n") == [])
    }
}
