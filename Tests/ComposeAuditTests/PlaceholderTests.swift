import Testing
@testable import ComposeAudit

@Suite struct PlaceholderTests {
    @Test func namespaceExists() { #expect("\(ComposeAudit.self)" == "ComposeAudit") }
}
