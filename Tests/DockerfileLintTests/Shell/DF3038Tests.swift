import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3038Tests {
    let rule = DnfAssumeYes()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3038")
        #expect(rule.descriptor.aliases == ["DL3038"])
    }

    @Test func firesWithoutYes() {
        let source = """
            FROM fedora:40
            RUN dnf install httpd
            RUN microdnf install httpd
            RUN dnf groupinstall "Development Tools"
            ONBUILD RUN dnf install x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsYes() {
        let source =
            "FROM fedora:40\nRUN dnf install -y httpd\nRUN microdnf --assumeyes install httpd\nRUN dnf upgrade\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
