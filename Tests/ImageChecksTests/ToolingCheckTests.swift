import SecurityModel
import Testing

@testable import ImageChecks

struct ToolingCheckTests {
    static var image: TestImage {
        var image = TestImage()
        image.add("/bin/busybox", size: 100, mode: 0o755)
        image.add("/bin/sh", kind: .symlink, mode: 0o777, link: "/bin/busybox")
        image.add("/usr/bin/wget", kind: .symlink, mode: 0o777, link: "/bin/busybox")
        image.add("/usr/bin/curl", kind: .symlink, mode: 0o777, link: "/nonexistent/curl")  // Dangling.
        image.add("/usr/bin/gcc-12", size: 100, mode: 0o755)
        image.add("/usr/bin/cc", kind: .symlink, mode: 0o777, link: "gcc-12")
        image.add("/usr/local/go/bin/go", size: 100, mode: 0o755)
        image.add("/usr/share/doc/gcc/README", size: 100, mode: 0o644)
        image.add("/usr/bin/bash", size: 100, mode: 0o644)  // Not executable.
        image.add("/sbin/apk", size: 100, mode: 0o755)
        image.add("/usr/bin/pip3.12", size: 100, mode: 0o755)
        return image
    }

    @Test func listsCompilers() {
        #expect(
            Self.image.messages(CompilerPresent()) == [
                "Compilers present: cc (/usr/bin/cc), gcc (/usr/bin/gcc-12), go (/usr/local/go/bin/go)"
            ]
        )
    }

    @Test func listsShellsAndDownloadTools() {
        #expect(Self.image.messages(ShellPresent()) == ["Shells present: sh (/bin/sh)"])
        #expect(Self.image.messages(DownloadToolPresent()) == ["Download tools present: wget (/usr/bin/wget)"])
        #expect(Self.image.run(ShellPresent()).allSatisfy { $0.severity == .info })
    }

    @Test func flagsPackageManagersOnlyInDistrolessImages() {
        var image = Self.image
        #expect(image.run(PackageManagerInDistroless()).isEmpty)
        image.operatingSystem = OperatingSystem(id: "debian", versionID: "12", isDistroless: true)
        #expect(
            image.messages(PackageManagerInDistroless()) == [
                "Package managers present in a distroless-style image: apk (/sbin/apk), pip3 (/usr/bin/pip3.12)"
            ]
        )
    }

    @Test func staysSilentForAnEmptyImage() {
        let image = TestImage()
        for check in [CompilerPresent(), ShellPresent(), DownloadToolPresent()] as [any ImageCheck] {
            #expect(check.check(image.input).isEmpty)
        }
    }
}

struct WastedSpaceTests {
    let check = WastedSpace()

    func image(total: Int, wasted: [(String, Int, Bool)]) -> TestImage {
        var image = TestImage(history: ["a", "b"])
        image.statistics = ImageFileStatistics(
            layers: [
                LayerStatistics(index: 0, addedBytes: total / 2, entryCount: 10, deletionCount: 0),
                LayerStatistics(index: 1, addedBytes: total - total / 2, entryCount: 5, deletionCount: 1),
            ],
            wastedFiles: wasted.map { WastedFile(path: $0.0, wastedBytes: $0.1, layerIndices: [0], deleted: $0.2) }
        )
        return image
    }

    @Test func reportsLowEfficiencyWithTopFiles() {
        let findings = image(
            total: 10_000_000,
            wasted: [("/var/lib/apt/lists/x", 1_500_000, true), ("/app/a.bin", 500_000, false)]
        )
        .run(check)
        #expect(
            findings.map(\.message) == [
                "Efficiency 80.0%: 2.0 MB of 10.0 MB are wasted; largest: /var/lib/apt/lists/x 1.5 MB deleted, "
                    + "/app/a.bin 500.0 kB overwritten; layer sizes: #0 5.0 MB, #1 5.0 MB"
            ]
        )
        #expect(findings.first?.location.path == "/var/lib/apt/lists/x")
        #expect(findings.first?.location.layer == "sha256:layer0")
    }

    @Test func reportsLargeWasteEvenWhenEfficient() {
        #expect(image(total: 1_000_000_000, wasted: [("/big", 20_000_000, true)]).run(check).count == 1)
    }

    @Test func staysSilentForEfficientImages() {
        #expect(image(total: 10_000_000, wasted: [("/small", 100_000, true)]).run(check).isEmpty)
        #expect(image(total: 0, wasted: []).run(check).isEmpty)
        #expect(TestImage().run(check).isEmpty)
    }

    @Test func summarisesLikeDive() {
        let summary = ImageEfficiency(
            ImageFileStatistics(
                layers: [LayerStatistics(index: 0, addedBytes: 1000, entryCount: 3, deletionCount: 0)],
                wastedFiles: (0..<20).map {
                    WastedFile(path: "/f\($0)", wastedBytes: $0, layerIndices: [0], deleted: false)
                }
            ),
            top: 3
        )
        #expect(summary.topWastedFiles.map(\.path) == ["/f19", "/f18", "/f17"])
        #expect(summary.wastedBytes == 190)
        #expect(summary.layerLines == ["#0  1.0 kB  (3 entries, 0 deletions)"])
    }

    @Test func formatsBytes() {
        #expect(ByteCount.format(0) == "0 B")
        #expect(ByteCount.format(999) == "999 B")
        #expect(ByteCount.format(1000) == "1.0 kB")
        #expect(ByteCount.format(1_049) == "1.0 kB")
        #expect(ByteCount.format(1_050) == "1.1 kB")
        #expect(ByteCount.format(999_999) == "1.0 MB")
        #expect(ByteCount.format(123_456_789) == "123.5 MB")
        #expect(ByteCount.format(Int.max).hasSuffix("EB") || ByteCount.format(Int.max).hasSuffix("PB"))
        #expect(ByteCount.percent(0.8534) == "85.3%")
    }
}
