import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3043Tests {
    let rule = OnbuildTriggerAllowed()

    @Test func firesOnForbiddenTriggers() {
        let source = "FROM a:1\nONBUILD ONBUILD RUN x\nONBUILD FROM b:1\nONBUILD MAINTAINER me\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func acceptsOrdinaryTriggers() {
        #expect(lines(of: rule, in: "FROM a:1\nONBUILD RUN make\nONBUILD COPY . /src\n").isEmpty)
    }
}
