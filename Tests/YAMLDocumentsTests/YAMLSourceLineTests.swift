import SecurityModel
import Testing
import YAMLDocuments

@Suite struct YAMLSourceLineTests {
    static let compose = """
        # a comment
        x-base: &base
          restart: always
          privileged: true

        services:
          web:
            <<: *base
            image: nginx
            ports:
              - "80:80"
              - 443:443
          db: {image: postgres, user: root}
        """

    @Test func linesPointAtKeysItemsAndMergedKeys() throws {
        let document = try #require(try YAMLDocumentReader(recordsLines: true).read(Self.compose).first?.get())
        #expect(document.lines["x-base"] == 2)
        #expect(document.lines["services"] == 6)
        #expect(document.lines["services.web"] == 7)
        #expect(document.lines["services.web.image"] == 9)
        #expect(document.lines["services.web.ports"] == 10)
        #expect(document.lines["services.web.ports[0]"] == 11)
        #expect(document.lines["services.web.ports[1]"] == 12)
        #expect(document.lines["services.web.privileged"] == 4)
        #expect(document.lines["services.web.restart"] == 3)
        #expect(document.lines["services.db.user"] == 13)
        #expect(document.lines["services.web.<<"] == nil)
    }

    @Test func linesCountFromTheWholeStream() throws {
        let results = YAMLDocumentReader(recordsLines: true).read("a: 1\n---\n# c\nb:\n  c: 2\n")
        #expect(results.count == 2)
        let second = try results[1].get()
        #expect(second.lines["b"] == 4)
        #expect(second.lines["b.c"] == 5)
    }

    @Test func linesAreOnlyRecordedOnRequest() throws {
        let document = try #require(try YAMLDocumentReader().read(Self.compose).first?.get())
        #expect(document.lines.isEmpty)
        #expect(document.value?["services"]?["web"]?["privileged"] == .bool(true))
    }

    @Test func coreSchemaTypesScalarsAsComposeDoes() throws {
        let text = """
            a: yes
            b: on
            c: 22:22
            d: true
            e: 1.5
            f: ~
            g: "true"
            h: 0x1F
            i: 42
            j: No
            k: 2024-01-01
            l: -7
            """
        let core = try #require(try YAMLDocumentReader(schema: .core).read(text).first?.get().value)
        #expect(core["a"] == .string("yes"))
        #expect(core["b"] == .string("on"))
        #expect(core["c"] == .string("22:22"))
        #expect(core["d"] == .bool(true))
        #expect(core["e"] == .double(1.5))
        #expect(core["f"] == .null)
        #expect(core["g"] == .string("true"))
        #expect(core["h"] == .int(31))
        #expect(core["i"] == .int(42))
        #expect(core["j"] == .string("No"))
        #expect(core["k"] == .string("2024-01-01"))
        #expect(core["l"] == .int(-7))
        let yaml11 = try #require(try YAMLDocumentReader().read(text).first?.get().value)
        #expect(yaml11["a"] == .bool(true))
        #expect(yaml11["c"] == .int(1342))
        #expect(yaml11["j"] == .bool(false))
    }
}
