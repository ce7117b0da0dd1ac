import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5010Tests {
    let rule = FinalStageRunsAsRoot()

    @Test func firesWhenTheFinalStageHasNoUser() {
        let source = """
            FROM golang:1.22 AS build
            USER 1000
            RUN go build ./...
            FROM alpine:3.20
            COPY --from=build /out/app /app
            """
        #expect(lines(of: rule, in: source) == [4])
    }

    @Test func scratchImagesRunAsRootWithoutUser() throws {
        let v = try #require(violations(of: rule, in: "FROM scratch\nCOPY app /app\n").first)
        #expect(v.message == "The final stage sets no USER, so the image runs as root")
    }

    @Test func firesWhenTheLastUserIsRoot() {
        for user in ["root", "0", "root:root", "0:0"] {
            let source = "FROM alpine:3.20\nUSER app\nRUN id\nUSER \(user)\n"
            #expect(lines(of: rule, in: source) == [4], "USER \(user)")
        }
    }

    @Test func inheritsTheUserOfTheParentStage() {
        let nonRoot = """
            FROM alpine:3.20 AS base
            RUN adduser -D app
            USER app
            FROM base
            COPY app /app
            """
        #expect(lines(of: rule, in: nonRoot) == [])
        let root = """
            FROM alpine:3.20 AS base
            USER root
            FROM base
            COPY app /app
            """
        #expect(lines(of: rule, in: root) == [2])
        let noUser = """
            FROM alpine:3.20 AS base
            FROM base
            COPY app /app
            """
        #expect(lines(of: rule, in: noUser) == [2])
    }

    @Test func staysSilentForNonRootUsersAndNonRootBases() {
        #expect(lines(of: rule, in: "FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER 10001\n") == [])
        #expect(lines(of: rule, in: "FROM alpine:3.20\nUSER rootless\n") == [])
        #expect(lines(of: rule, in: "FROM gcr.io/distroless/static:nonroot\nCOPY app /app\n") == [])
        #expect(lines(of: rule, in: "FROM nginxinc/nginx-unprivileged:1.27\n") == [])
        #expect(lines(of: rule, in: "ARG BASE\nFROM ${BASE}\n") == [])
    }
}
