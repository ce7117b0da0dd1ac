import SecurityModel
import Testing

@testable import ImageChecks

/// Builds check inputs from small in-memory images.
struct TestImage {
    var metadata: ImageMetadata
    var tree: InMemoryFileTree
    var statistics = ImageFileStatistics()
    var operatingSystem: OperatingSystem?
    var contentTrustEnabled: Bool?
    var hasImageConfiguration: Bool?

    /// An image with a configuration (config digest set), the given files and history.
    init(
        reference: String = "registry.example/app:1.0",
        files: [String: String] = [:],
        user: String? = "10001",
        env: [String] = [],
        labels: [String: String] = [:],
        healthcheck: [String]? = ["CMD", "true"],
        volumes: [String] = [],
        history: [String] = [],
        repoTags: [String] = []
    ) {
        metadata = ImageMetadata(
            reference: reference,
            configDigest: "sha256:" + String(repeating: "c", count: 64),
            repoTags: repoTags,
            os: "linux",
            user: user,
            env: env,
            labels: labels,
            volumes: volumes,
            healthcheck: healthcheck,
            history: history.map { HistoryEntry(createdBy: $0) },
            layers: history.indices.map { LayerInfo(diffID: "sha256:layer\($0)") }
        )
        tree = InMemoryFileTree(files: files)
    }

    var input: ImageCheckInput {
        ImageCheckInput(
            metadata: metadata,
            tree: tree,
            statistics: statistics,
            operatingSystem: operatingSystem,
            contentTrustEnabled: contentTrustEnabled,
            hasImageConfiguration: hasImageConfiguration
        )
    }

    /// Findings of `check` for this image.
    func run(_ check: some ImageCheck) -> [Finding] { check.check(input) }

    /// Messages of `check`'s findings.
    func messages(_ check: some ImageCheck) -> [String] { run(check).map(\.message) }

    /// Adds an entry with metadata only (the content is `size` zero bytes).
    mutating func add(
        _ path: String,
        kind: FileKind = .regular,
        size: Int = 0,
        mode: UInt32 = 0o644,
        uid: Int = 0,
        gid: Int = 0,
        link: String? = nil,
        layer: Int? = nil
    ) {
        let entry = FileEntry(
            path: path,
            kind: kind,
            size: size,
            mode: mode,
            uid: uid,
            gid: gid,
            linkTarget: link,
            layerIndex: layer
        )
        tree.add(entry, content: kind == .regular ? [UInt8](repeating: 0, count: size) : [])
    }

    /// Adds a regular file with text content.
    mutating func add(_ path: String, text: String, mode: UInt32 = 0o644, layer: Int? = nil) {
        tree.add(path, Array(text.utf8), mode: mode, layerIndex: layer)
    }
}

/// Fake credentials assembled at run time, so that no secret-shaped literal sits in the repository
/// (secret scanners would flag the test files). Each has the exact shape real scanners match.
enum FakeSecret {
    static func repeated(_ alphabet: String, _ count: Int, seed: Int) -> String {
        let chars = Array(alphabet)
        return String((0..<count).map { chars[($0 * 7 + seed * 13 + 3) % chars.count] })
    }

    static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    static let alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    static var awsAccessKeyID: String { "AK" + "IA" + repeated(upper, 16, seed: 1) }
    static var awsSecretKey: String { repeated(alnum + "/+", 40, seed: 2) }
    static var githubToken: String { "gh" + "p_" + repeated(alnum, 36, seed: 3) }
    static var gitlabToken: String { "gl" + "pat-" + repeated(alnum, 20, seed: 4) }
    static var slackToken: String {
        "xo" + "xb-" + repeated("0123456789", 12, seed: 5) + "-" + repeated(alnum, 24, seed: 6)
    }
    static var jwt: String {
        "ey" + "J" + repeated(alnum, 20, seed: 7) + ".ey" + "J" + repeated(alnum, 30, seed: 8) + "."
            + repeated(alnum, 43, seed: 9)
    }
    static var password: String { "Pw" + repeated(alnum, 14, seed: 10) + "!" }
    static var urlPassword: String { "u" + repeated(alnum, 12, seed: 11) }
    static var privateKeyBody: String { repeated(alnum + "+/", 64, seed: 12) }
    static var privateKey: String {
        "-----BEGIN " + "RSA PRIVATE KEY-----\n" + privateKeyBody + "\n" + repeated(alnum, 64, seed: 13)
            + "\n-----END " + "RSA PRIVATE KEY-----\n"
    }
    static var npmToken: String { "np" + "m_" + repeated(alnum, 36, seed: 14) }
    static var base64Auth: String { repeated(alnum, 24, seed: 15) + "==" }

    /// Every value above: none may appear in any finding.
    static var all: [String] {
        [
            awsAccessKeyID, awsSecretKey, githubToken, gitlabToken, slackToken, jwt, password, urlPassword,
            privateKeyBody, npmToken, base64Auth,
        ]
    }
}

extension Finding {
    /// Every text field of the finding, for leak assertions.
    var allText: String {
        [
            ruleID, title, message, remediation ?? "", location.snippet ?? "", location.path ?? "",
            location.fieldPath ?? "", location.layer ?? "", location.image ?? "",
        ]
        .joined(separator: "\n")
    }
}
