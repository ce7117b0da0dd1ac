import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF5014Tests {
    let rule = UntrustedImageSource()
    let settings = RuleSettings(trustedRegistries: ["registry.example.com", "*.corp.example"])

    let source = """
        FROM registry.example.com/base:1 AS build
        COPY --from=build /out /out
        COPY --from=0 /out /out2
        COPY --from=ghcr.io/org/tool:1.0 /bin/tool /usr/local/bin/tool
        COPY --from=busybox:1.36 /bin/busybox /bin/busybox
        COPY --from=registry.example.com/tools:2 /t /t
        COPY --from=mirror.corp.example/tools:2 /t /t
        RUN --mount=type=bind,from=quay.io/org/data:1,target=/data cp -r /data /srv
        RUN --mount=type=bind,from=build,target=/b ls /b
        ONBUILD COPY --from=docker.io/library/alpine:3 /etc/os-release /x
        """

    @Test func firesOnImagesFromUntrustedRegistries() {
        #expect(lines(of: rule, in: source, settings: settings) == [4, 5, 8, 10])
    }

    @Test func silentWithoutTrustedRegistries() {
        #expect(lines(of: rule, in: source) == [])
    }

    @Test func dockerHubImagesMatchDockerIO() {
        let hub = RuleSettings(trustedRegistries: ["docker.io"])
        #expect(lines(of: rule, in: "FROM scratch\nCOPY --from=busybox:1.36 /bin/sh /sh\n", settings: hub) == [])
        #expect(UntrustedImageSource.isTrusted(ImageReference("alpine:3"), ["hub.docker.com"]))
        #expect(!UntrustedImageSource.isTrusted(ImageReference("ghcr.io/a/b"), ["docker.io"]))
    }

    @Test func leavesFromToDL3026() {
        #expect(lines(of: rule, in: "FROM ghcr.io/org/base:1\n", settings: settings) == [])
    }
}
