import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3026Tests {
    let rule = AllowedRegistry()
    let settings = RuleSettings(trustedRegistries: ["docker.io", "*.gcr.io", "quay.io"])

    @Test func silentWithoutTrustedRegistries() {
        #expect(lines(of: rule, in: "FROM ghcr.io/org/app:1\n").isEmpty)
    }

    @Test func firesOnImagesFromOtherRegistries() {
        let source = """
            FROM ghcr.io/org/app:1
            FROM gcr.io/x/y:1
            COPY --from=registry.example.com/tools:1 /bin/tool /bin/
            RUN --mount=type=cache,target=/c,from=ghcr.io/org/cache:1 make
            """
        #expect(lines(of: rule, in: source, settings: settings) == [1, 2, 3, 4])
    }

    @Test func acceptsAllowedRegistriesScratchAndStages() {
        let source = """
            FROM scratch
            FROM alpine:3 AS base
            FROM eu.gcr.io/x/y:1
            FROM quay.io/org/app:1
            FROM base
            COPY --from=base /x /y
            RUN --mount=type=bind,from=base,target=/src make
            RUN --mount=type=secret,id=token make
            """
        #expect(lines(of: rule, in: source, settings: settings).isEmpty)
    }

    @Test func patternMatching() {
        #expect(AllowedRegistry.matches("*", "anything"))
        #expect(AllowedRegistry.matches("*.example.com", "r.example.com"))
        #expect(AllowedRegistry.matches("registry.*", "registry.io"))
        #expect(!AllowedRegistry.matches("example.com", "r.example.com"))
    }
}
