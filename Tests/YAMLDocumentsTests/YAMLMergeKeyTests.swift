import SecurityModel
import Testing
import YAMLDocuments

@Suite struct YAMLMergeKeyTests {
    func value(_ text: String, schema: YAMLDocumentReader.Schema = .yaml11) throws -> JSONValue {
        let results = YAMLDocumentReader(schema: schema).read(text)
        #expect(results.count == 1)
        return try #require(try results.first?.get().value)
    }

    @Test func aliasesResolveToTheAnchoredNode() throws {
        let doc = try value("a: &x {k: [1, 2]}\nb: *x\nc: &s hello\nd: *s\n")
        #expect(doc["b"]?["k"] == .array([.int(1), .int(2)]))
        #expect(doc["d"] == .string("hello"))
    }

    @Test func mergedKeysAreAddedAndExplicitKeysWin() throws {
        let doc = try value(
            """
            base: &base {image: nginx, privileged: true, user: root}
            web:
              privileged: false
              <<: *base
              read_only: true
            """
        )
        let web = try #require(doc["web"])
        #expect(web["image"] == .string("nginx"))
        #expect(web["privileged"] == .bool(false))
        #expect(web["user"] == .string("root"))
        #expect(web["read_only"] == .bool(true))
        #expect(web["<<"] == nil)
        #expect(web.objectMembers?.count == 4)
    }

    @Test func explicitKeyWinsWhenWrittenAfterTheMerge() throws {
        let doc = try value("b: &b {x: 1, y: 2}\nm: {<<: *b, x: 9}\n")
        #expect(doc["m"]?["x"] == .int(9))
        #expect(doc["m"]?["y"] == .int(2))
    }

    @Test func earlierMapsOfAMergeListWin() throws {
        let doc = try value(
            """
            a: &a {k: from-a, only-a: 1}
            b: &b {k: from-b, only-b: 2}
            m:
              <<: [*a, *b]
            n:
              <<: [*b, *a]
            """
        )
        #expect(doc["m"]?["k"] == .string("from-a"))
        #expect(doc["n"]?["k"] == .string("from-b"))
        #expect(doc["m"]?["only-a"] == .int(1))
        #expect(doc["m"]?["only-b"] == .int(2))
    }

    @Test func mergesNestInsideMergedMaps() throws {
        let doc = try value(
            """
            a: &a {x: 1, y: 1}
            b: &b {<<: *a, y: 2, z: 2}
            c: {<<: *b, z: 3}
            """
        )
        let c = try #require(doc["c"])
        #expect(c["x"] == .int(1))
        #expect(c["y"] == .int(2))
        #expect(c["z"] == .int(3))
        #expect(c.objectMembers?.count == 3)
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let doc = try value("a: &a {x: 1}\nm: {\"<<\": *a}\n")
        #expect(doc["m"]?["<<"]?["x"] == .int(1))
        #expect(doc["m"]?["x"] == nil)
    }

    @Test func mergeOfAScalarIsAnErrorWithItsLine() {
        let results = YAMLDocumentReader().read("a: 1\nm:\n  <<: not-a-map\n")
        guard case .failure(let failure) = results.first else {
            Issue.record("a scalar merge value must fail")
            return
        }
        #expect(failure.kind == .invalidYAML)
        #expect(failure.line == 3)
        #expect(failure.message.contains("merge key"))
    }

    @Test func mergeListWithAScalarIsAnError() {
        let results = YAMLDocumentReader().read("a: &a {x: 1}\nm: {<<: [*a, 3]}\n")
        guard case .failure(let failure) = results.first else {
            Issue.record("a merge list holding a scalar must fail")
            return
        }
        #expect(failure.kind == .invalidYAML)
    }

    @Test func mergesWorkInTheCoreSchemaToo() throws {
        let doc = try value("a: &a {x: yes}\nm: {<<: *a, y: on}\n", schema: .core)
        #expect(doc["m"]?["x"] == .string("yes"))
        #expect(doc["m"]?["y"] == .string("on"))
    }

    @Test func billionLaughsIsRejected() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let results = YAMLDocumentReader(maximumNodes: 100_000).read(text)
        guard case .failure(let failure) = results.first else {
            Issue.record("the alias bomb must be rejected")
            return
        }
        #expect(failure.kind == .tooManyNodes)
    }

    @Test func mergeBombIsRejected() {
        var text = "m0: &m0 {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9}\n"
        for level in 1...12 {
            let refs = Array(repeating: "*m\(level - 1)", count: 10).joined(separator: ", ")
            text += "m\(level): &m\(level) {<<: [\(refs)]}\n"
        }
        let results = YAMLDocumentReader(maximumNodes: 100_000).read(text)
        guard case .failure(let failure) = results.first else {
            Issue.record("the merge bomb must be rejected")
            return
        }
        #expect(failure.kind == .tooManyNodes)
    }

    @Test func deepAliasChainIsRejectedNotACrash() {
        var text = "a0: &a0 [x]\n"
        for level in 1...3000 { text += "a\(level): &a\(level) [*a\(level - 1)]\n" }
        let results = YAMLDocumentReader(maximumNodes: 100_000_000).read(text)
        guard case .failure(let failure) = results.first else {
            Issue.record("the alias chain must be rejected")
            return
        }
        #expect(failure.kind == .tooManyNodes)
        #expect(failure.message.contains("deeper"))
    }

    @Test func deepMergeChainIsRejectedNotACrash() {
        var text = "m0: &m0 {k: 0}\n"
        for level in 1...3000 { text += "m\(level): &m\(level) {<<: *m\(level - 1)}\n" }
        let results = YAMLDocumentReader(maximumNodes: 10_000_000).read(text)
        guard case .failure(let failure) = results.first else {
            Issue.record("the merge chain must be rejected")
            return
        }
        #expect(failure.kind == .tooManyNodes)
        #expect(failure.message.contains("deeper"))
    }
}
