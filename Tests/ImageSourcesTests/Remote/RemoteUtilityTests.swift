import Foundation
import OCIImage
import TestSupport
import Testing

@testable import ImageSources

@Suite struct RemoteUtilityTests {
    @Test func sha256KnownVectors() {
        #expect(
            RemoteSHA256.digest([UInt8]()) == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
        #expect(
            RemoteSHA256.digest(Array("abc".utf8))
                == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        #expect(
            RemoteSHA256.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
        #expect(
            RemoteSHA256.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        )
    }

    @Test func sha256IncrementalEqualsOneShotAndSha256sum() async throws {
        var generator = SplitMix64(seed: 1)
        let data = (0..<100_003).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var hasher = RemoteSHA256()
        var index = 0
        while index < data.count {
            let n = min(data.count - index, Int.random(in: 1...200, using: &generator))
            hasher.update(Array(data[index..<(index + n)]))
            index += n
        }
        let incremental = "sha256:" + RemoteText.hex(hasher.finalize())
        #expect(incremental == RemoteSHA256.digest(data))
        // Independent oracle: coreutils sha256sum, when present.
        guard (try? runProcessBlocking(["sha256sum", "--version"]).status) == 0 else {
            #expect(Bool(!Corpus.integrationRequired), "sha256sum is missing")
            return
        }
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 100_003] {
            let file = dir.path + "/d\(length)"
            try Data(data[0..<length]).write(to: URL(fileURLWithPath: file))
            let out = try await runProcess(["sha256sum", file])
            #expect(
                out.stdout.split(separator: " ").first.map { "sha256:" + $0 } == RemoteSHA256.digest(data[0..<length])
            )
        }
    }

    @Test func base64RoundTripsAndRejectsJunk() {
        var generator = SplitMix64(seed: 9)
        for length in 0..<100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = RemoteText.base64Encode(bytes)
            #expect(encoded == Data(bytes).base64EncodedString())
            #expect(RemoteText.base64Decode(encoded) == bytes)
        }
        #expect(RemoteText.base64Decode("dXNlcjpwYXNz") == Array("user:pass".utf8))
        #expect(RemoteText.base64Decode("a") == nil)
        #expect(RemoteText.base64Decode("ab=c") == nil)
        #expect(RemoteText.base64Decode("a*bc") == nil)
    }

    @Test func printableEscapesControlBytes() {
        #expect(RemoteText.printable([0x41, 0x0D, 0x0A, 0x00, 0xFF, 0x5C]) == "A\\r\\n\\x00\\xff\\\\")
        #expect(RemoteText.printable([UInt8](repeating: 0x41, count: 10), limit: 3) == "AAA…")
    }

    @Test func dockerHostSelectsTheEndpoint() throws {
        #expect(try HTTPEndpoint.dockerHost(environment: [:]) == .unix(path: "/var/run/docker.sock"))
        #expect(try HTTPEndpoint.dockerHost(environment: ["DOCKER_HOST": ""]) == .unix(path: "/var/run/docker.sock"))
        #expect(
            try HTTPEndpoint.dockerHost(environment: ["DOCKER_HOST": "unix:///run/user/1000/docker.sock"])
                == .unix(path: "/run/user/1000/docker.sock")
        )
        #expect(
            try HTTPEndpoint.dockerHost(environment: ["DOCKER_HOST": "tcp://127.0.0.1:2375"])
                == .tcp(host: "127.0.0.1", port: 2375)
        )
        #expect(
            try HTTPEndpoint.dockerHost(environment: ["DOCKER_HOST": "tcp://localhost"])
                == .tcp(host: "localhost", port: 2375)
        )
        #expect(
            try HTTPEndpoint.dockerHost(environment: ["DOCKER_HOST": "tcp://[::1]:2376/"])
                == .tcp(host: "::1", port: 2376)
        )
        #expect(HTTPEndpoint.tcp(host: "::1", port: 2376).description == "tcp://[::1]:2376")
        for bad in [
            "ssh://user@host", "npipe:////./pipe/docker_engine", "unix://relative", "tcp://host:notaport",
            "tcp://:2375", "tcp://h:1/x",
        ] {
            let error = try #require(
                remoteImageError { try HTTPEndpoint.dockerHost(environment: ["DOCKER_HOST": bad]) },
                "\(bad)"
            )
            #expect(error.subject == "DOCKER_HOST")
            #expect(error.message.contains(bad))
        }
        let tls = try #require(
            remoteImageError {
                try HTTPEndpoint.dockerHost(environment: ["DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS_VERIFY": "1"])
            }
        )
        #expect(tls.message.contains("TLS"))
    }

    @Test func parsesAuthenticationChallenges() {
        let bearer = AuthChallenge.parse([
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\""
        ])
        #expect(bearer.count == 1)
        #expect(bearer.first?.scheme == "bearer")
        #expect(bearer.first?.parameters["realm"] == "https://auth.docker.io/token")
        #expect(bearer.first?.parameters["service"] == "registry.docker.io")
        #expect(bearer.first?.parameters["scope"] == "repository:library/alpine:pull")

        let two = AuthChallenge.parse([
            "Basic realm=\"Registry Realm\", Bearer realm=http://127.0.0.1:1/token,service=x"
        ])
        #expect(two.map(\.scheme) == ["basic", "bearer"])
        #expect(two.first?.parameters["realm"] == "Registry Realm")
        #expect(two.last?.parameters["realm"] == "http://127.0.0.1:1/token")

        let escaped = AuthChallenge.parse(["Basic realm=\"a \\\"quoted\\\" realm\", charset=UTF-8"])
        #expect(escaped.first?.parameters["realm"] == "a \"quoted\" realm")
        #expect(escaped.first?.parameters["charset"] == "UTF-8")

        let token68 = AuthChallenge.parse(["Negotiate abc==, Basic realm=x"])
        #expect(token68.map(\.scheme) == ["negotiate", "basic"])
        #expect(AuthChallenge.parse(["", "   ", "=,=,\""]).isEmpty)
    }

    @Test func challengeParsingSurvivesNoise() {
        var generator = SplitMix64(seed: 4)
        let alphabet = Array("Bearer realm=\"\\,; x=y".utf8) + [0, 0xFF, 0x09]
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
                alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
            }
            let challenges = AuthChallenge.parse([String(decoding: bytes, as: UTF8.self)])
            #expect(challenges.allSatisfy { !$0.scheme.isEmpty })
        }
    }
}
