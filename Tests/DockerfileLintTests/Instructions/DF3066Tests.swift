import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3066Tests {
    let rule = NumericUser()

    @Test func firesOnUserNames() {
        let source = "FROM a:1\nUSER app\nUSER app:100\nUSER 1000 \nUSER ${NOPE}\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsNumericIdsAndDeclaredArgs() {
        let source = "ARG UID=1000\nFROM a:1\nUSER 1000\nUSER 1000:app\nUSER $UID\nUSER ${UID}:${GID}\nUSER :100\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
