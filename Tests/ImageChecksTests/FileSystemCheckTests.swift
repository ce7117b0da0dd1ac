import SecurityModel
import Testing

@testable import ImageChecks

struct SetuidSetgidFileTests {
    let check = SetuidSetgidFile()

    @Test func listsEverySetuidAndSetgidFile() {
        var image = TestImage()
        image.add("/usr/bin/passwd", size: 10, mode: 0o4755, layer: 0)
        image.add("/usr/bin/wall", size: 10, mode: 0o2755, gid: 5)
        image.add("/usr/bin/both", size: 10, mode: 0o6755, uid: 1000)
        image.add("/var/mail", kind: .directory, mode: 0o2775)
        image.add("/usr/bin/ls", size: 10, mode: 0o755)
        let findings = image.run(check)
        #expect(
            findings.map(\.message) == [
                "setuid+setgid file /usr/bin/both (mode 6755, owner 1000:0)",
                "setuid root file /usr/bin/passwd (mode 4755, owner 0:0)",
                "setgid file /usr/bin/wall (mode 2755, owner 0:5)",
            ]
        )
        #expect(findings[1].location.layer == nil)  // No layers in this image's metadata.
        #expect(findings.allSatisfy { $0.severity == .low })
    }

    @Test func staysSilentWithoutSpecialBits() {
        var image = TestImage()
        image.add("/bin/busybox", size: 10, mode: 0o755)
        image.add("/tmp", kind: .directory, mode: 0o1777)
        #expect(image.run(check).isEmpty)
    }
}

struct WorldWritableTests {
    let check = WorldWritable()

    @Test func firesForFilesAndNonStickyDirectories() {
        var image = TestImage()
        image.add("/app/config.yml", size: 3, mode: 0o666)
        image.add("/app/uploads", kind: .directory, mode: 0o777)
        image.add("/tmp", kind: .directory, mode: 0o1777)
        image.add("/dev/null", kind: .characterDevice, mode: 0o666)
        image.add("/usr/bin/sh", kind: .symlink, mode: 0o777, link: "busybox")
        image.add("/app/ok", size: 1, mode: 0o664)
        #expect(
            image.messages(check) == [
                "World-writable file /app/config.yml (mode 0666)",
                "World-writable directory /app/uploads (mode 0777)",
            ]
        )
    }

    @Test func summarisesBeyondTheLimit() {
        var image = TestImage()
        for i in 0..<(WorldWritable.limit + 7) { image.add("/data/f\(1000 + i)", size: 1, mode: 0o666) }
        let findings = image.run(check)
        #expect(findings.count == WorldWritable.limit + 1)
        #expect(findings.last?.message == "7 more world-writable entries, from /data/f1050 to /data/f1056")
    }
}

struct EmptyPasswordTests {
    let check = EmptyPassword()

    @Test func firesForEmptyPasswordFields() {
        let image = TestImage(files: [
            "/etc/shadow": "root::19000:0:::::\nbin:!::0:::::\n# comment\napp:*:1::::::\nguest::1::::::\n",
            "/etc/passwd":
                "root:x:0:0::/root:/bin/sh\nlegacy::1001:1001::/home/legacy:/bin/sh\nguest::1002:1002::/:/bin/sh\n",
        ])
        #expect(
            image.messages(check) == [
                "User 'root' has an empty password in /etc/shadow (line 1)",
                "User 'guest' has an empty password in /etc/shadow (line 5)",
                "User 'legacy' has an empty password in /etc/passwd (line 2)",
            ]
        )
        #expect(check.isRequired("/etc/shadow") && check.isRequired("/etc/passwd") && !check.isRequired("/etc/hosts"))
    }

    @Test func staysSilentForLockedAccountsAndMissingFiles() {
        #expect(
            TestImage(files: ["/etc/shadow": "root:!::0:::::\nbin:*:1::::::\nx:!!:1::::::\nmalformed\n"]).run(check)
                .isEmpty
        )
        #expect(TestImage().run(check).isEmpty)
    }
}

struct DuplicateAccountIDTests {
    let check = DuplicateAccountID()

    @Test func firesOncePerSharedID() {
        let image = TestImage(files: [
            "/etc/passwd":
                "root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\napp:x:1000:1000::/:/bin/sh\nalt:x:0:0::/:/bin/sh\n",
            "/etc/group": "root:x:0:\nwheel:x:10:root\nadmins:x:10:\n",
        ])
        #expect(
            image.messages(check) == [
                "UID 0 is shared by users root, toor, alt in /etc/passwd",
                "GID 10 is shared by groups wheel, admins in /etc/group",
            ]
        )
    }

    @Test func staysSilentForUniqueIDsAndBadLines() {
        let image = TestImage(files: [
            "/etc/passwd": "root:x:0:0\napp:x:1000\nbroken\nweird:x:notanumber:1\n", "/etc/group": "a:x:1:\nb:x:2:\n",
        ])
        #expect(image.run(check).isEmpty)
    }
}

struct UnnecessaryFilesTests {
    let check = UnnecessaryFiles()

    @Test func reportsEachDirectoryOnceAndListedFiles() {
        var image = TestImage()
        image.add("/app/.git/HEAD", size: 20)
        image.add("/app/.git/objects/ab/cdef", size: 200)
        image.add("/app/Dockerfile", size: 100)
        image.add("/app/.vscode/settings.json", size: 10)
        image.add("/root/.cache/some-tool/state", size: 10)
        #expect(
            image.messages(check) == [
                "Unnecessary file /app/Dockerfile",
                "Unnecessary directory /app/.git (2 files)",
                "Unnecessary directory /app/.vscode (1 file)",
                "Unnecessary directory /root/.cache (1 file)",
            ]
        )
    }

    @Test func staysSilentForThirdPartyTreesAndReportedCaches() {
        var image = TestImage()
        image.add("/app/node_modules/pkg/.git/HEAD", size: 20)
        image.add("/usr/lib/python3/dist-packages/x/Dockerfile", size: 20)
        image.add("/root/.cache/pip/http/a/b", size: 100_000)
        image.add("/app/.git", kind: .directory, mode: 0o755)  // Empty directory.
        image.add("/app/.gitignore", size: 10)
        #expect(image.run(check).isEmpty)
    }
}

struct PackageManagerCacheTests {
    let check = PackageManagerCache()

    @Test func reportsCachesWithSizes() {
        var image = TestImage()
        image.add("/var/cache/apk/APKINDEX.abc.tar.gz", size: 600_000, layer: 1)
        image.add("/var/cache/apk/APKINDEX.def.tar.gz", size: 500_000, layer: 1)
        image.add(
            "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4",
            size: 9_000_000
        )
        image.add("/var/lib/apt/lists/lock", size: 0)
        image.add("/var/cache/apt/archives/curl_7.88_amd64.deb", size: 300_000)
        image.add("/root/.cache/pip/wheels/ab/x.whl", size: 2_000_000)
        image.add("/home/node/.npm/_cacache/content-v2/sha512/aa/bb", size: 70_000)
        let findings = image.run(check)
        #expect(
            findings.map(\.message) == [
                "apt package lists left at /var/lib/apt/lists: 9.0 MB in 1 file",
                "pip cache left at /root/.cache/pip: 2.0 MB in 1 file",
                "apk package cache left at /var/cache/apk: 1.1 MB in 2 files",
                "apt package cache left at /var/cache/apt: 300.0 kB in 1 file",
                "npm cache left at /home/node/.npm/_cacache: 70.0 kB in 1 file",
            ]
        )
        #expect(
            findings.map(\.location.path) == [
                "/var/lib/apt/lists", "/root/.cache/pip", "/var/cache/apk",
                "/var/cache/apt", "/home/node/.npm/_cacache",
            ]
        )
    }

    @Test func staysSilentForCleanOrTinyCaches() {
        var image = TestImage()
        image.add("/var/cache/apk", kind: .directory, mode: 0o755)
        image.add("/var/lib/apt/lists/lock", size: 0)
        image.add("/var/cache/apt/archives/partial", kind: .directory, mode: 0o700)
        image.add("/var/cache/dnf/expired_repos.json", size: 2)
        image.add("/var/cache/misc/other", size: 1_000_000)
        #expect(image.run(check).isEmpty)
    }
}
