import Testing
@testable import DockerHostAudit

@Suite struct PlaceholderTests {
    @Test func namespaceExists() { #expect("\(DockerHostAudit.self)" == "DockerHostAudit") }
}
