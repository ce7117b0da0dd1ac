import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3033Tests {
    let rule = YumVersionPinning()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3033")
        #expect(rule.descriptor.aliases == ["DL3033"])
    }

    @Test func firesOnUnpinnedPackages() {
        let source = """
            FROM centos:7
            RUN yum install -y httpd && yum clean all
            RUN yum install -y python3-devel && yum clean all
            RUN yum install -y foo-$UNKNOWN && yum clean all
            RUN yum module install -y nodejs && yum clean all
            ONBUILD RUN yum install -y x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6])
    }

    @Test func acceptsVersionsRpmsAndKnownVariables() {
        let source = """
            FROM centos:7
            ARG HTTPD_VERSION=2.4
            ENV PY_VERSION=3.9
            RUN yum install -y httpd-2.4.6-99.el7 local-x.rpm && yum clean all
            RUN yum install -y httpd-${HTTPD_VERSION} python3-$PY_VERSION && yum clean all
            RUN yum module install -y nodejs:18 && yum clean all
            RUN yum module enable -y nodejs && yum clean all
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func envVariablesFollowStages() {
        let source = """
            FROM centos:7 AS base
            ENV V=1
            FROM base
            RUN yum install -y foo-${V}
            FROM centos:7
            RUN yum install -y foo-${V}
            """
        #expect(lines(of: rule, in: source) == [6])
    }
}
