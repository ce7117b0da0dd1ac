import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3059Tests {
    let rule = ConsecutiveRuns()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3059")
        #expect(rule.descriptor.aliases == ["DL3059"])
    }

    @Test func firesOnConsecutiveSingleCommandRuns() {
        let source = """
            FROM debian:12
            RUN a

            # comment
            RUN b
            RUN c
            """
        #expect(lines(of: rule, in: source) == [5, 6])
    }

    @Test func chainedRunsAndOtherInstructionsSeparate() {
        let source = """
            FROM debian:12
            RUN a
            RUN b && c
            RUN d
            ENV X=1
            RUN e
            ONBUILD RUN f
            RUN g
            RUN [ -f x ] && h
            RUN i
            """
        // A RUN with two commands is taken as deliberate (and so is the one after it); `[ … ]` is no command.
        #expect(lines(of: rule, in: source) == [9, 10])
    }

    @Test func differentFlagsSeparate() {
        let source = """
            FROM debian:12
            RUN --mount=type=cache,target=/a a
            RUN --mount=target=/a,type=cache b
            RUN --mount=type=cache,target=/b c
            RUN --network=none d
            """
        #expect(lines(of: rule, in: source) == [3])
    }
}
