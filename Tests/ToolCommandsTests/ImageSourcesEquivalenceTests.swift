import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// The same image read from five sources — the rootfs tarball, the Docker Engine (after
/// `docker import`), a `docker save` archive, an OCI layout made by skopeo, and a real registry on
/// 127.0.0.1 — gives the same package list.
@Suite(.serialized)
struct ImageSourcesEquivalenceTests {
    static var servicesAvailable: Bool {
        FileManager.default.fileExists(atPath: "/var/run/docker.sock")
            && (try? runProcessBlocking(["skopeo", "--version"]).status) == 0
    }

    static func packages(_ argument: String, extra: [String] = []) throws -> [String] {
        let (io, out) = CommandIO.capturing(environment: ProcessInfo.processInfo.environment, currentDirectory: "/")
        let code = Bulkhead.run(arguments: ["sbom", argument, "--format", "json", "--no-cache"] + extra, io: io)
        guard code == 0 else { throw ProcessLaunchError(message: "sbom \(argument) failed (\(code)): \(out.stderr)") }
        let doc = try JSONParser.parse(out.stdout)
        return (doc["packages"]?.arrayValue ?? []).map { p in
            ["name", "version", "type", "purl", "sourceName"].map { p[$0]?.stringValue ?? "-" }.joined(separator: " ")
        }.sorted()
    }

    static func sh(_ command: String) throws {
        let r = try runProcessBlocking(["/bin/sh", "-c", command])
        guard r.status == 0 else { throw ProcessLaunchError(message: "\(command): \(r.stderr)") }
    }

    @Test(.enabled(if: Corpus.integrationRequired || servicesAvailable))
    func sbomIsIdenticalFromAllFiveSources() throws {
        try #require(Self.servicesAvailable, "dockerd and skopeo are required (scripts/start-services.sh)")
        let tarball = try #require(
            Corpus.path("images/alpine-minirootfs/alpine-minirootfs-3.11.13-x86_64.tar.gz"),
            "corpus missing"
        )
        let work = NSTemporaryDirectory() + "bulkhead-five-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let tag = "bulkhead-test/five:3.11.13"
        let port = ProcessInfo.processInfo.environment["BULKHEAD_REGISTRY_PORT"] ?? "5000"
        try Self.sh("docker import \(tarball) \(tag) >/dev/null")
        try Self.sh("docker save -o \(work)/saved.tar \(tag)")
        try Self.sh("skopeo copy --quiet docker-daemon:\(tag) oci:\(work)/layout:five")
        try Self.sh(
            "skopeo copy --quiet --dest-tls-verify=false docker-daemon:\(tag) docker://127.0.0.1:\(port)/\(tag)"
        )

        let fromTarball = try Self.packages("rootfs:\(tarball)")
        #expect(fromTarball.count == 14)
        let sources: [(String, [String])] = [
            ("docker engine", try Self.packages("docker:\(tag)")),
            ("docker save archive", try Self.packages("\(work)/saved.tar")),
            ("OCI layout (skopeo)", try Self.packages("oci:\(work)/layout:five")),
            ("registry", try Self.packages("registry:127.0.0.1:\(port)/\(tag)", extra: ["--insecure-registry"])),
        ]
        for (name, list) in sources {
            #expect(list == fromTarball, "\(name) differs from the rootfs tarball")
        }
    }
}
