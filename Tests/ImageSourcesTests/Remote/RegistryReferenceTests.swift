import OCIImage
import TestSupport
import Testing

@testable import ImageSources

@Suite struct RegistryReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var registry: String
        var repository: String
        var tag: String?
        var digest: String?
        var testDescription: String { text }
    }

    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    static let valid: [Case] = [
        Case(text: "alpine", registry: "docker.io", repository: "library/alpine", tag: "latest"),
        Case(text: "alpine:3.19", registry: "docker.io", repository: "library/alpine", tag: "3.19"),
        Case(text: "docker.io/alpine", registry: "docker.io", repository: "library/alpine", tag: "latest"),
        Case(text: "index.docker.io/library/alpine:3", registry: "docker.io", repository: "library/alpine", tag: "3"),
        Case(text: "bitnami/redis:7.2", registry: "docker.io", repository: "bitnami/redis", tag: "7.2"),
        Case(text: "ghcr.io/org/team/app:v1.0_rc-1", registry: "ghcr.io", repository: "org/team/app", tag: "v1.0_rc-1"),
        Case(text: "localhost/app", registry: "localhost", repository: "app", tag: "latest"),
        Case(text: "localhost:5000/a/b:1", registry: "localhost:5000", repository: "a/b", tag: "1"),
        Case(
            text: "127.0.0.1:5000/bulkhead-test/alpine:3.11.13",
            registry: "127.0.0.1:5000",
            repository: "bulkhead-test/alpine",
            tag: "3.11.13"
        ),
        Case(text: "127.0.0.1:5000/x@\(digest)", registry: "127.0.0.1:5000", repository: "x", tag: nil, digest: digest),
        Case(text: "quay.io/a/b:t@\(digest)", registry: "quay.io", repository: "a/b", tag: "t", digest: digest),
        Case(text: "Registry/app", registry: "Registry", repository: "app", tag: "latest"),
        Case(text: "a__b/c.d/e--f:x", registry: "docker.io", repository: "a__b/c.d/e--f", tag: "x"),
        Case(text: "[::1]:5000/app:1", registry: "[::1]:5000", repository: "app", tag: "1"),
    ]

    @Test(arguments: valid)
    func parsesReferences(_ c: Case) throws {
        let reference = try RegistryReference(parsing: c.text)
        #expect(reference.registry == c.registry)
        #expect(reference.repository == c.repository)
        #expect(reference.tag == c.tag)
        #expect(reference.digest == c.digest)
        // The canonical form parses back to the same reference.
        #expect(try RegistryReference(parsing: reference.description) == reference)
    }

    @Test func dockerHubUsesItsAPIHost() throws {
        #expect(try RegistryReference(parsing: "alpine").apiHost == "registry-1.docker.io")
        #expect(try RegistryReference(parsing: "127.0.0.1:5000/a").apiHost == "127.0.0.1:5000")
        #expect(try RegistryReference(parsing: "127.0.0.1:5000/a").isLoopback)
        #expect(try RegistryReference(parsing: "localhost:5000/a").isLoopback)
        #expect(try RegistryReference(parsing: "[::1]:5000/a").isLoopback)
        #expect(try !RegistryReference(parsing: "127.0.0.1.evil.com/a").isLoopback)
        #expect(try !RegistryReference(parsing: "ghcr.io/a").isLoopback)
    }

    @Test(arguments: [
        "", "upper/CASE", "alpine:", "alpine:-bad", "alpine@sha256:abc",
        "alpine@sha256:" + String(repeating: "G", count: 64),
        "a//b", "/alpine", "alpine/", "-a/b", "a-/b", "a..b", "a/b:t:t", "ho st/app", "a/b@", "host:99999/a",
        "alpine:" + String(repeating: "t", count: 129), "a/b\u{0}c", "a/b?x=1", "a/.b",
    ])
    func rejectsInvalidReferences(_ text: String) throws {
        let error = try #require(
            remoteImageError { try RegistryReference(parsing: text) },
            "\(text) should be rejected"
        )
        #expect(error.code == .malformed)
    }

    @Test func rejectsOtherDigestAlgorithmsAsUnsupported() throws {
        let error = try #require(
            remoteImageError { try RegistryReference(parsing: "a@sha512:" + String(repeating: "a", count: 128)) }
        )
        #expect(error.code == .unsupportedFormat)
        #expect(error.message.contains("only sha256"))
    }

    @Test func randomInputsParseOrFailCleanly() {
        var generator = SplitMix64(seed: 11)
        let alphabet = Array("abcXYZ019./:@_-+ %\u{E9}".unicodeScalars)
        var parsed = 0
        for _ in 0..<5000 {
            let length = Int.random(in: 0...30, using: &generator)
            var text = ""
            for _ in 0..<length {
                text.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            do {
                let reference = try RegistryReference(parsing: text)
                parsed += 1
                #expect(RegistryReference.isValidRepository(reference.repository))
                #expect(try RegistryReference(parsing: reference.description) == reference)
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsed > 0)
    }

    @Test func platformsParseAndMatch() throws {
        let amd64 = try RegistryPlatform(parsing: "linux/amd64")
        #expect(amd64 == .linuxAMD64)
        #expect(amd64.matches(os: "linux", architecture: "amd64", variant: nil))
        #expect(amd64.matches(os: "linux", architecture: "x86_64", variant: nil))
        #expect(!amd64.matches(os: "linux", architecture: "arm64", variant: nil))
        #expect(!amd64.matches(os: "windows", architecture: "amd64", variant: nil))
        #expect(!amd64.matches(os: nil, architecture: "amd64", variant: nil))
        let arm64v8 = try RegistryPlatform(parsing: "linux/arm64/v8")
        #expect(arm64v8.matches(os: "linux", architecture: "arm64", variant: nil))
        #expect(arm64v8.matches(os: "linux", architecture: "aarch64", variant: "v8"))
        #expect(!arm64v8.matches(os: "linux", architecture: "arm64", variant: "v9"))
        let armv7 = try RegistryPlatform(parsing: "linux/arm/v7")
        #expect(!armv7.matches(os: "linux", architecture: "arm", variant: "v6"))
        #expect(armv7.description == "linux/arm/v7")
        for bad in ["linux", "linux/", "/amd64", "a/b/c/d", "linux/amd 64"] {
            #expect(throws: ImageError.self) { try RegistryPlatform(parsing: bad) }
        }
    }
}
