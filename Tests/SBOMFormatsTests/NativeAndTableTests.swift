import SecurityModel
import Testing

@testable import SBOMFormats

struct NativeSBOMEncoderTests {
    @Test func documentCarriesEveryPackageField() throws {
        let doc = try JSONParser.parse(NativeSBOMEncoder.encode(SampleInventory.full))
        #expect(
            doc.keys == ["schemaVersion", "documentID", "created", "tool", "source", "os", "packages", "diagnostics"]
        )
        #expect(doc["schemaVersion"]?.intValue == 1)
        #expect(doc["documentID"]?.stringValue == "urn:uuid:" + SampleInventory.full.documentUUID)
        let musl = try #require(doc["packages"]?.arrayValue?.first { $0["name"]?.stringValue == "musl" })
        #expect(
            musl.keys == [
                "id", "name", "version", "type", "purl", "sourceName", "sourceVersion", "licenses", "architecture",
                "layerIndex", "layerID", "locations", "files", "foundBy",
            ]
        )
        #expect(musl["files"] == .array(SampleInventory.musl.files.map(JSONValue.string)))
        #expect(musl["layerID"]?.stringValue == "sha256:" + String(repeating: "11", count: 32))
        #expect(musl["sourceVersion"] == .null)
        #expect(doc["source"]?["type"]?.stringValue == "image")
        #expect(doc["source"]?["layers"]?.arrayValue?.count == 2)
        #expect(doc["os"]?["id"]?.stringValue == "alpine")
        #expect(
            doc["diagnostics"]
                == .array([
                    .object([
                        ("cataloger", .string("os/rpm")), ("path", .string("/var/lib/rpm/Packages")),
                        ("message", .string("rpm database format not supported")),
                    ])
                ])
        )
    }

    @Test func directorySubjectAndMissingOS() throws {
        let doc = try JSONParser.parse(NativeSBOMEncoder.encode(SampleInventory.directory))
        #expect(doc["source"] == .object([("type", .string("directory")), ("path", .string("/srv/rootfs"))]))
        #expect(doc["os"] == .null)
    }

    @Test func contentDigestIgnoresOnlyTheCreationTime() {
        let base = SampleInventory.full
        var later = base
        later.created = "2031-01-01T00:00:00Z"
        #expect(later.contentDigest == base.contentDigest)
        var otherTool = base
        otherTool.tool.version = "0.4.0"
        #expect(otherTool.contentDigest != base.contentDigest)
        var otherFiles = base
        otherFiles.packages[0].files.append("/x")
        #expect(otherFiles.contentDigest != base.contentDigest)
        #expect(base.contentDigest.count == 64)
    }

    @Test func formatEnumDispatchesToEachEncoder() {
        let inventory = SampleInventory.full
        #expect(SBOMFormat(rawValue: "cyclonedx-json")?.render(inventory) == CycloneDXEncoder.encode(inventory))
        #expect(SBOMFormat(rawValue: "spdx-json")?.render(inventory) == SPDXEncoder.encode(inventory))
        #expect(SBOMFormat(rawValue: "json")?.render(inventory) == NativeSBOMEncoder.encode(inventory))
        #expect(SBOMFormat(rawValue: "table")?.render(inventory) == SBOMTable.render(inventory))
        #expect(SBOMFormat.allCases.map(\.description) == ["cyclonedx-json", "spdx-json", "json", "table"])
    }
}

struct SBOMTableTests {
    @Test func rendersAlignedColumnsSortedByTypeThenName() {
        let text = SBOMTable.render(SampleInventory.full)
        #expect(
            text == """
                NAME                        VERSION               TYPE    SOURCE                  LAYER
                libssl3                     3.1.4-r5              apk     openssl                 0
                musl                        1.2.4_git20230717-r4  apk     musl                    0
                libc6                       2.36-9+deb12u4        deb     glibc (2.36-9+deb12u3)  0
                пакет-名前 "quoted" \\ back  1.0 ✓                 gem     -                       1
                stdlib                      -                     golang  -                       -
                @types/node                 20.1.0                npm     -                       1
                requests                    2.31.0                python  -                       1

                """
        )
    }

    @Test func emptyInventorySaysSo() {
        #expect(SBOMTable.render(SampleInventory.empty) == "No packages found.\n")
    }

    @Test func controlCharactersCannotReachTheTerminal() {
        let hostile = Package(
            name: "evil\u{1B}[2J\nname",
            version: "1\u{9B}31m",
            type: .npm,
            purl: "",
            foundBy: "x"
        )
        let text = SBOMTable.render([hostile])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.contains("evil?[2J?name"))
    }

    @Test func wideCharactersCountTwoColumns() {
        #expect(SBOMTable.displayWidth("名前") == 4)
        #expect(SBOMTable.displayWidth("e\u{301}") == 1)
        #expect(SBOMTable.displayWidth("😀") == 2)
        let rows = SBOMTable.render([
            Package(name: "名前", version: "1", type: .npm, purl: "", foundBy: "x"),
            Package(name: "abcd", version: "2", type: .npm, purl: "", foundBy: "x"),
        ]).split(separator: "\n")
        // The VERSION column starts at the same terminal column on every row.
        let starts = rows.dropFirst().map { row -> Int in
            let prefix = row.prefix { $0 != "1" && $0 != "2" }
            return SBOMTable.displayWidth(String(prefix))
        }
        #expect(Set(starts).count == 1)
    }
}
