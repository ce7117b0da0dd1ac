import SecurityModel
import Testing
@testable import SBOMFormats

struct TmpTiming {
    @Test func timing() throws {
        let packages = (0..<2000).map { i in
            Package(name: "pkg\(i)", version: "1.\(i)-r0", type: .deb, purl: "pkg:deb/debian/pkg\(i)@1.\(i)-r0?arch=amd64", sourceName: "src\(i % 300)",
                    licenses: ["GPL-2.0-only", "custom text \(i % 7)"], architecture: "amd64", layerIndex: 0, locations: ["/var/lib/dpkg/status"],
                    files: (0..<30).map { "/usr/share/doc/pkg\(i)/file\($0)" }, foundBy: "os/dpkg")
        }
        let inv = Inventory(subject: .image(SampleInventory.image), operatingSystem: SampleInventory.os, packages: packages, tool: SampleInventory.tool, created: SampleInventory.created)
        let clock = ContinuousClock()
        var t = clock.now
        func lap(_ s: String) { print("TIMING", s, clock.now - t); t = clock.now }
        let c = NativeSBOMEncoder.contentJSON(inv); lap("contentJSON")
        let text = c.serialized(pretty: false); lap("serialize \(text.utf8.count)")
        var h = SHA256Digest(); h.update(text); _ = h.finalize(); lap("sha")
        _ = PackageIdentity.identified(inv.packages); lap("identified")
        _ = PackageIdentity.ordered(inv.packages); lap("ordered")
        _ = inv.contentDigest; lap("digest")
        _ = CycloneDXEncoder.encode(inv); lap("cdx")
        _ = SPDXEncoder.encode(inv); lap("spdx")
        _ = NativeSBOMEncoder.encode(inv); lap("native")
        _ = SBOMTable.render(inv); lap("table")
    }
}
