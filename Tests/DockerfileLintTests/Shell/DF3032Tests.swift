import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3032Tests {
    let rule = YumCleanAll()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3032")
        #expect(rule.descriptor.aliases == ["DL3032"])
    }

    @Test func firesWithoutCleanAfterInstall() {
        let source = """
            FROM centos:7
            RUN yum install -y httpd
            RUN yum clean all && yum install -y httpd
            RUN yum install -y httpd && yum clean metadata
            ONBUILD RUN yum install -y x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 5])
    }

    @Test func acceptsCleanupAfterInstall() {
        // hadolint takes any `yum … clean|all` or `rm -rf …` after the install as the cleanup.
        let source = """
            FROM centos:7
            RUN yum install -y httpd && yum clean all
            RUN yum install -y httpd && rm -rf /var/cache/yum/*
            RUN yum install -y httpd && rm -rf /tmp/x
            RUN yum update -y
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
