import AdvisoryModel
import SecurityModel
import Testing

@Suite struct RangeVerdictTests {
    func package(_ eco: Ecosystem, _ events: [RangeEvent], versions: [String] = [], status: AffectedStatus = .affected)
        -> AffectedPackage
    {
        AffectedPackage(
            key: PackageKey(ecosystem: eco, name: "p"),
            ranges: events.isEmpty ? [] : [AffectedRange(kind: .ecosystem, events: events)],
            versions: versions,
            status: status
        )
    }

    @Test func introducedZeroFixed() throws {
        let p = package(.alpine, [.introduced("0"), .fixed("1.1.18-r4")])
        let v = try #require(try p.verdict(for: "1.1.18-r3"))
        #expect(v.fixedVersions == ["1.1.18-r4"])
        #expect(v.status == .affected)
        #expect(v.explanation.contains("< 1.1.18-r4"))
        #expect(try p.verdict(for: "1.1.18-r4") == nil)
        #expect(try p.verdict(for: "1.1.19-r0") == nil)
    }

    @Test func lastAffectedIsInclusive() throws {
        let p = package(.pypi, [.introduced("1.0"), .lastAffected("1.4")])
        #expect(try p.verdict(for: "0.9") == nil)
        #expect(try p.verdict(for: "1.0") != nil)
        #expect(try p.verdict(for: "1.4")?.status == .notFixed)
        #expect(try p.verdict(for: "1.4.1") == nil)
    }

    @Test func severalIntervalsInOneRangeAreSortedByVersion() throws {
        // Deliberately out of order, as some feeds publish them.
        let p = package(.pypi, [.introduced("2.0"), .fixed("2.2.1"), .introduced("0"), .fixed("1.11.5")])
        #expect(try p.verdict(for: "1.11.4")?.fixedVersions == ["1.11.5", "2.2.1"])
        #expect(try p.verdict(for: "1.11.5") == nil)
        #expect(try p.verdict(for: "2.1")?.fixedVersions == ["2.2.1"])
        #expect(try p.verdict(for: "2.2.1") == nil)
    }

    @Test func explicitVersionsListAndNotAffected() throws {
        let p = package(.rubyGems, [], versions: ["1.2.3"])
        #expect(try p.verdict(for: "1.2.3") != nil)
        #expect(try p.verdict(for: "1.2.4") == nil)
        #expect(try package(.alpine, [.introduced("0"), .fixed("2")], status: .notAffected).verdict(for: "1") == nil)
        #expect(try package(.debian, [], status: .notFixed).verdict(for: "1.0-1")?.status == .notFixed)
    }

    @Test func unparsableVersionThrows() {
        #expect(throws: (any Error).self) {
            try package(.pypi, [.introduced("0"), .fixed("1.0")]).verdict(for: "not a version!")
        }
    }

    @Test func namesAreNormalisedPerEcosystem() {
        #expect(PackageKey(ecosystem: .pypi, name: "Zope.Interface__x").name == "zope-interface-x")
        #expect(PackageKey(ecosystem: .crates, name: "Serde_JSON").name == "serde-json")
        #expect(PackageKey(ecosystem: .go, name: "github.com/Foo/bar").name == "github.com/Foo/bar")
        #expect(Ecosystem.parseOSV("Alpine:v3.16")! == (Ecosystem.alpine, "3.16"))
        #expect(Ecosystem.parseOSV("Debian:12")! == (Ecosystem.debian, "bookworm"))
        #expect(Ecosystem.parseOSV("Ubuntu:22.04:LTS")! == (Ecosystem.ubuntu, "22.04"))
        #expect(Ecosystem.parseOSV("Ubuntu:Pro:14.04:LTS")! == (Ecosystem.ubuntu, "14.04"))
        #expect(Ecosystem.parseOSV("Ubuntu:Pro:FIPS:20.04:LTS")! == (Ecosystem.ubuntu, "20.04"))
        #expect(Ecosystem.parseOSV("Unknown") == nil)
    }

    @Test func storageRoundTrip() throws {
        let a = Advisory(
            id: "CVE-1",
            aliases: ["GHSA-x"],
            source: "osv-pypi",
            summary: "s",
            vendorSeverity: .high,
            cvssVectors: ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"],
            affected: [
                package(.pypi, [.introduced("0"), .fixed("1.0"), .lastAffected("2"), .limit("3")], versions: ["0.5"]),
                package(.debian, [], status: .endOfLife),
            ]
        )
        #expect(try Advisory(storageJSON: a.storageJSON) == a)
    }
}
