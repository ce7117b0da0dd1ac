import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3063Tests {
    let rule = ReservedStageName()

    @Test func firesOnReservedNames() {
        #expect(lines(of: rule, in: "FROM a:1 AS scratch\nFROM b:1 as context\n") == [1, 2])
    }

    @Test func acceptsOtherNames() {
        #expect(lines(of: rule, in: "FROM a:1 AS Scratch\nFROM b:1 AS build\nFROM scratch\n").isEmpty)
    }
}
