import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF4005Tests {
    let rule = ShellSymlink()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF4005")
        #expect(rule.descriptor.aliases == ["DL4005"])
    }

    @Test func firesOnLinkingBinSh() {
        let source = "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\nONBUILD RUN ln -s /bin/bash /bin/sh\n"
        #expect(lines(of: rule, in: source) == [2, 3])
    }

    @Test func doesNotFireOnOtherLinks() {
        let source = "FROM debian:12\nRUN ln -sf /bin/bash /usr/local/bin/sh\nSHELL [\"/bin/bash\", \"-c\"]\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
