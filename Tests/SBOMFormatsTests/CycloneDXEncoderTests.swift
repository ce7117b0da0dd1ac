import SecurityModel
import TestSupport
import Testing

@testable import SBOMFormats

struct CycloneDXEncoderTests {
    func bom(_ inventory: Inventory = SampleInventory.full) throws -> JSONValue {
        try JSONParser.parse(CycloneDXEncoder.encode(inventory))
    }

    func component(named name: String, in bom: JSONValue) throws -> JSONValue {
        try #require(bom["components"]?.arrayValue?.first { $0["name"]?.stringValue == name }, "\(name)")
    }

    func properties(_ component: JSONValue) -> [(String, String)] {
        (component["properties"]?.arrayValue ?? []).map {
            ($0["name"]?.stringValue ?? "", $0["value"]?.stringValue ?? "")
        }
    }

    @Test func topLevelHasTheCycloneDXShapeInOrder() throws {
        let bom = try bom()
        #expect(
            bom.keys == [
                "$schema", "bomFormat", "specVersion", "serialNumber", "version", "metadata", "components",
                "dependencies",
            ]
        )
        #expect(bom["bomFormat"]?.stringValue == "CycloneDX")
        #expect(bom["specVersion"]?.stringValue == "1.6")
        #expect(bom["version"]?.intValue == 1)
        let serial = try #require(bom["serialNumber"]?.stringValue)
        #expect(serial == "urn:uuid:" + SampleInventory.full.documentUUID)
        #expect(serial.count == 45)
    }

    @Test func metadataNamesTimeToolAndTheImageAsRoot() throws {
        let metadata = try #require(try bom()["metadata"])
        #expect(metadata["timestamp"]?.stringValue == SampleInventory.created)
        let tool = try #require(metadata["tools"]?["components"]?[0])
        #expect(tool["name"]?.stringValue == "bulkhead")
        #expect(tool["version"]?.stringValue == "0.3.0")
        let root = try #require(metadata["component"])
        #expect(root["type"]?.stringValue == "container")
        #expect(root["name"]?.stringValue == "docker.io/library/alpine")
        #expect(root["version"]?.stringValue == "3.19")
        let digest = "sha256%3A" + String(repeating: "ab", count: 32)
        #expect(
            root["purl"]?.stringValue
                == "pkg:oci/alpine@\(digest)?arch=amd64&repository_url=docker.io%2Flibrary%2Falpine&tag=3.19"
        )
        #expect(root["bom-ref"] == root["purl"])
        let props = properties(root)
        #expect(props.contains { $0 == ("bulkhead:image:id", "sha256:" + String(repeating: "cd", count: 32)) })
        #expect(
            props.contains { $0 == ("bulkhead:image:layer:1:diffID", "sha256:" + String(repeating: "22", count: 32)) }
        )
        #expect(props.contains { $0 == ("bulkhead:image:architecture", "amd64") })
        #expect(props.contains { $0 == ("bulkhead:image:os", "linux") })
        #expect(
            metadata["properties"]?[0]?["value"]?.stringValue
                == "os/rpm: /var/lib/rpm/Packages: rpm database format not supported"
        )
    }

    @Test func packagesAreLibraryComponentsWithStableRefsAndProperties() throws {
        let bom = try bom()
        let musl = try component(named: "musl", in: bom)
        #expect(musl.keys == ["bom-ref", "type", "name", "version", "licenses", "purl", "properties"])
        #expect(musl["type"]?.stringValue == "library")
        #expect(musl["bom-ref"]?.stringValue == PackageIdentity.id(of: SampleInventory.musl))
        #expect(musl["purl"]?.stringValue == SampleInventory.musl.purl)
        #expect(musl["licenses"] == .array([.object([("license", .object([("id", .string("MIT"))]))])]))
        let props = properties(musl)
        #expect(
            props.map(\.0) == [
                "bulkhead:type", "bulkhead:foundBy", "bulkhead:layer", "bulkhead:layerID", "bulkhead:location",
                "bulkhead:sourceName", "bulkhead:architecture",
            ]
        )
        #expect(props.contains { $0 == ("bulkhead:layerID", "sha256:" + String(repeating: "11", count: 32)) })
        #expect(props.contains { $0 == ("bulkhead:foundBy", "os/apk") })
    }

    @Test func licensesMapToIdExpressionOrName() throws {
        let bom = try bom()
        #expect(
            try component(named: "@types/node", in: bom)["licenses"]
                == .array([.object([("expression", .string("MIT OR Apache-2.0"))])])
        )
        #expect(
            try component(named: "libc6", in: bom)["licenses"]
                == .array([
                    .object([("license", .object([("name", .string("GPLv2+ and LGPLv2.1+"))]))]),
                    .object([("license", .object([("name", .string("custom license"))]))]),
                ])
        )
        // Case is canonicalised for listed ids; a LicenseRef alone is not an id.
        #expect(
            try component(named: SampleInventory.unicode.name, in: bom)["licenses"]
                == .array([
                    .object([("license", .object([("id", .string("Ruby"))]))]),
                    .object([("license", .object([("id", .string("GPL-2.0-or-later"))]))]),
                    .object([("license", .object([("name", .string("LicenseRef-Local"))]))]),
                ])
        )
        let unversioned = try component(named: "stdlib", in: bom)
        #expect(unversioned["version"] == nil)
        #expect(unversioned["purl"] == nil)
        #expect(unversioned["licenses"] == nil)
    }

    @Test func operatingSystemAndDependencyGraph() throws {
        let bom = try bom()
        let os = try #require(bom["components"]?[0])
        #expect(os["type"]?.stringValue == "operating-system")
        #expect(os["name"]?.stringValue == "alpine")
        #expect(os["version"]?.stringValue == "3.19.1")
        #expect(os["description"]?.stringValue == "Alpine Linux v3.19")
        let deps = try #require(bom["dependencies"]?.arrayValue)
        #expect(deps.count == 1)
        #expect(deps[0]["ref"] == bom["metadata"]?["component"]?["bom-ref"])
        let refs = bom["components"]?.arrayValue?.compactMap { $0["bom-ref"]?.stringValue } ?? []
        #expect(deps[0]["dependsOn"]?.arrayValue?.compactMap(\.stringValue) == refs)
        #expect(refs.count == SampleInventory.packages.count + 1)
        #expect(Set(refs).count == refs.count)
    }

    @Test func componentsAreSortedByTypeThenName() throws {
        let names = try bom()["components"]?.arrayValue?.dropFirst().compactMap { $0["name"]?.stringValue }
        #expect(
            names == ["libssl3", "musl", "libc6", SampleInventory.unicode.name, "stdlib", "@types/node", "requests"]
        )
    }

    @Test func directoryAndEmptySubjects() throws {
        let dir = try bom(SampleInventory.directory)
        #expect(dir["metadata"]?["component"]?["type"]?.stringValue == "file")
        #expect(dir["metadata"]?["component"]?["name"]?.stringValue == "/srv/rootfs")
        let empty = try bom(SampleInventory.empty)
        #expect(empty["components"] == .array([]))
        #expect(empty["metadata"]?["component"]?["purl"] == nil, "no digest, no purl")
        #expect(empty["metadata"]?["component"]?["name"]?.stringValue == "scratch-image")
        #expect(empty["dependencies"]?[0]?["dependsOn"] == .array([]))
    }

    @Test func equalInputsGiveIdenticalDocumentsWhateverThePackageOrder() {
        var rng = SplitMix64(seed: 17)
        let reference = CycloneDXEncoder.encode(SampleInventory.full)
        for _ in 0..<10 {
            var inventory = SampleInventory.full
            inventory.packages.shuffle(using: &rng)
            #expect(CycloneDXEncoder.encode(inventory) == reference)
        }
    }

    @Test func serialChangesWithContentButNotWithTime() {
        var later = SampleInventory.full
        later.created = "2030-01-01T00:00:00Z"
        #expect(later.documentUUID == SampleInventory.full.documentUUID)
        var changed = SampleInventory.full
        changed.packages[0].version = "9.9"
        #expect(changed.documentUUID != SampleInventory.full.documentUUID)
    }
}
