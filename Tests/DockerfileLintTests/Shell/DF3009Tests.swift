import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3009Tests {
    let rule = AptListsCleanup()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3009")
        #expect(rule.descriptor.aliases == ["DL3009"])
    }

    @Test func firesInFinalStageAndStagesBuiltUpon() {
        let source = """
            FROM debian:12 AS base
            RUN apt-get update && apt-get install -y curl=1
            FROM debian:12 AS tools
            RUN apt-get update
            FROM base
            RUN apt update
            ONBUILD RUN apt-get update
            """
        // `tools` is neither the last stage nor the base of a FROM; COPY --from would not count either.
        #expect(lines(of: rule, in: source) == [2, 6, 7])
    }

    @Test func acceptsCleanupAndCacheMounts() {
        let source = """
            FROM debian:12
            RUN apt-get update && apt-get install -y x=1 && rm -rf /var/lib/apt/lists/*
            RUN apt-get update && rm -r /var/lib/apt/lists/*
            RUN apt-get update && rm -rf /tmp/build
            RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update
            RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update
            RUN apt-get install -y x=1
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func partialCacheMountIsNotEnough() {
        let source = "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n"
        #expect(lines(of: rule, in: source) == [2])
    }

    @Test func fixAppendsCleanup() {
        let source = "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl=1\nUSER app\n"
        expectFix(
            of: rule,
            in: source,
            line: 2,
            gives:
                "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl=1 && rm -rf /var/lib/apt/lists/*\nUSER app\n"
        )
    }

    @Test func fixIsWithheldWhenAppendingIsUnsafe() {
        let source = """
            FROM debian:12
            RUN apt-get update # refresh
            RUN apt-get update;
            RUN ["apt-get", "update"]
            RUN <<EOF
            apt-get update
            EOF

            ONBUILD RUN apt-get update
            """
        for line in [2, 3, 4, 5, 9] { expectNoFix(of: rule, in: source, line: line) }
    }

    @Test func fixAppendsAfterCompoundCommands() {
        let source = "FROM debian:12\nRUN if true; then apt-get update; fi\n"
        expectFix(
            of: rule,
            in: source,
            line: 2,
            gives: "FROM debian:12\nRUN if true; then apt-get update; fi && rm -rf /var/lib/apt/lists/*\n"
        )
    }
}
