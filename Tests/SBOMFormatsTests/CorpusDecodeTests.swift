import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import SBOMFormats

/// Real SBOMs written by other tools (syft, claircore, Konflux, osv-scalibr fixtures) and the official
/// CycloneDX test vectors decode; the files that are not JSON SBOMs fail with a clear error.
struct CorpusDecodeTests {
    /// The bytes of corpus file `relative` (gunzipped when it ends in `.gz`); nil (after recording why) when
    /// the corpus is missing.
    static func bytes(_ relative: String) async throws -> [UInt8]? {
        guard let path = Corpus.path(relative) else {
            #expect(!Corpus.integrationRequired, "corpus file \(relative) missing")
            print("skipped: corpus file \(relative) not found")
            return nil
        }
        if relative.hasSuffix(".gz") {
            let result = try await runProcess(["gzip", "-dc", path])
            #expect(result.status == 0, "gzip -dc \(relative): \(result.stderr)")
            return Array(result.stdout.utf8)
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func decode(_ relative: String) async throws -> DecodedSBOM? {
        guard let bytes = try await bytes(relative) else { return nil }
        return try SBOMDecoder.decode(bytes, subject: relative)
    }

    @Test func syftSPDX22OfAlpine() async throws {
        guard let sbom = try await Self.decode("sboms/syft/alpine-3.10.syft.spdx.json") else { return }
        #expect(sbom.format == .spdx(version: "SPDX-2.2"))
        #expect(sbom.packages.map(\.name) == ["busybox", "libssl1.1", "ssl_client"])
        #expect(sbom.packages.allSatisfy { $0.type == .apk && $0.architecture == "x86_64" })
        #expect(sbom.packages.allSatisfy { $0.locations == ["/lib/apk/db/installed"] && $0.foundBy == "sbom/spdx" })
        #expect(sbom.packages[0].version == "1.30.1-r5")
        #expect(sbom.packages[0].licenses == ["GPL-2.0"])
        #expect(sbom.packages[2].sourceName == "busybox")
    }

    @Test func spdxWithoutPurlsStillGivesPackages() async throws {
        guard let sbom = try await Self.decode("sboms/syft/alpine-3.10.vendor.spdx.json") else { return }
        #expect(sbom.packages.map(\.name) == ["busybox", "ssl_client"])
        #expect(sbom.packages.allSatisfy { $0.type == .binary && $0.purl.isEmpty && !$0.version.isEmpty })
    }

    @Test func syftJSONOfAlpine() async throws {
        guard let sbom = try await Self.decode("sboms/syft/alpine.sbom.syft.json") else { return }
        #expect(sbom.format == .syft(schemaVersion: "6.0.0"))
        #expect(sbom.operatingSystem?.id == "alpine")
        #expect(sbom.operatingSystem?.versionID == "3.16.3")
        #expect(sbom.packages.count == 14)
        #expect(sbom.packages.allSatisfy { $0.type == .apk && $0.locations == ["/lib/apk/db/installed"] })
        let baselayout = try #require(sbom.packages.first)
        #expect(baselayout.name == "alpine-baselayout")
        #expect(baselayout.version == "3.2.0-r23")
        #expect(baselayout.sourceName == "alpine-baselayout")
        #expect(baselayout.licenses == ["GPL-2.0-only"])
    }

    @Test func claircoreDocumentsWithSourcePackagesAndDistributions() async throws {
        if let sbom = try await Self.decode("sboms/claircore-spdx/distroless-static-debian12.spdx.json") {
            #expect(sbom.operatingSystem?.id == "debian")
            #expect(sbom.operatingSystem?.versionID == "12")
            #expect(sbom.packages.map(\.name) == ["tzdata", "base-files", "netbase"])
            #expect(sbom.packages.allSatisfy { $0.type == .deb }, "type from status.d location")
        }
        if let sbom = try await Self.decode("sboms/claircore-spdx/simple.spdx.json") {
            #expect(sbom.operatingSystem?.id == "rhel")
            #expect(sbom.packages.map(\.name) == ["package A", "package B"], "repositories and SOURCE skipped")
            #expect(sbom.packages.map(\.type) == [.rpm, .javaArchive])
            #expect(sbom.packages[0].sourceName == "package B source", "GENERATED_FROM a SOURCE package")
        }
        if let sbom = try await Self.decode("sboms/claircore-spdx/ubi8-micro.spdx.json") {
            let rpms = sbom.packages.filter { $0.type == .rpm }
            #expect(rpms.count == 19, "type from the bdb:var/lib/rpm file name")
            #expect(rpms.allSatisfy { $0.sourceName != nil }, "GENERATED_FROM")
            #expect(sbom.packages.count == 20, "plus the ubi8/ubi-micro buildinfo package")
        }
    }

    /// Large real documents: every package with a purl of a known ecosystem comes back with the name,
    /// version and purl the document gives it (checked against an independent walk of the JSON).
    @Test(arguments: [
        ("sboms/real-world/go-hummingbird.spdx.json.gz", 595),
        ("sboms/real-world/konflux-syft+hermeto.spdx.json.gz", 1529),
        ("sboms/real-world/ubi_latest_spdx.json.gz", 1525),
    ])
    func realWorldSPDX(_ row: (String, Int)) async throws {
        guard let bytes = try await Self.bytes(row.0) else { return }
        let json = try JSONParser.parse(bytes: bytes)
        let sbom = try SBOMDecoder.decode(json, subject: row.0)
        #expect(sbom.packages.count == row.1)
        var expected = 0
        let byPurl = Dictionary(sbom.packages.map { ($0.purl, $0) }, uniquingKeysWith: { first, _ in first })
        for package in json["packages"]?.arrayValue ?? [] {
            let refs = package["externalRefs"]?.arrayValue ?? []
            guard
                let purl = refs.first(where: { $0["referenceType"]?.stringValue == "purl" })?["referenceLocator"]?
                    .stringValue,
                let parsed = ParsedPackageURL(purl), ["rpm", "pypi", "golang"].contains(parsed.type)
            else { continue }
            expected += 1
            let decoded = byPurl[purl]
            #expect(decoded?.name == package["name"]?.stringValue, "\(purl)")
            #expect(decoded?.version == (package["versionInfo"]?.stringValue ?? ""), "\(purl)")
            #expect(decoded?.type == parsed.packageType, "\(purl)")
        }
        #expect(expected > 500)
        var upstreams = 0
        for package in sbom.packages {
            guard let parsed = ParsedPackageURL(package.purl) else { continue }
            #expect(package.architecture == parsed.qualifiers["arch"], "\(package.purl)")
            if let upstream = parsed.upstream {
                upstreams += 1
                #expect(package.sourceName == upstream.name, "\(package.purl)")
            }
        }
        #expect(upstreams > 100, "source packages from upstream= qualifiers")
    }

    @Test func osvScalibrCycloneDXFixtures() async throws {
        if let sbom = try await Self.decode("pkgdb/osv-scalibr/sbom-cdx/sbom-with-nested-comps.cdx.json") {
            #expect(sbom.packages.map(\.name) == ["openssl", "Nginx", "rustls"], "nested components flattened")
            #expect(sbom.packages.map(\.type) == [.binary, .binary, .cargo])
        }
        if let sbom = try await Self.decode("pkgdb/osv-scalibr/sbom-cdx/sbom-with-locations.cdx.json") {
            #expect(sbom.packages.count == 1)
            #expect(sbom.packages.first?.name == "@gar/promisify")
            #expect(sbom.packages.first?.type == .npm)
            #expect(sbom.packages.first?.locations.count == 2, "evidence.occurrences")
        }
        if let sbom = try await Self.decode("pkgdb/osv-scalibr/sbom-cdx/minimal.cdx.json") {
            #expect(sbom.packages.isEmpty)
        }
    }

    @Test(arguments: [
        ("pkgdb/osv-scalibr/sbom-cdx/invalid_sbom.cdxjson", "invalidJSON"),
        ("pkgdb/osv-scalibr/sbom-cdx/random_file.ext", "invalidJSON"),
        ("pkgdb/osv-scalibr/sbom-cdx/sbom.cdx.xml", "unsupportedFormat"),
        ("pkgdb/osv-scalibr/sbom-spdx/sbom.spdx", "unsupportedFormat"),
        ("pkgdb/osv-scalibr/sbom-spdx/sbom.spdx.rdf", "unsupportedFormat"),
        ("pkgdb/osv-scalibr/sbom-spdx/sbom.spdx.yml", "unsupportedFormat"),
        ("schemas/spdx-2.3/SPDXTagExample-v2.3.spdx", "unsupportedFormat"),
        ("schemas/spdx-2.3/SPDXYAMLExample-2.3.spdx.yaml", "unsupportedFormat"),
        ("schemas/cyclonedx/test-vectors/1.6/invalid-bomformat-1.6.json", "unsupportedFormat"),
        ("schemas/cyclonedx/test-vectors/1.5/invalid-bomformat-1.5.json", "unsupportedFormat"),
    ])
    func nonJSONAndForeignFilesFailClearly(_ row: (String, String)) async throws {
        guard let bytes = try await Self.bytes(row.0) else { return }
        do {
            let sbom = try SBOMDecoder.decode(bytes, subject: row.0)
            Issue.record("\(row.0) decoded as \(sbom.format)")
        } catch {
            #expect(error.code.description == row.1, "\(error)")
            #expect(error.description.hasPrefix(row.0 + ": "), "the error names the file")
        }
    }

    @Test func officialSPDXExampleDecodes() async throws {
        guard let sbom = try await Self.decode("schemas/spdx-2.3/SPDXJSONExample-v2.3.spdx.json") else { return }
        #expect(sbom.format == .spdx(version: "SPDX-2.3"))
        #expect(sbom.packages.map(\.name) == ["Apache Commons Lang", "Jena", "Saxon"], "glibc is a SOURCE package")
        #expect(
            sbom.packages.contains {
                $0.purl == "pkg:maven/org.apache.jena/apache-jena@3.12.0" && $0.type == .javaArchive
            }
        )
    }

    /// Every official CycloneDX 1.5/1.6 vector: valid ones decode; invalid ones either decode (the decoder is
    /// lenient about what it does not read) or fail with an ``SBOMDecodingError``; none crashes.
    @Test(arguments: ["1.5", "1.6"])
    func cycloneDXTestVectors(_ version: String) async throws {
        guard let directory = Corpus.path("schemas/cyclonedx/test-vectors/\(version)") else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            print("skipped: CycloneDX test vectors not found")
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names.count > 50)
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            if name.hasPrefix("valid-") {
                do {
                    let sbom = try SBOMDecoder.decode(bytes, subject: name)
                    #expect(sbom.format == .cycloneDX(specVersion: version), "\(name)")
                } catch {
                    Issue.record("\(name): \(error)")
                }
            } else {
                _ = try? SBOMDecoder.decode(bytes, subject: name)
            }
        }
        let base = directory + "/"
        let expression = try SBOMDecoder.decode(
            Array(try Data(contentsOf: URL(fileURLWithPath: base + "valid-license-expression-\(version).json")))
        )
        #expect(expression.packages.first?.licenses == ["EPL-2.0 OR GPL-2.0 WITH Classpath-exception-2.0"])
        let id = try SBOMDecoder.decode(
            Array(try Data(contentsOf: URL(fileURLWithPath: base + "valid-license-id-\(version).json")))
        )
        #expect(id.packages.first?.licenses == ["Apache-2.0"])
        let types = try SBOMDecoder.decode(
            Array(try Data(contentsOf: URL(fileURLWithPath: base + "valid-component-types-\(version).json")))
        )
        #expect(types.packages.map(\.name) == ["application-a", "library-a", "framework-a", "firmware-a"])
        #expect(types.operatingSystem?.id == "operating-system-a")
        let bom = try SBOMDecoder.decode(
            Array(try Data(contentsOf: URL(fileURLWithPath: base + "valid-bom-\(version).json")))
        )
        let catalina = try #require(bom.packages.first { $0.name == "tomcat-catalina" })
        #expect(catalina.type == (version == "1.6" ? .javaArchive : .npm), "the type follows the purl")
        #expect(catalina.version == "9.0.14")
    }
}
