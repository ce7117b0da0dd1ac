import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3040Tests {
    let rule = DnfCleanAll()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3040")
        #expect(rule.descriptor.aliases == ["DL3040"])
    }

    @Test func firesWithoutCleanAfterInstall() {
        let source = """
            FROM fedora:40
            RUN dnf install -y httpd-2
            RUN dnf upgrade -y
            RUN dnf install -y httpd-2 && microdnf clean all
            RUN dnf clean all && dnf reinstall -y httpd-2
            ONBUILD RUN dnf install -y x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6])
    }

    @Test func acceptsCleanupOrCacheMount() {
        let source = """
            FROM fedora:40
            RUN dnf install -y httpd-2 && dnf clean all
            RUN microdnf install -y httpd-2 && microdnf clean all
            RUN dnf install -y httpd-2 && rm -rf /var/cache/dnf
            RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd-2
            RUN dnf makecache
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
