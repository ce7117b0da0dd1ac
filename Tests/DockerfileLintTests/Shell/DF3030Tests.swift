import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3030Tests {
    let rule = YumAssumeYes()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3030")
        #expect(rule.descriptor.aliases == ["DL3030"])
    }

    @Test func firesWithoutYes() {
        let source = """
            FROM centos:7
            RUN yum install httpd
            RUN yum groupinstall "Development Tools"
            RUN yum localinstall x.rpm
            ONBUILD RUN yum install x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsYes() {
        let source = "FROM centos:7\nRUN yum install -y httpd\nRUN yum --assumeyes install httpd\nRUN yum update\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
