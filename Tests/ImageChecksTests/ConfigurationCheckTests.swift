import SecurityModel
import Testing

@testable import ImageChecks

struct RunsAsRootTests {
    let check = RunsAsRoot()

    @Test(arguments: [nil, "", "root", "0", "0:0", "root:root", " root "])
    func firesForRoot(_ user: String?) {
        let image = TestImage(user: user)
        #expect(image.run(check).map(\.ruleID) == ["IMG1001"])
        #expect(image.run(check).first?.location.fieldPath == "config.User")
    }

    @Test(arguments: ["10001", "app", "nobody:nogroup", "1000:0"])
    func staysSilentForNonRoot(_ user: String) {
        #expect(
            TestImage(files: ["/etc/passwd": "app:x:1000:1000::/home/app:/bin/sh\n"], user: user).run(check).isEmpty
        )
    }

    @Test func firesForANamedUserWithUIDZero() {
        let image = TestImage(
            files: ["/etc/passwd": "root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n"],
            user: "toor"
        )
        #expect(image.messages(check) == ["The image's USER 'toor' has UID 0 in /etc/passwd, so it is root"])
        #expect(check.isRequired("/etc/passwd"))
        #expect(!check.isRequired("/etc/group"))
    }

    @Test func staysSilentWithoutAnImageConfiguration() {
        var image = TestImage(user: nil)
        image.hasImageConfiguration = false
        #expect(image.run(check).isEmpty)
        // The default is derived from the metadata: a bare reference has no configuration.
        let bare = ImageCheckInput(metadata: ImageMetadata(reference: "./rootfs"), tree: InMemoryFileTree())
        #expect(!bare.hasImageConfiguration)
        #expect(check.check(bare).isEmpty)
    }

    @Test func carriesAliasesAndTags() {
        #expect(check.descriptor.aliases == ["CIS-DI-0001", "CIS 4.1"])
        #expect(check.descriptor.tags.starts(with: ["image", "dockle:CIS-DI-0001", "cis:4.1"]))
        #expect(check.descriptor.isNamed("cis-di-0001"))
        #expect(check.descriptor.isNamed("runs-as-root"))
    }
}

struct MissingHealthcheckTests {
    let check = MissingHealthcheck()

    @Test func firesWithoutHealthcheck() {
        #expect(TestImage(healthcheck: nil).messages(check) == ["The image defines no HEALTHCHECK"])
        #expect(TestImage(healthcheck: []).run(check).count == 1)
    }

    @Test func staysSilentWithHealthcheckOrNone() {
        #expect(TestImage(healthcheck: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]).run(check).isEmpty)
        #expect(TestImage(healthcheck: ["NONE"]).run(check).isEmpty)
    }
}

struct ContentTrustDisabledTests {
    let check = ContentTrustDisabled()

    @Test func firesOnlyWhenKnownToBeOff() {
        var image = TestImage()
        image.contentTrustEnabled = false
        #expect(image.run(check).map(\.severity) == [.info])
        image.contentTrustEnabled = true
        #expect(image.run(check).isEmpty)
        image.contentTrustEnabled = nil
        #expect(image.run(check).isEmpty)
    }
}

struct SensitiveVolumeTests {
    let check = SensitiveVolume()

    @Test func firesForKernelDirectories() {
        let image = TestImage(volumes: ["/data", "/proc", "/sys/fs/cgroup", "/dev/", "/devices", "/var/lib/x"])
        #expect(image.run(check).compactMap(\.location.path) == ["/proc", "/sys/fs/cgroup", "/dev"])
    }

    @Test func staysSilentForOrdinaryVolumes() {
        #expect(TestImage(volumes: ["/data", "/var/lib/postgresql/data", "/system"]).run(check).isEmpty)
    }
}

struct LatestTagTests {
    let check = LatestTag()

    @Test(arguments: [
        "alpine", "alpine:latest", "docker.io/library/nginx:latest", "localhost:5000/app",
        "docker://busybox", "registry:ghcr.io/org/app",
    ])
    func firesForLatest(_ reference: String) {
        #expect(TestImage(reference: reference).run(check).count == 1, "\(reference)")
    }

    @Test(arguments: [
        "alpine:3.19", "localhost:5000/app:1.0", "nginx@sha256:" + String(repeating: "a", count: 64),
        "./image.tar", "/tmp/oci-layout", "oci:dir:tag", "sha256:" + String(repeating: "b", count: 64),
        "0123456789ab", "archive.tar.gz", "registry.example:5000/team/app:latest-rc1",
    ])
    func staysSilentForPinnedOrPathReferences(_ reference: String) {
        #expect(TestImage(reference: reference).run(check).isEmpty, "\(reference)")
    }

    @Test func judgesArchivesByTheirRepoTags() {
        #expect(
            TestImage(reference: "./app.tar", repoTags: ["app:latest"]).messages(check)
                == ["The image's only tags are latest: app:latest"]
        )
        #expect(TestImage(reference: "./app.tar", repoTags: ["app:latest", "app:2.1"]).run(check).isEmpty)
        #expect(TestImage(reference: "./app.tar", repoTags: []).run(check).isEmpty)
    }
}

struct SecretInConfigurationTests {
    let check = SecretInConfiguration()

    @Test func firesForSensitiveNamesWithLiteralValues() {
        let image = TestImage(env: ["PATH=/usr/bin", "DB_PASSWORD=\(FakeSecret.password)", "API_KEY=abc123def456"])
        #expect(
            image.messages(check) == [
                "Environment variable DB_PASSWORD holds a hard-coded secret (value redacted)",
                "Environment variable API_KEY holds a hard-coded secret (value redacted)",
            ]
        )
        #expect(image.run(check).map(\.location.fieldPath) == ["config.Env[1]", "config.Env[2]"])
    }

    @Test func firesForTokenShapedValuesWhateverTheName() {
        let image = TestImage(
            env: ["CONFIG=\(FakeSecret.githubToken)", "DATABASE_URL=postgres://app:\(FakeSecret.urlPassword)@db/app"],
            labels: ["build.ci": FakeSecret.jwt]
        )
        #expect(
            image.messages(check) == [
                "Environment variable CONFIG holds a GitHub token (value redacted)",
                "Environment variable DATABASE_URL holds a password in URL (value redacted)",
                "Label build.ci holds a JSON Web Token (value redacted)",
            ]
        )
    }

    @Test func staysSilentForPublicOrNonSecretValues() {
        let image = TestImage(
            env: [
                "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
                "NGINX_GPGKEY=573BFD6B3D8FBC641079A6ABABF5BD827BD9BF62",
                "PYTHON_SHA256=0419e9085bf51b7a672009b3f50dbf1859acdf18ba725d0ec19aa5c8503f0ea3",
                "POSTGRES_PASSWORD_FILE=/run/secrets/pg", "MYSQL_ALLOW_EMPTY_PASSWORD=yes", "API_TOKEN=${TOKEN}",
                "ACCESS_LOG=/var/log/access.log", "KEYBOARD=us", "AWS_ACCESS_KEY_ID_FILE=/x", "SECRET_KEY_BASE=dummy",
                "JAVA_HOME=/opt/java", "PASSWORD_STORE_DIR=/pass",
            ],
            labels: ["org.opencontainers.image.source": "https://github.com/x/y", "maintainer": "a@b.c"],
            history: [
                "/bin/sh -c #(nop)  ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
                "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends openssl",
            ]
        )
        #expect(image.run(check).isEmpty)
    }

    @Test func findsSecretsInHistoryWithoutRepeatingConfigEnv() {
        let image = TestImage(
            env: ["DB_PASSWORD=\(FakeSecret.password)"],
            history: [
                "/bin/sh -c #(nop)  ENV DB_PASSWORD=\(FakeSecret.password)",
                "|1 NPM_TOKEN=\(FakeSecret.npmToken) /bin/sh -c npm ci",
                "RUN /bin/sh -c curl -u admin:\(FakeSecret.urlPassword) https://repo.example/x # buildkit",
                "RUN /bin/sh -c git clone https://\(FakeSecret.githubToken)@github.com/org/repo # buildkit",
                "/bin/sh -c #(nop)  ENV OLD_SECRET=\(FakeSecret.password)x",
            ]
        )
        let findings = image.run(check)
        #expect(
            findings.map(\.message) == [
                "Environment variable DB_PASSWORD holds a hard-coded secret (value redacted)",
                "History step 1 (RUN) contains a npm token and a hard-coded value for NPM_TOKEN (redacted)",
                "History step 2 (RUN) contains a password on the command line (-u) (redacted)",
                "History step 3 (RUN) contains a GitHub token (redacted)",
                "History step 4 (ENV) contains a hard-coded value for OLD_SECRET (redacted)",
            ]
        )
        #expect(findings[1].location.layer == "sha256:layer1")
        for finding in findings {
            for secret in FakeSecret.all { #expect(!finding.allText.contains(secret), "\(finding.message)") }
        }
    }
}
