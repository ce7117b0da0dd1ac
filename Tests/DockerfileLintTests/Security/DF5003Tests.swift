import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5003Tests {
    let rule = SecretBuildArgument()

    @Test func firesWhenASecretBuildArgIsUsedInRun() {
        let source = """
            FROM node:20
            ARG NPM_TOKEN
            RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
            RUN npm run build
            ARG GITHUB_TOKEN
            RUN git clone https://x-access-token:$GITHUB_TOKEN@github.com/org/private.git
            """
        #expect(lines(of: rule, in: source) == [3, 6])
    }

    @Test func firesWhenCopiedIntoEnv() throws {
        let source = "FROM alpine:3.20\nARG DB_PASSWORD\nENV DB_PASSWORD=$DB_PASSWORD\n"
        let v = try #require(violations(of: rule, in: source).first)
        #expect(v.range.start.line == 3)
        #expect(v.message.contains("DB_PASSWORD"))
    }

    @Test func staysSilentForOrdinaryArgsAndSecretMounts() {
        let source = """
            ARG GITHUB_TOKEN
            FROM alpine:3.20
            ARG VERSION=1.2.3
            ARG TOKEN_URL=https://auth.example.com
            RUN echo $VERSION $TOKEN_URL $GITHUB_TOKEN
            RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci
            ARG API_KEY
            RUN echo $API_KEYRING
            """
        #expect(lines(of: rule, in: source) == [])
    }

    @Test func skipsDeliberatePlaceholders() {
        let source = """
            FROM ruby:3.3
            ARG SECRET_KEY_BASE=dummy
            RUN SECRET_KEY_BASE=$SECRET_KEY_BASE bundle exec rails assets:precompile
            """
        #expect(lines(of: rule, in: source) == [])
    }

    @Test func argScopeEndsAtTheNextStage() {
        let source = """
            FROM alpine:3.20 AS build
            ARG API_KEY
            FROM alpine:3.20
            RUN echo $API_KEY
            """
        #expect(lines(of: rule, in: source) == [])
    }
}
