import Foundation
import SecurityModel
import Testing

@testable import ImageChecks

struct CatalogueTests {
    let checks = ImageCheckCatalogue.all

    /// The repository root, found from this file with symlinks resolved (development packages link the
    /// sources in).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func idsAndSlugsAreUniqueAndWellFormed() {
        let ids = checks.map(\.descriptor.id)
        #expect(ids.count == 25)
        #expect(Set(ids).count == ids.count)
        #expect(Set(checks.map(\.descriptor.slug)).count == ids.count)
        #expect(ids == ids.sorted())
        for d in checks.map(\.descriptor) {
            #expect(d.id.hasPrefix("IMG") && d.id.count == 7 && d.id.dropFirst(3).allSatisfy(\.isNumber), "\(d.id)")
            #expect(d.slug.allSatisfy { $0.isLowercase || $0 == "-" }, "\(d.slug)")
            #expect(d.tags.first == "image", "\(d.id)")
            #expect(!d.remediation.isEmpty && !d.title.isEmpty)
            #expect(d.references.first == "docs/rules/\(d.id).md")
        }
    }

    /// Every implementable dockle checkpoint and CIS 4.x check of the reference catalogue has a check with
    /// its id as an alias; the manual ones (trusted base images, unnecessary packages, rebuilds, verified
    /// packages, signed artefacts) are not implemented.
    @Test func coversDockleAndCISChecks() {
        let aliases = Set(checks.flatMap(\.descriptor.aliases))
        let dockle = [
            "CIS-DI-0001", "CIS-DI-0005", "CIS-DI-0006", "CIS-DI-0007", "CIS-DI-0008", "CIS-DI-0009", "CIS-DI-0010",
            "DKL-DI-0001", "DKL-DI-0002", "DKL-DI-0003", "DKL-DI-0004", "DKL-DI-0005", "DKL-DI-0006",
            "DKL-LI-0001", "DKL-LI-0002", "DKL-LI-0003",
        ]
        for id in dockle { #expect(aliases.contains(id), "\(id)") }
        for number in ["4.1", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10"] { #expect(aliases.contains("CIS \(number)")) }
        #expect(checks.first { $0.descriptor.isNamed("DKL-LI-0001") }?.descriptor.severity == .high)
        #expect(checks.first { $0.descriptor.isNamed("CIS-DI-0001") }?.descriptor.severity == .medium)
        #expect(checks.first { $0.descriptor.isNamed("DKL-LI-0003") }?.descriptor.severity == .info)
    }

    @Test func everyCheckHasADocumentationPage() throws {
        for d in checks.map(\.descriptor) {
            let path = Self.repositoryRoot.appendingPathComponent(d.documentationPath).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("# \(d.id) \(d.slug): "), "\(path)")
            #expect(text.contains("| Severity | \(d.severity) |"), "\(path)")
            for alias in d.aliases { #expect(text.contains(alias), "\(path) lacks \(alias)") }
        }
    }

    @Test func requiredFilesAreTheUnionOfTheChecks() {
        #expect(ImageCheckCatalogue.isRequired("/etc/passwd"))
        #expect(ImageCheckCatalogue.isRequired("/etc/shadow"))
        #expect(ImageCheckCatalogue.isRequired("/etc/group"))
        #expect(ImageCheckCatalogue.isRequired("/root/.npmrc"))
        #expect(!ImageCheckCatalogue.isRequired("/usr/lib/libc.so.6"))
        #expect(!ImageCheckCatalogue.isRequired("/etc/hosts"))
        #expect(!ImageCheckCatalogue.isRequired("/etc/passwd", checks: [SetuidSetgidFile()]))
    }
}

/// Findings must never contain secret values: every check over an image stuffed with real-looking fake
/// credentials in every place a check looks.
struct RedactionTests {
    static var leakyImage: TestImage {
        var image = SecretFileTests.image
        let s = FakeSecret.self
        image.metadata.env = [
            "DB_PASSWORD=\(s.password)", "GH=\(s.githubToken)", "AWS_SECRET_ACCESS_KEY=\(s.awsSecretKey)",
            "AWS_ACCESS_KEY_ID=\(s.awsAccessKeyID)", "SLACK=\(s.slackToken)", "URL=https://u:\(s.urlPassword)@h/x",
        ]
        image.metadata.labels = ["token": s.gitlabToken, "jwt": s.jwt]
        image.metadata.user = "app:\(s.password)"
        image.metadata.volumes = ["/proc/\(s.githubToken)"]
        image.metadata.history = [
            "/bin/sh -c #(nop)  ENV DB_PASSWORD=\(s.password)",
            "|2 TOKEN=\(s.npmToken) KEY=\(s.awsSecretKey) /bin/sh -c sudo apt-get update && curl -H \"Authorization: Bearer \(s.jwt)\" https://x",
            "RUN /bin/sh -c apk add curl && export API_KEY=\(s.gitlabToken) # buildkit",
            "ADD https://u:\(s.urlPassword)@example.com/x /x # buildkit",
            "/bin/sh -c apt-get dist-upgrade --password=\(s.password)",
            "/bin/sh -c echo \(s.slackToken) > /tmp/x && apt-get update && apt-get install -y x",
        ].map { HistoryEntry(createdBy: $0) }
        image.metadata.layers = image.metadata.history.indices.map { LayerInfo(diffID: "sha256:l\($0)") }
        image.contentTrustEnabled = false
        image.metadata.reference = "app:latest"
        return image
    }

    @Test func noFindingContainsASecret() {
        let findings = ImageCheckCatalogue.run(Self.leakyImage.input)
        #expect(findings.count > 25)
        for finding in findings {
            for secret in FakeSecret.all {
                #expect(!finding.allText.contains(secret), "\(finding.ruleID): \(finding.allText)")
            }
        }
        // The history checks fired and their snippets are masked, not dropped.
        let sudo = findings.first { $0.ruleID == "IMG1103" }
        #expect(sudo?.location.snippet?.contains("sudo apt-get update") == true)
        #expect(sudo?.location.snippet?.contains(SecretText.mask) == true)
    }

    @Test func eachCheckAloneLeaksNothing() {
        // Without the catalogue's safety net, too.
        let input = Self.leakyImage.input
        for check in ImageCheckCatalogue.all {
            for finding in check.check(input) {
                for secret in FakeSecret.all {
                    #expect(!finding.allText.contains(secret), "\(finding.ruleID): \(finding.message)")
                }
            }
        }
    }

    @Test func redactionWithholdsTextItCannotMask() {
        let escaped = "PASSWORD=ab\\cd\\ef\\gh"  // The shell value is `abcdefgh`, not in the text as written.
        #expect(SecretText.redact(escaped) == "[withheld: contains a secret]")
        #expect(SecretText.redact("DB_PASSWORD=hunter22 make") == "DB_PASSWORD=******** make")
        #expect(SecretText.redact("apt-get install -y curl") == "apt-get install -y curl")
    }
}
