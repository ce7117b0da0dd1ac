import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3041Tests {
    let rule = DnfVersionPinning()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3041")
        #expect(rule.descriptor.aliases == ["DL3041"])
    }

    @Test func firesOnUnpinnedPackages() {
        let source = """
            FROM fedora:40
            RUN dnf install -y httpd
            RUN microdnf install -y httpd-2.4 python3-pip
            RUN dnf module install -y nodejs
            ONBUILD RUN dnf install -y x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsVersionsModulesAndGroups() {
        let source = """
            FROM fedora:40
            ARG V=2.4
            RUN dnf install -y httpd-2.4.62-1.fc40 tool-x.rpm httpd-$V
            RUN dnf module install -y nodejs:20
            RUN dnf group install -y "Development Tools"
            RUN dnf in -y httpd
            """
        // `dnf in` is not `install` for hadolint's pinning check.
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
