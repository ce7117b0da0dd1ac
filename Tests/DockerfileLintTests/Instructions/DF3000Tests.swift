import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3000Tests {
    let rule = AbsoluteWorkdir()

    @Test func firesOnRelativePaths() {
        let source = "FROM alpine:3\nWORKDIR app\nWORKDIR ~/x\nWORKDIR \"rel/path\"\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func acceptsAbsoluteVariableAndWindowsPaths() {
        let source = "FROM alpine:3\nWORKDIR /app\nWORKDIR \"$HOME\"\nWORKDIR ${APP}\nWORKDIR C:\\\\app\nWORKDIR '/q'\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
