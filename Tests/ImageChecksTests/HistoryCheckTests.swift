import SecurityModel
import Testing

@testable import ImageChecks

struct HistoryStepTests {
    @Test func parsesClassicBuildKitAndOpaqueEntries() {
        let classicRun = HistoryStep(index: 0, createdBy: "/bin/sh -c apt-get update && apt-get install -y curl")
        #expect(classicRun.instruction == "RUN")
        #expect(classicRun.arguments == "apt-get update && apt-get install -y curl")

        let withArgs = HistoryStep(index: 1, createdBy: "|2 A=1 B=two /bin/sh -c make build")
        #expect(withArgs.arguments == "make build")
        #expect(withArgs.runPrefix == "|2 A=1 B=two ")

        let nop = HistoryStep(index: 2, createdBy: "/bin/sh -c #(nop) ADD file:abc123 in / ")
        #expect(nop.instruction == "ADD")
        #expect(nop.arguments == "file:abc123 in /")

        let buildkit = HistoryStep(index: 3, createdBy: "RUN /bin/sh -c apk add --no-cache curl # buildkit")
        #expect(buildkit.instruction == "RUN")
        #expect(buildkit.arguments == "apk add --no-cache curl")

        let pipefail = HistoryStep(index: 4, createdBy: "RUN /bin/bash -o pipefail -c curl x | sh # buildkit")
        #expect(pipefail.arguments == "curl x | sh")

        let env = HistoryStep(index: 5, createdBy: "ENV A=b")
        #expect(env.instruction == "ENV")

        let opaque = HistoryStep(index: 6, createdBy: "bazel build //images:app")
        #expect(opaque.instruction == "RUN")
        #expect(opaque.arguments == "bazel build //images:app")

        let mount = HistoryStep(
            index: 7,
            createdBy: "RUN --mount=type=cache,target=/var/cache/apk /bin/sh -c apk add curl # buildkit"
        )
        #expect(mount.mountsCache(covering: "/var/cache/apk"))
        #expect(!mount.mountsCache(covering: "/var/lib/apt/lists"))
    }

    @Test func attributesLayersOnlyWhenCountsMatch() {
        var metadata = ImageMetadata(
            reference: "x",
            history: [
                HistoryEntry(createdBy: "/bin/sh -c #(nop) ADD file:a in / "),
                HistoryEntry(createdBy: "/bin/sh -c #(nop)  CMD [\"sh\"]", emptyLayer: true),
                HistoryEntry(createdBy: "/bin/sh -c apk add curl"),
            ],
            layers: [LayerInfo(diffID: "sha256:l0"), LayerInfo(diffID: "sha256:l1")]
        )
        #expect(HistoryStep.steps(of: metadata).map(\.layerIndex) == [0, nil, 1])
        metadata.layers.removeLast()
        #expect(HistoryStep.steps(of: metadata).map(\.layerIndex) == [nil, nil, nil])
    }
}

struct ShellScriptTests {
    @Test func splitsCommandsAndHonoursQuotes() {
        let commands = ShellScript.commands(
            in:
                "set -eux; apt-get update && DEBIAN_FRONTEND=noninteractive sudo -u root apt-get install -y 'a b' \"c;d\" | tee log\n# comment && sudo x\nrm -rf /var/lib/apt/lists/*"
        )
        #expect(
            commands.map(\.words) == [
                ["set", "-eux"],
                ["apt-get", "update"],
                ["DEBIAN_FRONTEND=noninteractive", "sudo", "-u", "root", "apt-get", "install", "-y", "a b", "c;d"],
                ["tee", "log"],
                ["rm", "-rf", "/var/lib/apt/lists/*"],
            ]
        )
        #expect(commands[2].name == "sudo")
        #expect(commands[2].invocations.map(\.name) == ["sudo", "apt-get"])
        #expect(
            ShellScript.commands(in: "if true; then gosu app /usr/bin/env X=1 nice -n 5 apk add x; fi")
                .flatMap { $0.invocations.map(\.name) } == ["true", "gosu", "env", "nice", "apk"]
        )
    }

    @Test func joinsContinuationLines() {
        #expect(ShellScript.commands(in: "apk add \\\n  curl").map(\.words) == [["apk", "add", "curl"]])
    }
}

struct UpdateWithoutInstallTests {
    let check = UpdateWithoutInstall()

    @Test func firesForUpdateAlone() {
        let image = TestImage(history: [
            "/bin/sh -c apt-get update", "/bin/sh -c apt-get install -y curl",
            "RUN /bin/sh -c apk update # buildkit",
        ])
        #expect(
            image.messages(check) == [
                "History step 0 runs `apt-get update` without installing anything in the same step",
                "History step 2 runs `apk update` without installing anything in the same step",
            ]
        )
        #expect(image.run(check).first?.location.snippet == "/bin/sh -c apt-get update")
    }

    @Test func staysSilentWhenInstallingInTheSameStep() {
        let image = TestImage(history: [
            "/bin/sh -c apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
            "/bin/sh -c apt-get -q update; apt-get -y upgrade", "/bin/sh -c apk update && apk add curl",
            "/bin/sh -c echo apt-get update",
        ])
        #expect(image.run(check).isEmpty)
    }
}

struct AddInsteadOfCopyTests {
    let check = AddInsteadOfCopy()

    @Test func firesForLaterLocalAdds() {
        let image = TestImage(history: [
            "/bin/sh -c #(nop) ADD file:0123 in / ",
            "/bin/sh -c #(nop) ADD file:4567 in /app/config.yml ",
            "ADD --chown=app:app app.jar /opt/app/ # buildkit",
            "COPY . /src # buildkit",
        ])
        #expect(image.run(check).map(\.location.fieldPath) == ["history[1].created_by", "history[2].created_by"])
    }

    @Test func staysSilentForRootfsArchivesAndURLs() {
        let image = TestImage(history: [
            "ADD alpine-minirootfs-3.19.1-x86_64.tar.gz / # buildkit",
            "ADD vendor.tar.gz /opt/ # buildkit",
            "ADD https://example.com/tool /usr/local/bin/tool # buildkit",
            "ADD rootfs.tar.xz / # buildkit",
            "/bin/sh -c #(nop) COPY file:abc in /app ",
        ])
        #expect(image.run(check).isEmpty)
    }
}

struct RemoteAddTests {
    let check = RemoteAdd()

    @Test func firesForUnverifiedURLs() {
        let image = TestImage(history: [
            "ADD https://example.com/tool.tgz /opt/ # buildkit",
            "ADD http://example.com/plain.sh /x.sh # buildkit",
            "ADD [\"https://user:\(FakeSecret.urlPassword)@example.com/a\", \"/a\"] # buildkit",
        ])
        let findings = image.run(check)
        #expect(findings.map(\.severity) == [.medium, .high, .medium])
        #expect(findings[0].message == "History step 0 ADDs https://example.com/tool.tgz without a checksum")
        #expect(findings[1].message.hasSuffix("over unencrypted transport"))
        #expect(findings[2].message == "History step 2 ADDs https://example.com/a without a checksum")
        #expect(!findings.contains { $0.allText.contains(FakeSecret.urlPassword) })
    }

    @Test func staysSilentForChecksumsAndLocalFiles() {
        let image = TestImage(history: [
            "ADD --checksum=sha256:abcd https://example.com/tool.tgz /opt/ # buildkit",
            "/bin/sh -c #(nop) ADD file:0123 in /opt ",
            "ADD app.jar /opt/ # buildkit",
        ])
        #expect(image.run(check).isEmpty)
    }
}

struct SudoInBuildTests {
    let check = SudoInBuild()

    @Test func firesForSudoAsACommand() {
        let image = TestImage(history: [
            "/bin/sh -c sudo apt-get install -y curl", "/bin/sh -c make && sudo make install",
        ])
        #expect(image.run(check).count == 2)
    }

    @Test func staysSilentForSudoAsAnArgument() {
        let image = TestImage(history: [
            "/bin/sh -c apt-get install -y sudo", "/bin/sh -c echo 'sudo is not used'",
            "/bin/sh -c #(nop)  LABEL note=sudo",
        ])
        #expect(image.run(check).isEmpty)
    }
}

struct DistUpgradeTests {
    let check = DistUpgrade()

    @Test func firesForDistAndFullUpgrade() {
        let image = TestImage(history: [
            "/bin/sh -c apt-get update && apt-get -y dist-upgrade",
            "/bin/sh -c apt full-upgrade -y",
        ])
        #expect(
            image.messages(check) == [
                "History step 0 runs `apt-get dist-upgrade`",
                "History step 1 runs `apt full-upgrade`",
            ]
        )
    }

    @Test func staysSilentForUpgrade() {
        #expect(TestImage(history: ["/bin/sh -c apt-get update && apt-get upgrade -y"]).run(check).isEmpty)
    }
}

struct ApkAddWithoutNoCacheTests {
    let check = ApkAddWithoutNoCache()

    @Test func firesWithoutNoCache() {
        let image = TestImage(history: ["/bin/sh -c apk update && apk add curl", "/bin/sh -c apk --update add git"])
        #expect(image.run(check).count == 2)
    }

    @Test func staysSilentWithNoCacheOrCleanup() {
        let image = TestImage(history: [
            "/bin/sh -c apk add --no-cache curl", "/bin/sh -c apk --no-cache add git",
            "/bin/sh -c apk add curl && rm -rf /var/cache/apk/*",
            "RUN --mount=type=cache,target=/var/cache/apk /bin/sh -c apk add curl # buildkit",
            "/bin/sh -c apk del curl",
        ])
        #expect(image.run(check).isEmpty)
    }
}

struct AptListsNotRemovedTests {
    let check = AptListsNotRemoved()

    @Test func firesWhenListsStay() {
        let image = TestImage(history: ["/bin/sh -c apt-get update && apt-get install -y curl && apt-get clean"])
        #expect(
            image.messages(check) == ["History step 0 runs `apt-get update` but does not remove /var/lib/apt/lists"]
        )
    }

    @Test func staysSilentWhenRemovedOrCached() {
        let image = TestImage(history: [
            "/bin/sh -c apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
            "/bin/sh -c set -eux; apt-get update; apt-get install -y x; rm -rf /var/lib/apt/lists",
            "RUN --mount=type=cache,target=/var/lib/apt,sharing=locked /bin/sh -c apt-get update && apt-get install -y x # buildkit",
            "/bin/sh -c apt-get install -y ./local.deb",
        ])
        #expect(image.run(check).isEmpty)
    }
}
