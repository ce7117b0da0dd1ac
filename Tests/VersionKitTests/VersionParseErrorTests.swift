import Testing
import VersionKit

struct VersionParseErrorTests {
    @Test func describesTheInputAndEcosystem() {
        let error = VersionParseError(ecosystem: "Debian", input: "1:", reason: "empty upstream version")
        #expect(error.description == "invalid Debian version '1:': empty upstream version")
    }
}
