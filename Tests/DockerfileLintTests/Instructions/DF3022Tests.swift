import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3022Tests {
    let rule = CopyFromKnownStage()

    @Test func firesOnUnknownSources() {
        let source = """
            FROM a:1 AS build
            COPY --from=1 /x /y
            COPY --from=later /x /y
            COPY --from=nginx /etc/nginx /etc/nginx
            COPY --from=Build /x /y
            FROM b:1 AS later
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsEarlierStagesIndicesAndTaggedImages() {
        let source = """
            FROM a:1 AS build
            COPY --from=build /x /y
            COPY --from=0 /x /y
            FROM b:1
            COPY --from=1 /x /y
            COPY --from=nginx:1.27 /etc/nginx /etc/nginx
            COPY --from=build /x /y
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
