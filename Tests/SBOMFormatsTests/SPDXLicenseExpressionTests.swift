import Foundation
import SecurityModel
import TestSupport
import Testing

@testable import SBOMFormats

struct SPDXLicenseExpressionTests {
    @Test(arguments: [
        ("MIT", "MIT"),
        ("mit", "MIT"),
        ("apache-2.0", "Apache-2.0"),
        ("GPL-2.0+", "GPL-2.0+"),
        ("Apache-2.0+", "Apache-2.0+"),
        ("MIT OR Apache-2.0", "MIT OR Apache-2.0"),
        ("(MIT OR Apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause"),
        ("MIT AND (BSD-2-Clause OR Zlib)", "MIT AND (BSD-2-Clause OR Zlib)"),
        ("MIT AND BSD-2-Clause OR Zlib", "MIT AND BSD-2-Clause OR Zlib"),
        ("((MIT))", "MIT"),
        ("GPL-2.0-only WITH classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
        ("LicenseRef-Custom-1.0", "LicenseRef-Custom-1.0"),
        ("DocumentRef-other:LicenseRef-X", "DocumentRef-other:LicenseRef-X"),
        ("MIT OR LicenseRef-Foo AND Zlib", "MIT OR LicenseRef-Foo AND Zlib"),
    ])
    func parsesAndRendersCanonically(_ row: (String, String)) throws {
        let expression = try #require(SPDXLicenseExpression(parsing: row.0), "\(row.0)")
        #expect(expression.description == row.1)
        #expect(SPDXLicenseExpression(parsing: expression.description) == expression, "canonical text re-parses")
    }

    @Test(arguments: [
        "", "   ", "Public Domain", "GPLv2+", "MIT or Apache-2.0", "MIT OR", "AND MIT", "(MIT", "MIT)", "MIT WITH",
        "MIT WITH MIT", "NotALicense-1.0", "LicenseRef-", "LicenseRef-a b", "MIT+ +", "GPL-2.0++", "MIT/BSD",
        "DocumentRef-x:MIT", "MIT, BSD-3-Clause", "Apache-2.0 WITH LicenseRef-x",
    ])
    func rejectsWhatIsNotAnExpressionOverListedIDs(_ text: String) {
        #expect(SPDXLicenseExpression(parsing: text) == nil, "\(text.debugDescription)")
    }

    @Test func precedenceIsWithThenAndThenOr() throws {
        let e = try #require(SPDXLicenseExpression(parsing: "MIT OR Zlib AND BSD-2-Clause"))
        #expect(
            e
                == .or(
                    .license("MIT", orLater: false),
                    .and(.license("Zlib", orLater: false), .license("BSD-2-Clause", orLater: false))
                )
        )
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "(", count: 40) + "MIT" + String(repeating: ")", count: 40)
        #expect(SPDXLicenseExpression(parsing: deep) == nil)
        let ok = String(repeating: "(", count: 20) + "MIT" + String(repeating: ")", count: 20)
        #expect(SPDXLicenseExpression(parsing: ok) != nil)
    }

    @Test func randomTextNeverCrashesAndValidResultsAreStable() {
        var rng = SplitMix64(seed: 99)
        let pieces = [
            "MIT", "mit", " ", "AND", "OR", "WITH", "(", ")", "+", "LicenseRef-a", ":", "Zlib", "x", "é", "\t",
        ]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0..<12, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }
                .joined(separator: Bool.random(using: &rng) ? " " : "")
            if let e = SPDXLicenseExpression(parsing: text) {
                #expect(SPDXLicenseExpression(parsing: e.description) == e, "\(text)")
            }
        }
    }

    @Test func embeddedListEqualsTheCorpusCopy() throws {
        guard let path = Corpus.path("schemas/cyclonedx/spdx.schema.json") else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            print("skipped: corpus schemas/cyclonedx/spdx.schema.json not found")
            return
        }
        let json = try JSONParser.parse(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let listed = json["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(listed == SPDXLicenseList.licenseIDs + SPDXLicenseList.exceptionIDs)
    }
}

struct ParsedPackageURLTests {
    @Test func parsesComponentsAndDecodes() throws {
        let p = try #require(ParsedPackageURL("pkg:npm/%40angular/core@16.0.0?foo=bar%20baz#src/lib"))
        #expect(p.type == "npm")
        #expect(p.namespace == "@angular")
        #expect(p.name == "core")
        #expect(p.version == "16.0.0")
        #expect(p.qualifiers == ["foo": "bar baz"])
        #expect(p.subpath == "src/lib")
        #expect(p.packageType == .npm)

        let scoped = try #require(ParsedPackageURL("pkg:npm/%40gar%2Fpromisify@1.1.3"))
        #expect(scoped.name == "@gar/promisify")
        #expect(scoped.namespace == nil)

        let unencodedScope = try #require(ParsedPackageURL("pkg:npm/@scope/name"))
        #expect(unencodedScope.namespace == "@scope")
        #expect(unencodedScope.name == "name")
        #expect(unencodedScope.version == nil)

        let maven = try #require(ParsedPackageURL("PKG:Maven/org.apache.logging.log4j/log4j-core@2.17.1"))
        #expect(maven.type == "maven")
        #expect(maven.packageType == .javaArchive)
        #expect(maven.namespace == "org.apache.logging.log4j")
    }

    @Test func mapsEveryBulkheadTypeBack() {
        for type in PackageType.allCases {
            let purlType = type == .python ? "pypi" : type.rawValue
            #expect(ParsedPackageURL.packageType(purlType: purlType) == type)
        }
        #expect(ParsedPackageURL.packageType(purlType: "conan") == nil)
    }

    @Test(arguments: ["", "pkg:", "pkg:npm", "pkg:npm/", "npm/left-pad@1", "pkg:/name"])
    func rejectsNonPurls(_ text: String) {
        #expect(ParsedPackageURL(text) == nil, "\(text)")
    }

    @Test func upstreamQualifierGivesTheSourcePackage() throws {
        let rpm = try #require(
            ParsedPackageURL("pkg:rpm/fedora/alternatives@1.33-2.fc43?upstream=chkconfig-1.33-2.fc43.src.rpm")
        )
        #expect(rpm.upstream?.name == "chkconfig")
        #expect(rpm.upstream?.version == "1.33-2.fc43")
        let deb = try #require(ParsedPackageURL("pkg:deb/debian/libc6@2.36?upstream=glibc%402.36-9"))
        #expect(deb.upstream?.name == "glibc")
        #expect(deb.upstream?.version == "2.36-9")
        let apk = try #require(ParsedPackageURL("pkg:apk/alpine/libssl3@3?upstream=openssl"))
        #expect(apk.upstream?.name == "openssl")
        #expect(apk.upstream?.version == nil)
    }

    @Test func roundTripsWhatPackageURLMakeBuilds() throws {
        var rng = SplitMix64(seed: 5)
        let pieces = ["a", "Z", "9", "-", ".", "_", "~", " ", "/", "@", "?", "#", "%", "&", "=", ":", "+", "é", "名"]
        func text(_ n: Int) -> String {
            (0..<Int.random(in: 1...n, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
        }
        for _ in 0..<500 {
            let name = text(8)
            let version = text(6)
            let ns = Bool.random(using: &rng) ? "org.example" : nil
            let q = ["arch": text(4)]
            let purl = PackageURL.make(type: "generic", namespace: ns, name: name, version: version, qualifiers: q)
            let parsed = try #require(ParsedPackageURL(purl), "\(purl)")
            #expect(parsed.name == name, "\(purl)")
            #expect(parsed.version == version, "\(purl)")
            #expect(parsed.namespace == ns)
            #expect(parsed.qualifiers == q)
        }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 8)
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0..<60, using: &rng)).map { _ in
                Bool.random(using: &rng)
                    ? UInt8.random(in: 0...255, using: &rng) : Array("pkg:/@?#%&=".utf8).randomElement(using: &rng) ?? 0
            }
            let parsed = ParsedPackageURL(String(decoding: bytes, as: UTF8.self))
            _ = parsed?.upstream
            _ = parsed?.packageType
        }
    }
}
