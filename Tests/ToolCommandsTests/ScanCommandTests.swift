import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// `bulkhead scan` options and formats on the corpus alpine:3.10.4 image with a database built from
/// the corpus secdb plus NVD/KEV/EPSS fixtures.
struct ScanCommandTests {
    static let fixtures = Corpus.repositoryPath("Tests/ToolCommandsTests/Fixtures/scan")
    static var image: String? { Corpus.path("images/docker-save/alpine-3.10.4-docker-save.tar.gz") }

    /// One database for the suite (built once, read-only afterwards).
    static let database: String? = {
        guard let corpus = Corpus.root else { return nil }
        let dir = NSTemporaryDirectory() + "bulkhead-scan-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let subset = corpus + "/vulndb/alpine-secdb-vuln-list-subset"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: subset)) ?? []).sorted().map {
            subset + "/" + $0
        }
        return try? ScanCorrectnessTests.buildDatabase(
            [
                ("alpine-vuln-list", "alpine-secdb", files), ("nvd", "nvd", [fixtures + "/nvd-openssl.json"]),
                ("kev", "kev", [fixtures + "/kev.json"]), ("epss", "epss", [fixtures + "/epss.csv"]),
            ],
            in: dir
        )
    }()

    static func scan(_ extra: [String], cwd: String = NSTemporaryDirectory()) throws -> (Int32, CapturedOutput)? {
        guard let image else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return nil
        }
        guard let database else {
            Issue.record("the test database could not be built from the corpus feeds")
            return nil
        }
        return ScanCorrectnessTests.run(["scan", image, "--db", database] + extra, cwd: cwd)
    }

    static func vulnerabilities(_ json: String) throws -> [JSONValue] {
        try JSONParser.parse(json)["results"]?.arrayValue?.flatMap { $0["vulnerabilities"]?.arrayValue ?? [] } ?? []
    }

    @Test func jsonCarriesSeverityCVSSKEVEPSSAndMatchesTheSchema() async throws {
        guard let (code, out) = try Self.scan(["--format", "json"]) else { return }
        #expect(code == 0, "\(out.stderr)")
        let vulns = try Self.vulnerabilities(out.stdout)
        #expect(vulns.count == 20)
        let v3449 = try #require(vulns.first { $0["id"]?.stringValue == "CVE-2021-3449" })
        // Severity from the computed CVSS 3.1 base score, which equals NVD's published one.
        #expect(v3449["severity"]?.stringValue == "medium")
        #expect(v3449["severitySource"]?.stringValue == "cvss:3.1")
        let cvss = v3449["cvss"]?.arrayValue?.first
        #expect(cvss?["baseScore"] == cvss?["publishedScore"])
        #expect(v3449["epss"]?["score"] == .double(0.01234))
        #expect(v3449["cwes"]?.strings == ["CWE-476"])
        let v3450 = try #require(vulns.first { $0["id"]?.stringValue == "CVE-2021-3450" })
        #expect(v3450["severity"]?.stringValue == "high")
        #expect(v3450["kev"]?["dateAdded"]?.stringValue == "2021-11-03")
        #expect(v3450["matchedBecause"]?.stringValue?.contains("1.1.1d-r2") == true)
        let musl = try #require(vulns.first { $0["id"]?.stringValue == "CVE-2020-28928" })
        #expect(musl["severitySource"]?.stringValue == "unknown")
        #expect(musl["fixedVersions"]?.strings == ["1.1.22-r4"])
        if SchemaValidation.hasJSONSchema {
            let errors = try await SchemaValidation.errors(
                of: out.stdout,
                schemaPath: Corpus.repositoryPath("docs/scan.schema.json"),
                draft: .draft2020
            )
            #expect(errors.isEmpty, "\(errors)")
        } else {
            #expect(!Corpus.integrationRequired, "jsonschema missing")
        }
    }

    @Test func tableGroupsByPackageAndSummarises() throws {
        guard let (code, out) = try Self.scan(["--color", "never"]) else { return }
        #expect(code == 0)
        #expect(out.stdout.contains("musl-utils 1.1.22-r3 (apk) from source musl"))
        #expect(out.stdout.contains("CVE-2021-3450"))
        #expect(out.stdout.contains("KEV"))
        #expect(out.stdout.contains("Total: 20 vulnerabilities in 7 of 14 packages"))
        #expect(!out.stdout.contains("\u{1B}["))
        guard let (_, colored) = try Self.scan(["--color", "always"]) else { return }
        #expect(colored.stdout.contains("\u{1B}["))
    }

    @Test func failOnSeverityAndFilters() throws {
        guard let (high, _) = try Self.scan(["--fail-on", "high"]) else { return }
        #expect(high == 1)
        guard let (critical, _) = try Self.scan(["--fail-on", "critical"]) else { return }
        #expect(critical == 0)
        guard let (_, out) = try Self.scan(["--format", "json", "--severity", "high"]) else { return }
        #expect(
            try Self.vulnerabilities(out.stdout).map { $0["id"]?.stringValue } == ["CVE-2021-3450", "CVE-2021-3450"]
        )
        guard let (bad, badOut) = try Self.scan(["--severity", "severe"]) else { return }
        #expect(bad == 2 && badOut.stderr.contains("severe"))
    }

    @Test func ignoreFileHidesUntilExpiryAndSaysSo() throws {
        let dir = try ScanCorrectnessTests.temporaryDirectory("ignore")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        vulnerabilities:
          - id: CVE-2020-28928
            package: musl-utils
            reason: musl-utils binaries are not used at runtime
            expires: 2099-01-01
          - id: CVE-2021-28831
            reason: waiver that ran out
            expires: 2021-01-01
        """.write(toFile: dir + "/.bulkheadignore", atomically: true, encoding: .utf8)
        guard let (code, out) = try Self.scan(["--format", "json"], cwd: dir) else { return }
        #expect(code == 0, "\(out.stderr)")
        let doc = try JSONParser.parse(out.stdout)
        #expect(doc["summary"]?["suppressed"] == .int(1))
        #expect(doc["summary"]?["total"] == .int(19))
        let suppressed = try Self.vulnerabilities(out.stdout).filter { $0["suppressed"] != nil }
        #expect(
            suppressed.count == 1 && suppressed[0]["suppressed"]?["reason"]?.stringValue?.contains("musl-utils") == true
        )
        #expect(doc["notes"]?.strings.contains { $0.contains("CVE-2021-28831") && $0.contains("expired") } == true)
        // The expired entry no longer hides busybox/ssl_client.
        #expect(
            try Self.vulnerabilities(out.stdout).filter {
                $0["id"]?.stringValue == "CVE-2021-28831" && $0["suppressed"] == nil
            }.count == 2
        )
        try "vulnerabilities:\n  - id: CVE-1\n".write(
            toFile: dir + "/.bulkheadignore",
            atomically: true,
            encoding: .utf8
        )
        guard let (bad, badOut) = try Self.scan([], cwd: dir) else { return }
        #expect(bad == 2 && badOut.stderr.contains(".bulkheadignore"))
    }

    @Test func vexInSuppressesAndVexOutRecordsDecisions() throws {
        let dir = try ScanCorrectnessTests.temporaryDirectory("vex")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let vex = dir + "/app.openvex.json"
        try """
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "sec team",
         "timestamp": "2024-06-01T00:00:00Z", "version": 1,
         "statements": [{"vulnerability": {"name": "CVE-2021-3449"},
                         "products": [{"@id": "pkg:apk/alpine/libssl1.1"}],
                         "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
                         "impact_statement": "no TLS server in this image"}]}
        """.write(toFile: vex, atomically: true, encoding: .utf8)
        guard let (code, out) = try Self.scan(["--format", "json", "--vex", vex]) else { return }
        #expect(code == 0, "\(out.stderr)")
        let hidden = try Self.vulnerabilities(out.stdout).filter { $0["suppressed"] != nil }
        #expect(hidden.count == 1)
        #expect(hidden.first?["suppressed"]?["justification"]?.stringValue == "vulnerable_code_not_in_execute_path")
        guard let (_, openvex) = try Self.scan(["--format", "openvex", "--vex", vex]) else { return }
        let statements = try JSONParser.parse(openvex.stdout)["statements"]?.arrayValue ?? []
        #expect(statements.count == 20)
        #expect(statements.filter { $0["status"]?.stringValue == "not_affected" }.count == 1)
        #expect(statements.filter { $0["status"]?.stringValue == "affected" }.count == 19)
        // What we write, we read back: feeding our own OpenVEX in hides exactly the not_affected one.
        let ours = dir + "/ours.openvex.json"
        try openvex.stdout.write(toFile: ours, atomically: true, encoding: .utf8)
        guard let (_, again) = try Self.scan(["--format", "json", "--vex", ours]) else { return }
        #expect(try JSONParser.parse(again.stdout)["summary"]?["suppressed"] == .int(1))
        try "{\"statements\": 3}".write(toFile: vex, atomically: true, encoding: .utf8)
        guard let (bad, badOut) = try Self.scan(["--vex", vex]) else { return }
        #expect(bad == 2 && badOut.stderr.contains(vex))
    }

    @Test func sarifAndCycloneDXAreSchemaValid() async throws {
        guard let (_, sarif) = try Self.scan(["--format", "sarif"]) else { return }
        guard let (_, cdx) = try Self.scan(["--format", "cyclonedx"]) else { return }
        let doc = try JSONParser.parse(cdx.stdout)
        let vulns = doc["vulnerabilities"]?.arrayValue ?? []
        #expect(vulns.count == 11)  // unique ids: apk-tools 2, busybox 1, openssl 7, musl 1
        let refs = Set((doc["components"]?.arrayValue ?? []).compactMap { $0["bom-ref"]?.stringValue })
        #expect(
            vulns.allSatisfy { v in
                (v["affects"]?.arrayValue ?? []).allSatisfy { refs.contains($0["ref"]?.stringValue ?? "") }
            }
        )
        guard SchemaValidation.canValidateSARIF, LocalSchemaValidation.hasReferencing,
            let cdxSchema = Corpus.path("schemas/cyclonedx/bom-1.6.schema.json")
        else {
            #expect(!Corpus.integrationRequired, "schemas or jsonschema missing")
            return
        }
        let sarifErrors = try await SchemaValidation.errors(
            of: sarif.stdout,
            schemaPath: try #require(SchemaValidation.sarifSchemaPath),
            draft: .draft7
        )
        #expect(sarifErrors.isEmpty, "\(sarifErrors)")
        let cdxErrors = try await LocalSchemaValidation.errors(of: [cdx.stdout], schemaPath: cdxSchema, draft: .draft7)
        #expect(cdxErrors.first?.isEmpty == true, "\(cdxErrors)")
    }

    @Test func sbomFileGivesTheSameFindingsAsTheImage() throws {
        guard let image = Self.image else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let database = try #require(Self.database, "the test database could not be built")
        let dir = try ScanCorrectnessTests.temporaryDirectory("sbom")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for format in ["cyclonedx-json", "spdx-json", "json"] {
            let sbom = dir + "/image.\(format).json"
            let (code, out) = ScanCorrectnessTests.run([
                "sbom", image, "--format", format, "--no-cache", "--output", sbom,
            ])
            try #require(code == 0, "\(out.stderr)")
            let (scanCode, scan) = ScanCorrectnessTests.run(["scan", sbom, "--db", database, "--format", "json"])
            #expect(scanCode == 0, "\(format): \(scan.stderr)")
            let fromSBOM = try ScanCorrectnessTests.pairs(scan.stdout) { $0.hasPrefix("CVE-") }
            guard let (_, direct) = try Self.scan(["--format", "json"]) else { return }
            #expect(fromSBOM == (try ScanCorrectnessTests.pairs(direct.stdout) { $0.hasPrefix("CVE-") }), "\(format)")
        }
    }

    @Test func aReleaseTheDatabaseDoesNotCoverIsSaidNotHidden() throws {
        guard let old = Corpus.path("images/alpine-minirootfs/alpine-minirootfs-3.7.3-x86_64.tar.gz") else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let database = try #require(Self.database, "the test database could not be built")
        let (code, out) = ScanCorrectnessTests.run(["scan", old, "--db", database, "--format", "json"])
        #expect(code == 0, "\(out.stderr)")
        let notes = try JSONParser.parse(out.stdout)["notes"]?.strings ?? []
        #expect(notes.contains { $0.contains("no advisories for Alpine 3.7") && $0.contains("13 package") }, "\(notes)")
        guard let (_, covered) = try Self.scan(["--format", "json"]) else { return }
        #expect(
            !(try JSONParser.parse(covered.stdout)["notes"]?.strings ?? []).contains { $0.contains("no advisories") }
        )
    }

    @Test func unusableDatabaseOrTargetExitsTwo() throws {
        guard let image = Self.image else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let dir = try ScanCorrectnessTests.temporaryDirectory("baddb")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (missing, out1) = ScanCorrectnessTests.run(["scan", image, "--db", dir + "/none.db"])
        #expect(missing == 2 && out1.stderr.contains("bulkhead db update"))
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: dir + "/junk.db"))
        let (junk, out2) = ScanCorrectnessTests.run(["scan", image, "--db", dir + "/junk.db"])
        #expect(junk == 2 && out2.stderr.contains("junk.db"))
        guard let database = Self.database else { return }
        let (noTarget, out3) = ScanCorrectnessTests.run(["scan", dir + "/nothing.tar", "--db", database])
        #expect(noTarget == 2 && out3.stderr.contains("nothing.tar"))
        let (notDir, _) = ScanCorrectnessTests.run(["scan", "--fs", image, "--db", database])
        #expect(notDir == 2)
    }
}
