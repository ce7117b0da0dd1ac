import Foundation
import OCIImage
import Testing

@testable import ImageSources

@Suite struct DockerCredentialStoreTests {
    static func auth(_ user: String, _ password: String) -> String {
        RemoteText.base64Encode(Array("\(user):\(password)".utf8))
    }

    @Test func readsAuthsFromDockerConfig() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        try dir.write(
            "config.json",
            """
            {"auths": {
              "127.0.0.1:5001": {"auth": "\(Self.auth("alice", "s3cr:et"))"},
              "https://index.docker.io/v1/": {"auth": "\(Self.auth("hubuser", "hubpass"))"},
              "http://localhost:5002/v2/": {"username": "bob", "password": "pw"},
              "ghcr.io": {"identitytoken": "opaque"}
            }, "credsStore": "desktop"}
            """
        )
        let store = DockerCredentialStore(environment: ["DOCKER_CONFIG": dir.path, "HOME": "/nonexistent"])
        #expect(store.configPath == dir.path + "/config.json")
        #expect(
            try store.credentials(forRegistry: "127.0.0.1:5001")
                == RegistryCredentials(username: "alice", password: "s3cr:et")
        )
        #expect(
            try store.credentials(forRegistry: "docker.io")
                == RegistryCredentials(username: "hubuser", password: "hubpass")
        )
        #expect(
            try store.credentials(forRegistry: "localhost:5002") == RegistryCredentials(username: "bob", password: "pw")
        )
        #expect(
            try store.credentials(forRegistry: "ghcr.io")
                == RegistryCredentials(username: "", password: "", identityToken: "opaque")
        )
        #expect(try store.credentials(forRegistry: "127.0.0.1:5000") == nil)
        #expect(RegistryCredentials(username: "alice", password: "s3cr:et").description == "alice:<redacted>")
    }

    @Test func homeIsUsedWithoutDockerConfig() {
        let store = DockerCredentialStore(environment: ["HOME": "/home/someone"])
        #expect(store.configPath == "/home/someone/.docker/config.json")
        #expect(DockerCredentialStore.anonymous.configPath == nil)
    }

    @Test func aMissingConfigMeansNoCredentials() throws {
        let store = DockerCredentialStore(configPath: "/nonexistent/config.json")
        #expect(try store.credentials(forRegistry: "docker.io") == nil)
    }

    @Test func malformedConfigsAreErrorsThatDoNotLeakSecrets() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        try dir.write("bad/config.json", "{\"auths\": {")
        let error = try #require(
            remoteImageError {
                try DockerCredentialStore(configPath: dir.path + "/bad/config.json").credentials(forRegistry: "x.io")
            }
        )
        #expect(error.code == .malformed)
        #expect(error.subject.hasSuffix("bad/config.json"))

        try dir.write("b64/config.json", "{\"auths\": {\"x.io\": {\"auth\": \"!!notbase64-secret!!\"}}}")
        let b64 = try #require(
            remoteImageError {
                try DockerCredentialStore(configPath: dir.path + "/b64/config.json").credentials(forRegistry: "x.io")
            }
        )
        #expect(b64.code == .malformed)
        #expect(!b64.message.contains("notbase64-secret"))
        #expect(b64.message.contains("auths[\"x.io\"]"))
    }

    /// Writes an executable `docker-credential-<name>` script into `dir`.
    static func helper(_ dir: RemoteTempDirectory, name: String, script: String) throws {
        try dir.write("bin/docker-credential-\(name)", "#!/bin/sh\n" + script)
        _ = chmod(dir.path + "/bin/docker-credential-\(name)", 0o755)
    }

    @Test func credentialHelpersAnswerFirstAndFallBackToAuths() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        try Self.helper(
            dir,
            name: "fake",
            script: """
                read url
                case "$url" in
                  127.0.0.1:5001) echo '{"ServerURL":"127.0.0.1:5001","Username":"helperuser","Secret":"helper-pw"}' ;;
                  https://index.docker.io/v1/) echo '{"ServerURL":"x","Username":"<token>","Secret":"refresh-1"}' ;;
                  *) echo "credentials not found in native keychain"; exit 1 ;;
                esac
                """
        )
        try Self.helper(dir, name: "broken", script: "echo 'secret-tool exploded' >&2; exit 3\n")
        try dir.write(
            "config.json",
            """
            {"auths": {"127.0.0.1:5002": {"auth": "\(Self.auth("fileuser", "file-pw"))"}},
             "credsStore": "fake", "credHelpers": {"broken.example": "broken", "missing.example": "not-installed"}}
            """
        )
        let store = DockerCredentialStore(environment: [
            "DOCKER_CONFIG": dir.path, "PATH": dir.path + "/bin:/usr/bin:/bin",
        ])
        #expect(
            try store.credentials(forRegistry: "127.0.0.1:5001")
                == RegistryCredentials(username: "helperuser", password: "helper-pw")
        )
        #expect(
            try store.credentials(forRegistry: "docker.io")
                == RegistryCredentials(username: "", password: "", identityToken: "refresh-1")
        )
        // The helper has nothing for this one: the auths entry answers.
        #expect(
            try store.credentials(forRegistry: "127.0.0.1:5002")
                == RegistryCredentials(username: "fileuser", password: "file-pw")
        )
        #expect(try store.credentials(forRegistry: "missing.example") == nil)
        let failure = try #require(remoteImageError { try store.credentials(forRegistry: "broken.example") })
        #expect(failure.code == .authentication)
        #expect(failure.subject == "credential helper docker-credential-broken")
        #expect(failure.message.contains("exit 3"))
    }

    @Test func aHangingCredentialHelperTimesOut() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        try Self.helper(dir, name: "slow", script: "exec sleep 30\n")
        try dir.write("config.json", "{\"credsStore\": \"slow\"}")
        var store = DockerCredentialStore(environment: [
            "DOCKER_CONFIG": dir.path, "PATH": dir.path + "/bin:/usr/bin:/bin",
        ])
        store.helperTimeout = .milliseconds(300)
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(remoteImageError { try store.credentials(forRegistry: "x.example") })
        #expect(error.code == .authentication)
        #expect(error.message.contains("did not answer within 0.3 s"))
        #expect(clock.now - start < .seconds(10))
    }
}
