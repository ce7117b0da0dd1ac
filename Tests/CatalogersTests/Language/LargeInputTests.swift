import SecurityModel
import Testing

@testable import Catalogers

/// Lock files with thousands of packages: all are found, and the readers stay linear (a quadratic
/// reader would take minutes here).
struct LargeInputTests {
    @Test func tenThousandPackageLockFiles() {
        let n = 10_000
        var yaml = "lockfileVersion: '9.0'\n\npackages:\n\n"
        var toml = ""
        var json = #"{"lockfileVersion": 3, "packages": {"": {}"#
        var yarn = "# yarn lockfile v1\n\n"
        for i in 0..<n {
            yaml +=
                "  pkg\(i)@1.0.\(i):\n    resolution: {integrity: sha512-abc\(i)==}\n    engines: {node: '>=12'}\n\n"
            toml += "[[package]]\nname = \"pkg\(i)\"\nversion = \"1.0.\(i)\"\ndependencies = [\n \"a\",\n]\n\n"
            json += #", "node_modules/pkg\#(i)": {"version": "1.0.\#(i)"}"#
            yarn += "pkg\(i)@^1.0.0:\n  version \"1.0.\(i)\"\n  resolved \"https://r/pkg.tgz\"\n\n"
        }
        json += "}}"
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(catalogRun(PNPMLockCataloger(), ["/a/pnpm-lock.yaml": yaml]).packages.count == n)
            #expect(catalogRun(CargoLockCataloger(), ["/a/Cargo.lock": toml]).packages.count == n)
            #expect(catalogRun(NPMLockCataloger(), ["/a/package-lock.json": json]).packages.count == n)
            #expect(catalogRun(YarnLockCataloger(), ["/a/yarn.lock": yarn]).packages.count == n)
        }
        #expect(elapsed < .seconds(60))
    }
}
