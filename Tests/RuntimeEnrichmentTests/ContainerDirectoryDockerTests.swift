import Foundation
import Glibc
import RuntimeEnrichment
import RuntimeEvents
import RuntimeInventory
import TestSupport
import Testing

/// Runs when `BULKHEAD_INTEGRATION=1` (then a missing Docker daemon fails the test) or when a daemon answers.
private let dockerAvailable =
    (try? runProcessBlocking(["docker", "version", "--format", "{{.Server.Version}}"]))?.status == 0
private let integrationEnabled = ProcessInfo.processInfo.environment["BULKHEAD_INTEGRATION"] == "1" || dockerAvailable

@Suite(.serialized, .enabled(if: integrationEnabled, "needs BULKHEAD_INTEGRATION=1 or a running Docker daemon"))
struct ContainerDirectoryDockerTests {
    /// Runs `docker arguments…`, failing the test on a non-zero exit; returns trimmed stdout.
    @discardableResult
    private func docker(_ arguments: String..., stdin: String? = nil) throws -> String {
        let output = try runProcessBlocking(["docker"] + arguments, stdin: stdin)
        try #require(output.status == 0, "docker \(arguments.joined(separator: " ")): \(output.stderr)")
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Imports /bin/busybox as image `name` (never pulls).
    private func importBusybox(as name: String) throws {
        let root = NSTemporaryDirectory() + "/bulkhead-test-b-rootfs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: root + "/bin/busybox")
        for tool in ["sh", "sleep"] {
            try FileManager.default.createSymbolicLink(atPath: root + "/bin/" + tool, withDestinationPath: "busybox")
        }
        let archive = root + ".tar"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let tar = try runProcessBlocking(["tar", "-C", root, "-cf", archive, "."])
        try #require(tar.status == 0, "tar: \(tar.stderr)")
        try docker("import", archive, name)
    }

    @Test func resolvesRenamesAndEvictsARealContainer() throws {
        let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let image = "bulkhead-test-b-image-\(suffix):v1"
        let name = "bulkhead-test-b-web-\(suffix)"
        let renamed = "bulkhead-test-b-renamed-\(suffix)"
        let privilegedName = "bulkhead-test-b-priv-\(suffix)"
        let volume = NSTemporaryDirectory() + "/bulkhead-test-b-volume-\(suffix)"
        try FileManager.default.createDirectory(atPath: volume, withIntermediateDirectories: true)
        try importBusybox(as: image)
        defer {
            _ = try? runProcessBlocking(["docker", "rm", "-f", name, renamed, privilegedName])
            _ = try? runProcessBlocking(["docker", "rmi", "-f", image])
            try? FileManager.default.removeItem(atPath: volume)
        }
        let inbox = EventInbox()
        let directory = ContainerDirectory(eventObserver: { inbox.record($0) })
        directory.startWatching()
        defer { directory.stop() }

        let id = try docker(
            "run",
            "-d",
            "--name",
            name,
            "--label",
            "bulkhead.test=b",
            "--label",
            "io.kubernetes.pod.name=pod-b",
            "--label",
            "io.kubernetes.pod.namespace=ns-b",
            "-v",
            "\(volume):/data:ro",
            image,
            "/bin/sleep",
            "300"
        )
        try #require(id.utf8.count == 64)
        let partial = ContainerInfo(id: String(id.prefix(12)), fullID: id)
        let clock = ContinuousClock()
        let before = clock.now
        let info = directory.container(for: partial)
        let uncached = before.duration(to: clock.now)
        let again = clock.now
        let cached = directory.container(for: partial)
        let cachedTime = again.duration(to: clock.now)
        print("bulkhead-test-b: uncached lookup \(uncached), cached lookup \(cachedTime)")
        #expect(cached == info)
        #expect(info.id == String(id.prefix(12)) && info.fullID == id)
        #expect(info.name == name)
        #expect(info.image == image)
        #expect(info.imageRepository == "bulkhead-test-b-image-\(suffix)" && info.imageTag == "v1")
        #expect(info.imageDigest?.hasPrefix("sha256:") == true)
        #expect(info.runtime == "docker")
        #expect(info.labels["bulkhead.test"] == "b")
        #expect(info.pod?.name == "pod-b" && info.pod?.namespace == "ns-b")
        #expect(info.mounts.contains { $0.destination == "/data" && !$0.readWrite && $0.mode == "ro" })
        #expect(!info.privileged)
        #expect(info.startTime != nil)
        #expect(directory.statistics.hits >= 1)

        let privilegedID = try docker("create", "--privileged", "--name", privilegedName, image, "/bin/sleep", "1")
        let privileged = directory.container(
            for: ContainerInfo(id: String(privilegedID.prefix(12)), fullID: privilegedID)
        )
        #expect(privileged.privileged && privileged.name == privilegedName)

        try docker("rename", name, renamed)
        #expect(inbox.wait(timeout: 20) { $0.containerID == id && $0.action == "rename" })
        #expect(directory.container(for: partial).name == renamed)

        try docker("rm", "-f", renamed)
        #expect(inbox.wait(timeout: 20) { $0.containerID == id && $0.action == "destroy" })
        let gone = directory.container(for: partial)
        #expect(gone == partial)
        print("bulkhead-test-b: directory statistics \(directory.statistics)")
    }

    @Test func primeCachesRunningContainers() throws {
        let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let image = "bulkhead-test-b-image-\(suffix):v1"
        let name = "bulkhead-test-b-prime-\(suffix)"
        try importBusybox(as: image)
        defer {
            _ = try? runProcessBlocking(["docker", "rm", "-f", name])
            _ = try? runProcessBlocking(["docker", "rmi", "-f", image])
        }
        let id = try docker("run", "-d", "--name", name, image, "/bin/sleep", "300")
        let directory = ContainerDirectory()
        #expect(directory.prime() >= 1)
        let fetchesBefore = directory.statistics.fetches
        let info = directory.container(for: ContainerInfo(id: String(id.prefix(12)), fullID: id))
        #expect(info.name == name)
        #expect(directory.statistics.fetches == fetchesBefore)
    }
}

struct ContainerDirectoryWithoutDaemonTests {
    @Test func aMissingSocketGivesThePartialInformationBackQuickly() {
        let directory = ContainerDirectory(environment: ["DOCKER_HOST": "unix:///nonexistent/bulkhead-test-b.sock"])
        #expect(directory.problem == nil)
        let partial = ContainerInfo(id: "954213ab1ad5", fullID: String(repeating: "954213ab1ad5", count: 5) + "0123")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(directory.container(for: partial) == partial)
        let first = start.duration(to: clock.now)
        #expect(directory.container(for: partial) == partial)
        print("bulkhead-test-b: lookup without a daemon took \(first)")
        let statistics = directory.statistics
        #expect(statistics.fetches == 1 && statistics.fetchFailures == 1 && statistics.negativeHits == 1)
        #expect(directory.container(for: .host) == .host)
        #expect(directory.prime() == 0)
        directory.startWatching()
        directory.stop()
    }

    @Test func anInvalidDockerHostIsReportedAndLookupsStillAnswer() {
        let directory = ContainerDirectory(environment: ["DOCKER_HOST": "ftp://nowhere"])
        #expect(directory.problem != nil)
        let partial = ContainerInfo(id: "954213ab1ad5")
        #expect(directory.container(for: partial) == partial)
        directory.startWatching()
        directory.stop()
    }
}
