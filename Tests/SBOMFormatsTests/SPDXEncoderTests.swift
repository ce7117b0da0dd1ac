import SecurityModel
import TestSupport
import Testing

@testable import SBOMFormats

struct SPDXEncoderTests {
    func document(_ inventory: Inventory = SampleInventory.full) throws -> JSONValue {
        try JSONParser.parse(SPDXEncoder.encode(inventory))
    }

    func package(named name: String, in doc: JSONValue) throws -> JSONValue {
        try #require(doc["packages"]?.arrayValue?.first { $0["name"]?.stringValue == name }, "\(name)")
    }

    static func isIDString(_ id: String) -> Bool {
        id.hasPrefix("SPDXRef-") && id.utf8.count > 8
            && id.utf8.dropFirst(8).allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D
                    || b == 0x2E
            }
    }

    @Test func documentHeader() throws {
        let doc = try document()
        #expect(
            doc.keys == [
                "spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace", "creationInfo", "packages",
                "hasExtractedLicensingInfos", "relationships", "annotations",
            ]
        )
        #expect(doc["spdxVersion"]?.stringValue == "SPDX-2.3")
        #expect(doc["dataLicense"]?.stringValue == "CC0-1.0")
        #expect(doc["SPDXID"]?.stringValue == "SPDXRef-DOCUMENT")
        #expect(doc["name"]?.stringValue == "docker.io/library/alpine:3.19")
        #expect(
            doc["documentNamespace"]?.stringValue
                == "https://spdx.org/spdxdocs/bulkhead-docker.io-library-alpine-3.19-"
                + SampleInventory.full.documentUUID
        )
        #expect(doc["creationInfo"]?["creators"] == .array([.string("Tool: bulkhead-0.3.0")]))
        #expect(doc["creationInfo"]?["created"]?.stringValue == SampleInventory.created)
        #expect(
            doc["annotations"]?[0]?["comment"]?.stringValue
                == "bulkhead:diagnostic=os/rpm: /var/lib/rpm/Packages: rpm database format not supported"
        )
    }

    @Test func rootIsTheContainerImageDescribedByTheDocument() throws {
        let doc = try document()
        let root = try #require(doc["packages"]?[0])
        #expect(root["primaryPackagePurpose"]?.stringValue == "CONTAINER")
        #expect(root["name"]?.stringValue == "docker.io/library/alpine")
        #expect(root["versionInfo"]?.stringValue == "3.19")
        #expect(
            root["externalRefs"]?[0]?["referenceLocator"]?.stringValue?.hasPrefix("pkg:oci/alpine@sha256%3A") == true
        )
        let rootID = try #require(root["SPDXID"]?.stringValue)
        let relationships = try #require(doc["relationships"]?.arrayValue)
        #expect(
            relationships[0]
                == .object([
                    ("spdxElementId", .string("SPDXRef-DOCUMENT")), ("relationshipType", .string("DESCRIBES")),
                    ("relatedSpdxElement", .string(rootID)),
                ])
        )
        let contained = relationships.dropFirst().compactMap { r -> String? in
            r["spdxElementId"]?.stringValue == rootID && r["relationshipType"]?.stringValue == "CONTAINS"
                ? r["relatedSpdxElement"]?.stringValue : nil
        }
        let others = doc["packages"]?.arrayValue?.dropFirst().compactMap { $0["SPDXID"]?.stringValue }
        #expect(contained == others)
        let os = try package(named: "alpine", in: doc)
        #expect(os["primaryPackagePurpose"]?.stringValue == "OPERATING_SYSTEM")
    }

    @Test func everyIdIsAValidUniqueIdStringAndEveryReferenceResolves() throws {
        for inventory in [SampleInventory.full, SampleInventory.directory, SampleInventory.empty] {
            let doc = try document(inventory)
            let ids = doc["packages"]?.arrayValue?.compactMap { $0["SPDXID"]?.stringValue } ?? []
            #expect(ids.allSatisfy(Self.isIDString), "\(ids)")
            #expect(Set(ids).count == ids.count)
            let known = Set(ids + ["SPDXRef-DOCUMENT"])
            for r in doc["relationships"]?.arrayValue ?? [] {
                #expect(known.contains(r["spdxElementId"]?.stringValue ?? ""))
                #expect(known.contains(r["relatedSpdxElement"]?.stringValue ?? ""))
            }
        }
    }

    @Test func packageFields() throws {
        let doc = try document()
        let musl = try package(named: "musl", in: doc)
        #expect(musl["SPDXID"]?.stringValue == "SPDXRef-Package-" + PackageIdentity.id(of: SampleInventory.musl))
        #expect(musl["versionInfo"]?.stringValue == SampleInventory.musl.version)
        #expect(musl["downloadLocation"]?.stringValue == "NOASSERTION")
        #expect(musl["filesAnalyzed"]?.boolValue == false)
        #expect(musl["licenseConcluded"]?.stringValue == "NOASSERTION")
        #expect(musl["licenseDeclared"]?.stringValue == "MIT")
        #expect(musl["supplier"]?.stringValue == "NOASSERTION")
        #expect(musl["sourceInfo"]?.stringValue == "acquired package info from os/apk: /lib/apk/db/installed")
        #expect(
            musl["externalRefs"]
                == .array([
                    .object([
                        ("referenceCategory", .string("PACKAGE-MANAGER")), ("referenceType", .string("purl")),
                        ("referenceLocator", .string(SampleInventory.musl.purl)),
                    ])
                ])
        )
        #expect(
            musl["annotations"]?[0]?["comment"]?.stringValue
                == """
                bulkhead:type=apk
                bulkhead:foundBy=os/apk
                bulkhead:layer=0
                bulkhead:layerID=sha256:\(String(repeating: "11", count: 32))
                bulkhead:location=/lib/apk/db/installed
                bulkhead:sourceName=musl
                bulkhead:architecture=x86_64
                """
        )
        let stdlib = try package(named: "stdlib", in: doc)
        #expect(stdlib["versionInfo"] == nil)
        #expect(stdlib["externalRefs"] == nil)
        #expect(stdlib["licenseDeclared"]?.stringValue == "NOASSERTION")
    }

    @Test func nonSPDXLicensesBecomeDefinedLicenseRefs() throws {
        let doc = try document()
        let libc = try package(named: "libc6", in: doc)
        #expect(libc["licenseDeclared"]?.stringValue == "LicenseRef-GPLv2--and-LGPLv2.1- AND LicenseRef-custom-license")
        let scoped = try package(named: "@types/node", in: doc)
        #expect(scoped["licenseDeclared"]?.stringValue == "MIT OR Apache-2.0")
        let unicode = try package(named: SampleInventory.unicode.name, in: doc)
        #expect(unicode["licenseDeclared"]?.stringValue == "Ruby AND GPL-2.0-or-later AND LicenseRef-Local")
        let infos = doc["hasExtractedLicensingInfos"]?.arrayValue ?? []
        let defined = Dictionary(
            uniqueKeysWithValues: infos.compactMap { info in
                info["licenseId"]?.stringValue.map { ($0, info["extractedText"]?.stringValue ?? "") }
            }
        )
        #expect(defined["LicenseRef-GPLv2--and-LGPLv2.1-"] == "GPLv2+ and LGPLv2.1+")
        #expect(defined["LicenseRef-custom-license"] == "custom license")
        #expect(defined["LicenseRef-Local"] == "LicenseRef-Local")
        // Every LicenseRef used anywhere is defined.
        for p in doc["packages"]?.arrayValue ?? [] {
            let declared = p["licenseDeclared"]?.stringValue ?? ""
            for word in declared.split(separator: " ") where word.hasPrefix("LicenseRef-") {
                #expect(defined[String(word)] != nil, "\(word)")
            }
        }
    }

    @Test func licenseRefsForDifferentTextsNeverCollide() {
        var refs = SPDXLicenseRefs()
        let a = refs.reference(for: "GPL v2")
        let b = refs.reference(for: "GPL/v2")
        let c = refs.reference(for: "GPL v2")
        #expect(a == "LicenseRef-GPL-v2")
        #expect(a != b)
        #expect(a == c)
        #expect(refs.extracted.count == 2)
    }

    @Test func equalInputsGiveIdenticalDocuments() {
        var rng = SplitMix64(seed: 23)
        let reference = SPDXEncoder.encode(SampleInventory.full)
        for _ in 0..<10 {
            var inventory = SampleInventory.full
            inventory.packages.shuffle(using: &rng)
            #expect(SPDXEncoder.encode(inventory) == reference)
        }
        #expect(SPDXEncoder.encode(SampleInventory.directory) != SPDXEncoder.encode(SampleInventory.empty))
    }
}
