import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3064Tests {
    let rule = SensitiveArgOrEnvName()

    @Test func firesOnSecretLookingNames() {
        let source = """
            FROM a:1
            ARG GITHUB_TOKEN
            ARG my_password=1
            ENV A=1 DB_PASSWORD=x
            ENV Api_Key 123
            ARG travis_sudo
            ONBUILD ARG NPM_TOKEN
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6, 7])
    }

    @Test func acceptsOrdinaryNames() {
        let source = "FROM a:1\nARG VERSION\nENV PATH=/x HOME=/root\nARG TOKENIZER=1\n"
        #expect(lines(of: rule, in: source) == [4])
        #expect(lines(of: rule, in: "FROM a:1\nARG VERSION\nENV PATH=/x HOME=/root\n").isEmpty)
    }
}
