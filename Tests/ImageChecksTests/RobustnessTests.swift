import SecurityModel
import TestSupport
import Testing

@testable import ImageChecks

/// Parsers and checks never crash on hostile input: random bytes, truncations and mutations of valid
/// inputs (property/fuzz tests with fixed seeds).
struct RobustnessTests {
    static let samples = [
        "/bin/sh -c set -eux; apt-get update && apt-get install -y 'a b' \"c;d\" | tee log && rm -rf /var/lib/apt/lists/*",
        "|2 A=1 TOKEN=abc /bin/sh -c sudo -u x apk --no-cache add curl",
        "/bin/sh -c #(nop) ADD file:abc in / ",
        "ADD [\"https://u:p@example.com/a\", \"/a\"] # buildkit",
        "RUN --mount=type=cache,target=/var/cache/apk /bin/bash -o pipefail -c curl https://x | sh # buildkit",
        "root:x:0:0:root:/root:/bin/sh\nbin::1:1::/:\n+nis\n",
        "[default]\naws_secret_access_key = abc\nexport A=\"b c\" # note\nkey: 'v'\n//r/:_authToken=x\n",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n eyJhbGciOi.eyJzdWIiOiIx.sig https://a:b@c",
        "{\"auths\": {\"x\": {\"auth\": \"abc\"}}, \"type\": \"service_account\", \"private_key\": \"k\"}",
    ]

    static let alphabet = Array("ab=:/ \t\n\\'\"|&;()#$@-_.{}[]*!AKIAghp_eyJ-----BEGIN PRIVATE KEY".utf8)

    static func mutations(of sample: String, count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let bytes = Array(sample.utf8)
        var result: [String] = []
        for _ in 0..<count {
            var b = bytes
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:  // Truncate.
                b = Array(b.prefix(Int.random(in: 0...b.count, using: &rng)))
            case 1:  // Flip bytes.
                for _ in 0..<Int.random(in: 1...4, using: &rng) where !b.isEmpty {
                    b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            case 2:  // Insert characters that matter to the parsers.
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    let c = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                    b.insert(c, at: Int.random(in: 0...b.count, using: &rng))
                }
            default:  // Random bytes.
                b = (0..<Int.random(in: 0...200, using: &rng)).map { _ in
                    Bool.random(using: &rng)
                        ? alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                        : UInt8.random(in: 0...255, using: &rng)
                }
            }
            result.append(String(decoding: b, as: UTF8.self))
        }
        return result
    }

    @Test(arguments: Array(samples.enumerated()))
    func parsersSurviveMutations(_ indexed: (offset: Int, element: String)) {
        for text in Self.mutations(of: indexed.element, count: 300, seed: UInt64(indexed.offset) &+ 0xB01D) {
            let step = HistoryStep(index: 0, createdBy: text)
            _ = step.commands.map(\.invocations)
            _ = step.mountsCache(covering: "/var/cache/apk")
            _ = AddInsteadOfCopy.operands(of: step)
            _ = ShellScript.words(in: text)
            _ = AccountFile.lines(text)
            _ = KeyValueLines.parse(text)
            _ = SecretPatterns.scan(text)
            _ = SecretPatterns.containsPrivateKey(Array(text.utf8))
            _ = ImageReferenceTag.classify(text)
            _ = SecretFileKind.candidate(for: text)
            _ = PackageCacheLocation.of(text)
            // Redaction never returns a secret it found.
            let redacted = SecretText.redact(text)
            for hit in SecretText.find(in: text) where hit.value.count >= 4 {
                #expect(!redacted.contains(hit.value), "\(text)")
            }
            #expect(SecretText.excerpt(redacted, limit: 40).count <= 40)
        }
    }

    @Test func checksSurviveMutatedImages() {
        var rng = SplitMix64(seed: 42)
        for round in 0..<40 {
            var image = TestImage(
                reference: Self.mutations(of: "registry.example/app:1.0", count: 1, seed: UInt64(round))[0],
                user: Self.mutations(of: "app", count: 1, seed: UInt64(round) + 1)[0]
            )
            image.metadata.env = Self.mutations(of: "DB_PASSWORD=abc def", count: 5, seed: UInt64(round))
            image.metadata.history = Self.samples.flatMap { Self.mutations(of: $0, count: 2, seed: UInt64(round)) }
                .map { HistoryEntry(createdBy: $0, emptyLayer: Bool.random(using: &rng)) }
            image.metadata.volumes = Self.mutations(of: "/proc/x", count: 3, seed: UInt64(round))
            for (i, sample) in Self.samples.enumerated() {
                let content = Self.mutations(of: sample, count: 1, seed: UInt64(round * 31 + i))[0]
                for path in [
                    "/etc/passwd", "/etc/shadow", "/etc/group", "/root/.aws/credentials", "/app/.env",
                    "/root/.docker/config.json", "/root/.npmrc", "/k/key.json", "/root/.netrc",
                ] where Bool.random(using: &rng) {
                    image.add(path, text: content)
                }
            }
            image.add(Self.mutations(of: "/usr/bin/gcc-12", count: 1, seed: UInt64(round))[0], size: 3, mode: 0o4777)
            image.add("/usr/bin/cc", kind: .symlink, link: "../../../../../cc")
            image.add("/loop/a", kind: .symlink, link: "/loop/b")
            image.add("/loop/b", kind: .symlink, link: "/loop/a")
            image.add("/usr/bin/loop", kind: .symlink, link: "/loop/a")
            image.statistics = ImageFileStatistics(
                layers: [
                    LayerStatistics(
                        index: 0,
                        addedBytes: Int.random(in: 0...1000, using: &rng),
                        entryCount: 1,
                        deletionCount: 0
                    )
                ],
                wastedFiles: [
                    WastedFile(
                        path: "/x",
                        wastedBytes: Int.random(in: 0...5000, using: &rng),
                        layerIndices: [7],
                        deleted: true
                    )
                ]
            )
            image.operatingSystem = OperatingSystem(id: "x", isDistroless: Bool.random(using: &rng))
            image.contentTrustEnabled = Bool.random(using: &rng)
            _ = ImageCheckCatalogue.run(image.input)
        }
    }
}
