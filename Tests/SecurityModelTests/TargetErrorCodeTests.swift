import SecurityModel
import Testing

@Suite struct TargetErrorCodeTests {
    @Test(arguments: [
        ("invalidYAML", "invalid-yaml"), ("notAMapping", "not-a-mapping"), ("wrongType", "wrong-type"),
        ("tooManyNodes", "too-many-nodes"), ("notAnObject", "not-an-object"), ("io", "io"), ("HTTPError", "http-error"),
    ])
    func camelCaseBecomesKebabCase(_ name: String, _ code: String) {
        #expect(TargetError.stableCode(name) == code)
    }
}
