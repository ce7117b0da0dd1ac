import SecurityModel
import Testing
import YAMLDocuments

@Suite struct YAMLDocumentReaderTests {
    @Test func readsDocumentsAndReportsTheBrokenOne() throws {
        let results = YAMLDocumentReader().read("a: 1\n---\nb: [\n---\nc: true\n")
        #expect(results.count == 3)
        #expect(try results[0].get().value?["a"]?.integerValue == 1)
        guard case .failure(let failure) = results[1] else {
            Issue.record("document 1 should fail")
            return
        }
        #expect(failure.kind == .invalidYAML)
        #expect(failure.index == 1)
        #expect(try results[2].get().value?["c"] == .bool(true))
    }
}
