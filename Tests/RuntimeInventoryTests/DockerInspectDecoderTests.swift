import RuntimeEvents
import RuntimeInventory
import SecurityModel
import TestSupport
import Testing

struct DockerInspectDecoderTests {
    @Test func decodesARunningContainerCapturedFromDocker() throws {
        let info = try DockerContainerInspectDecoder.containerInfo(
            from: Array(DockerInspectFixtures.running.utf8),
            subject: "fixture"
        )
        #expect(info.id == "954213ab1ad5")
        #expect(info.fullID == "954213ab1ad5f6bf1c8b2152d1b84b7aae0e1494de57b4ae1513666512771b7e")
        #expect(info.name == "bulkhead-test-b-fixture")
        #expect(info.image == "bulkhead-test-b-busybox:fixture")
        #expect(info.imageRepository == "bulkhead-test-b-busybox")
        #expect(info.imageTag == "fixture")
        #expect(info.imageDigest == "sha256:ddc509ab7747487a57a2f57ecf9b40f42d207d2ba4fb5b0079981d96571daabe")
        #expect(info.runtime == "docker")
        #expect(!info.privileged)
        #expect(info.labels["app"] == "web")
        #expect(
            info.mounts == [
                ContainerInfo.Mount(
                    source: "/tmp/bhb-vol",
                    destination: "/data",
                    mode: "ro",
                    readWrite: false,
                    propagation: "rprivate"
                )
            ]
        )
        #expect(info.pod == ContainerInfo.Pod(name: "web-1", uid: "9c1e-uid", namespace: "shop"))
        #expect(info.healthcheck == ["/bin/sh", "-c", "true"])
        // 2026-11-29T11:36:14.225837003Z
        #expect(info.startTime == 1_795_952_174_225_837_003)
    }

    @Test func decodesACreatedPrivilegedContainer() throws {
        let info = try DockerContainerInspectDecoder.containerInfo(
            from: Array(("[" + DockerInspectFixtures.createdPrivileged + "]").utf8),
            subject: "fixture"
        )
        #expect(info.id == "a6cc4b620e2e")
        #expect(info.name == "bulkhead-test-b-fixture-priv")
        #expect(info.privileged)
        #expect(info.mounts.map(\.destination) == ["/rw"])
        #expect(info.mounts.first?.readWrite == true)
        #expect(info.startTime == nil)
        #expect(info.pod == nil)
    }

    @Test(arguments: [
        ("", "not JSON"),
        ("[]", "holds 0 documents"),
        ("42", "not a JSON object"),
        ("{}", "no valid hexadecimal Id"),
        (#"{"Id":"XYZ"}"#, "no valid hexadecimal Id"),
        (#"{"Id":"../../etc"}"#, "no valid hexadecimal Id"),
        (String(repeating: "[", count: 100_000), "not JSON"),
    ])
    func hostileDocumentsAreErrorsNamingTheSubject(text: String, expected: String) {
        #expect {
            try DockerContainerInspectDecoder.containerInfo(from: Array(text.utf8), subject: "container abc")
        } throws: { error in
            let description = String(describing: error)
            return description.hasPrefix("container abc: ") && description.contains(expected)
        }
    }

    @Test func membersOfTheWrongTypeAreIgnored() throws {
        let text = #"""
            {"Id":"0123456789ab","Name":7,"Config":{"Image":["x"],"Labels":{"a":1,"b":"ok"},"Healthcheck":{"Test":"CMD"}},
             "HostConfig":{"Privileged":"yes"},"Mounts":[1,{"Source":"/s"},{"Destination":"/d","RW":"no"}],
             "State":{"StartedAt":"yesterday"},"Image":null}
            """#
        let info = try DockerContainerInspectDecoder.containerInfo(from: Array(text.utf8), subject: "x")
        #expect(info.id == "0123456789ab" && info.fullID == nil && info.name == nil && info.image == nil)
        #expect(info.labels == ["b": "ok"] && !info.privileged && info.healthcheck == nil && info.startTime == nil)
        #expect(info.mounts == [ContainerInfo.Mount(source: "", destination: "/d")])
    }

    @Test func fuzzedDocumentsNeverCrash() {
        var random = SplitMix64(seed: 0xD0C)
        let base = Array(DockerInspectFixtures.running.utf8)
        var decoded = 0
        for _ in 0..<400 {
            var bytes = base
            for _ in 0..<Int(random.next() % 6 + 1) {
                let index = Int(random.next() % UInt64(bytes.count))
                bytes[index] = random.pick(Array("{}[]\":,0a".utf8) + [UInt8(truncatingIfNeeded: random.next())])
            }
            if let info = try? DockerContainerInspectDecoder.containerInfo(from: bytes, subject: "fuzz") {
                decoded += 1
                #expect(info.id.utf8.count == 12)
            }
        }
        #expect(decoded > 0)
    }

    @Test(
        arguments: [
            ("nginx", "nginx", nil, nil),
            ("nginx:1.27", "nginx", "1.27", nil),
            ("docker.io/library/nginx:1.27", "docker.io/library/nginx", "1.27", nil),
            ("registry.local:5000/team/app", "registry.local:5000/team/app", nil, nil),
            ("registry.local:5000/team/app:v2", "registry.local:5000/team/app", "v2", nil),
            ("app@sha256:abc", "app", nil, "sha256:abc"),
            ("localhost:5000/app:1@sha256:abc", "localhost:5000/app", "1", "sha256:abc"),
            ("app:", "app", nil, nil),
            ("", "", nil, nil),
        ] as [(String, String, String?, String?)]
    )
    func imageReferencesSplitIntoRepositoryTagAndDigest(
        reference: String,
        repository: String,
        tag: String?,
        digest: String?
    ) {
        #expect(
            ImageReferenceParts.split(reference)
                == ImageReferenceParts(repository: repository, tag: tag, digest: digest)
        )
    }

    @Test func imageReferenceSplitRoundTrips() {
        var random = SplitMix64(seed: 0x1A6)
        for _ in 0..<1000 {
            let host = random.oneIn(2) ? "" : random.pick(["reg.io/", "reg.io:5000/", "localhost:1/"])
            let path = random.pick(["a", "team/app", "x/y/z"])
            let tag = random.oneIn(2) ? nil : random.pick(["1", "latest", "v1.2-rc"])
            let digest = random.oneIn(2) ? nil : "sha256:" + random.pick(["ab", "0f9"])
            let reference = host + path + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0 } ?? "")
            #expect(
                ImageReferenceParts.split(reference)
                    == ImageReferenceParts(repository: host + path, tag: tag, digest: digest)
            )
        }
    }

    @Test func timestamps() {
        #expect(RFC3339Timestamp.nanosecondsSinceEpoch("1970-01-01T00:00:00Z") == 0)
        #expect(RFC3339Timestamp.nanosecondsSinceEpoch("1970-01-01T00:00:01.5Z") == 1_500_000_000)
        #expect(RFC3339Timestamp.nanosecondsSinceEpoch("2000-03-01T00:00:00Z") == 951_868_800_000_000_000)
        #expect(RFC3339Timestamp.nanosecondsSinceEpoch("2000-03-01T02:00:00+02:00") == 951_868_800_000_000_000)
        #expect(RFC3339Timestamp.nanosecondsSinceEpoch("2026-11-29T11:36:14.1234567891Z") == 1_795_952_174_123_456_789)
        #expect(RFC3339Timestamp.nanosecondsSinceEpoch("0001-01-01T00:00:00Z") == nil)
        for bad in [
            "", "2026-11-29", "2026-13-01T00:00:00Z", "2026-11-29T11:36:14.Z", "2026-11-29T11:36:14",
            "2026-11-29T11:36:14Zx",
        ] {
            #expect(RFC3339Timestamp.nanosecondsSinceEpoch(bad) == nil)
        }
        var random = SplitMix64(seed: 3)
        for _ in 0..<2000 {
            let text = String(
                decoding: (0..<Int(random.next() % 40)).map { _ in random.pick(Array("0123456789-T:.Z+".utf8)) },
                as: UTF8.self
            )
            _ = RFC3339Timestamp.nanosecondsSinceEpoch(text)
        }
    }
}
