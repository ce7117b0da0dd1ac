import Catalogers
import Foundation
import SecurityModel
import TestSupport
import Testing

/// OS detection over the 110 real release files of the corpus (claircore's collection) and over
/// hand-written files for the families the corpus lacks.
struct OperatingSystemDetectorTests {
    struct Expected: Sendable, CustomStringConvertible {
        var directory: String
        var id: String
        var version: String?
        var codename: String?
        var distroless = false
        var description: String { directory }
    }

    /// Each corpus directory with the OS it must be detected as (VERSION_ID / DISTRIB_* values taken with
    /// grep from the files; codenames of old releases from their VERSION or lsb-release).
    static let corpusDirectories: [Expected] = {
        var rows: [Expected] = []
        let alpine = [
            ("3.3", "3.3.3"), ("3.4", "3.4.6"), ("3.5", "3.5.3"), ("3.6", "3.6.5"), ("3.7", "3.7.3"), ("3.8", "3.8.5"),
            ("3.9", "3.9.6"), ("3.10", "3.10.9"), ("3.11", "3.11.13"), ("3.12", "3.12.9"), ("3.13", "3.13.7"),
            ("3.14", "3.14.3"), ("3.15", "3.15.0"), ("3.16", "3.16.0"), ("3.17", "3.17.5"), ("3.18", "3.18.4"),
            ("edge", "3.19_alpha20230901"),
        ]
        rows += alpine.map { Expected(directory: "alpine/\($0.0)", id: "alpine", version: $0.1) }
        let debian = [
            ("7", "wheezy"), ("8", "jessie"), ("9", "stretch"), ("10", "buster"), ("11", "bullseye"),
            ("12", "bookworm"),
        ]
        rows += debian.map { Expected(directory: "debian/\($0.0)", id: "debian", version: $0.0, codename: $0.1) }
        rows += [("9", "stretch"), ("10", "buster"), ("11", "bullseye")].map {
            Expected(
                directory: "debian-distroless/\($0.0)",
                id: "debian",
                version: $0.0,
                codename: $0.1,
                distroless: true
            )
        }
        rows += [
            Expected(directory: "rhel-family/7", id: "rhel", version: "7.7"),
            Expected(directory: "rhel-family/8", id: "rhel", version: "8.1"),
            Expected(directory: "rhel-family/9", id: "rhel", version: "9.0"),
            Expected(directory: "rhel-family/atomichost-7", id: "rhel", version: "7.9"),
            Expected(directory: "rhel-family/hummingbird", id: "hummingbird", version: "20251124"),
            Expected(directory: "rhel-family/oracle-6", id: "ol", version: "6.10"),
            Expected(directory: "rhel-family/oracle-7", id: "ol", version: "7.9"),
            Expected(directory: "rhel-family/oracle-8", id: "ol", version: "8.9"),
            Expected(directory: "rhel-family/oracle-9", id: "ol", version: "9.3"),
            Expected(directory: "ubuntu/10.04", id: "ubuntu", version: "10.04", codename: "lucid"),
            // claircore's "ubuntu/11" directory holds a Debian 11 os-release.
            Expected(directory: "ubuntu/11", id: "debian", version: "11", codename: "bullseye"),
        ]
        let ubuntu = [
            ("12.04", "precise"), ("12.10", "quantal"), ("13.04", "raring"), ("13.10", "saucy"), ("14.04", "trusty"),
            ("14.10", "utopic"), ("15.04", "vivid"), ("15.10", "wily"), ("16.04", "xenial"), ("16.10", "yakkety"),
            ("17.04", "zesty"), ("17.10", "artful"), ("18.04", "bionic"), ("18.10", "cosmic"), ("19.04", "disco"),
            ("19.10", "eoan"), ("20.04", "focal"), ("20.10", "groovy"), ("21.04", "hirsute"), ("21.10", "impish"),
            ("22.04", "jammy"), ("22.10", "kinetic"), ("23.04", "lunar"), ("23.10", "mantic"),
        ]
        rows += ubuntu.map { Expected(directory: "ubuntu/\($0.0)", id: "ubuntu", version: $0.0, codename: $0.1) }
        return rows
    }()

    @Test(.enabled(if: OSCorpus.enabled), arguments: corpusDirectories)
    func detectsEveryCorpusDirectory(_ expected: Expected) throws {
        let tree = try OSCorpus.tree("os-release/claircore/\(expected.directory)")
        let os = try #require(OperatingSystemDetector.detect(tree))
        #expect(os.id == expected.id)
        #expect(os.versionID == expected.version)
        #expect(os.codename == expected.codename)
        #expect(os.isDistroless == expected.distroless)
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func corpusTableCoversEveryDirectory() throws {
        let files = try OSCorpus.files(under: "os-release/claircore")
        let directories = Set(files.compactMap { $0.components(separatedBy: "/etc/").first })
        #expect(directories == Set(Self.corpusDirectories.map(\.directory)))
    }

    /// Every one of the 110 files alone in a tree: release files identify their family, `issue` files
    /// (not a release file) identify nothing.
    @Test(.enabled(if: OSCorpus.enabled))
    func eachCorpusFileAloneIdentifiesItsFamily() throws {
        let files = try OSCorpus.files(under: "os-release/claircore")
        #expect(files.count == 110)
        var checked = 0
        for file in files {
            let base = String(file.split(separator: "/").last ?? "")
            var tree = InMemoryFileTree()
            let bytes = try OSCorpus.bytes("os-release/claircore/\(file)")
            tree.add("/etc/\(base)", bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            let os = OperatingSystemDetector.detect(tree)
            switch base {
            case "os-release":
                let id = try #require(Self.grep(text, "ID"), "\(file)")
                #expect(os?.id == id, "\(file)")
                #expect(os?.versionID == Self.grep(text, "VERSION_ID"), "\(file)")
            case "lsb-release":
                #expect(os?.id == "ubuntu", "\(file)")
                #expect(os?.versionID == Self.grep(text, "DISTRIB_RELEASE"), "\(file)")
                #expect(os?.codename == Self.grep(text, "DISTRIB_CODENAME"), "\(file)")
            case "redhat-release":
                #expect(os?.id == "rhel", "\(file)")
                #expect(os?.versionID?.first?.isNumber == true, "\(file)")
            case "oracle-release":
                #expect(os?.id == "ol", "\(file)")
            case "issue":
                #expect(os == nil, "\(file)")
            default:
                Issue.record("unexpected corpus file \(file)")
            }
            checked += 1
        }
        #expect(checked == 110)
    }

    /// A minimal `KEY=value` lookup written for the test (first match, quotes stripped).
    static func grep(_ text: String, _ key: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(key + "=") {
            return String(line.dropFirst(key.count + 1)).trimmingCharacters(in: .init(charactersIn: "\"'"))
        }
        return nil
    }

    // MARK: - Families the corpus does not have

    struct Handwritten: Sendable, CustomStringConvertible {
        var name: String
        var files: [String: String]
        var id: String
        var version: String?
        var codename: String? = nil
        var distroless = false
        var description: String { name }
    }

    static let handwritten: [Handwritten] = [
        Handwritten(
            name: "fedora",
            files: [
                "/etc/os-release":
                    "NAME=\"Fedora Linux\"\nVERSION=\"39 (Container Image)\"\nID=fedora\nVERSION_ID=39\nVERSION_CODENAME=\"\"\n"
            ],
            id: "fedora",
            version: "39"
        ),
        Handwritten(
            name: "amazon linux 2",
            files: [
                "/etc/os-release":
                    "NAME=\"Amazon Linux\"\nVERSION=\"2\"\nID=\"amzn\"\nID_LIKE=\"centos rhel fedora\"\nVERSION_ID=\"2\"\n"
            ],
            id: "amzn",
            version: "2"
        ),
        Handwritten(
            name: "amazon linux 2023",
            files: ["/usr/lib/os-release": "NAME=\"Amazon Linux\"\nID=\"amzn\"\nVERSION_ID=\"2023\"\n"],
            id: "amzn",
            version: "2023"
        ),
        Handwritten(
            name: "amazon linux AMI from system-release",
            files: ["/etc/system-release": "Amazon Linux AMI release 2018.03\n"],
            id: "amzn",
            version: "2018.03"
        ),
        Handwritten(
            name: "rocky",
            files: [
                "/etc/os-release":
                    "NAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\n"
            ],
            id: "rocky",
            version: "9.3"
        ),
        Handwritten(
            name: "alma from redhat-release",
            files: ["/etc/redhat-release": "AlmaLinux release 8.9 (Midnight Oncilla)\n"],
            id: "almalinux",
            version: "8.9",
            codename: "Midnight Oncilla"
        ),
        Handwritten(
            name: "centos from redhat-release",
            files: ["/etc/redhat-release": "CentOS Linux release 7.9.2009 (Core)\n"],
            id: "centos",
            version: "7.9.2009",
            codename: "Core"
        ),
        Handwritten(
            name: "suse",
            files: [
                "/etc/os-release":
                    "NAME=\"SLES\"\nVERSION=\"15-SP5\"\nVERSION_ID=\"15.5\"\nID=\"sles\"\nID_LIKE=\"suse\"\n"
            ],
            id: "sles",
            version: "15.5"
        ),
        Handwritten(
            name: "wolfi with a shell",
            files: ["/etc/os-release": "ID=wolfi\nNAME=\"Wolfi\"\nVERSION_ID=20230201\n", "/bin/sh": "#!"],
            id: "wolfi",
            version: "20230201"
        ),
        Handwritten(
            name: "chainguard static (no shell, no apk)",
            files: ["/etc/os-release": "ID=chainguard\nNAME=\"Chainguard\"\nVERSION_ID=20230214\n"],
            id: "chainguard",
            version: "20230214",
            distroless: true
        ),
        Handwritten(
            name: "distroless from status.d",
            files: [
                "/etc/os-release": "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n",
                "/var/lib/dpkg/status.d/libc6": "Package: libc6\nVersion: 2.36-9\n",
            ],
            id: "debian",
            version: "12",
            codename: "bookworm",
            distroless: true
        ),
        Handwritten(
            name: "alpine-release only",
            files: ["/etc/alpine-release": "3.19.1\n"],
            id: "alpine",
            version: "3.19.1"
        ),
        Handwritten(
            name: "debian_version only",
            files: ["/etc/debian_version": "10.13\n"],
            id: "debian",
            version: "10",
            codename: "buster"
        ),
        Handwritten(
            name: "debian sid",
            files: [
                "/etc/os-release": "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\n",
                "/etc/debian_version": "trixie/sid\n",
            ],
            id: "debian",
            version: nil
        ),
        Handwritten(
            name: "quotes, escapes and comments",
            files: [
                "/etc/os-release":
                    "# comment\n  ID='alpine'\nVERSION_ID=\"3.\\\"20\\\\\"\nPRETTY_NAME=Alpine # trailing\n"
            ],
            id: "alpine",
            version: "3.\"20\\"
        ),
    ]

    @Test(arguments: handwritten)
    func detectsHandwrittenFamilies(_ row: Handwritten) throws {
        var tree = InMemoryFileTree()
        for (path, text) in row.files { tree.add(path, Array(text.utf8)) }
        let os = try #require(OperatingSystemDetector.detect(tree))
        #expect(os.id == row.id)
        #expect(os.versionID == row.version)
        #expect(os.codename == row.codename)
        #expect(os.isDistroless == row.distroless)
    }

    @Test func followsTheOSReleaseSymlink() throws {
        var tree = InMemoryFileTree()
        tree.add("/usr/lib/os-release", Array("ID=ubuntu\nVERSION_ID=\"24.04\"\nVERSION_CODENAME=noble\n".utf8))
        tree.add(FileEntry(path: "/etc/os-release", kind: .symlink, linkTarget: "../usr/lib/os-release"))
        let os = try #require(OperatingSystemDetector.detect(tree))
        #expect(os.id == "ubuntu" && os.versionID == "24.04" && os.codename == "noble")
        #expect(os.idLike.isEmpty)
    }

    @Test func scratchTreeHasNoOperatingSystem() {
        var tree = InMemoryFileTree()
        tree.add("/app/server", [0x7F, 0x45, 0x4C, 0x46])
        #expect(OperatingSystemDetector.detect(tree) == nil)
        // An os-release without ID identifies nothing either.
        tree.add("/etc/os-release", Array("NAME=Something\n".utf8))
        #expect(OperatingSystemDetector.detect(tree) == nil)
    }

    @Test func requiredFilesAreExactlyTheReleaseFiles() {
        for path in OperatingSystemDetector.releaseFiles { #expect(OperatingSystemDetector.isRequired(path)) }
        for path in ["/etc/issue", "/etc/os-release.bak", "/usr/etc/os-release", "/etc"] {
            #expect(!OperatingSystemDetector.isRequired(path))
        }
    }

    @Test func releaseFileFuzzNeverCrashes() {
        var rng = SplitMix64(seed: 0x05_0E1E)
        let seeds = ["ID=debian\nVERSION=\"7 (wheezy)\"\n", "Red Hat Enterprise Linux release 9.0 (Plow)\n"]
        for round in 0..<2000 {
            var bytes = Array(seeds[round % 2].utf8)
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: at)
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
                }
                if bytes.isEmpty { bytes = [0] }
            }
            var tree = InMemoryFileTree()
            for path in OperatingSystemDetector.releaseFiles { tree.add(path, bytes) }
            _ = OperatingSystemDetector.detect(tree)
        }
    }
}
