import Foundation
import KernelSensor
import RuntimeEvents
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The sensor's container id for a process in a Docker container; the image is built here from
/// /bin/busybox with `docker import` (never pulled) and removed at the end.
@Suite(
    .serialized,
    .enabled(
        if: integrationEnabled,
        Comment(rawValue: integrationSkipReason)
    )
)
struct KernelSensorContainerTests {
    static let docker = "/usr/bin/docker"

    @Test func seesAContainerProcessWithItsContainerID() throws {
        try #require(FileManager.default.fileExists(atPath: Self.docker), "no docker CLI at \(Self.docker)")
        try #require(FileManager.default.fileExists(atPath: "/bin/busybox"), "no /bin/busybox (busybox-static)")
        let directory = try SensorTestSupport.scratchDirectory("container")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let image = "bulkhead-test-a-sensor:\(getpid())"
        try Self.buildImage(image, in: directory)
        defer { SensorTestSupport.removeImage(image) }

        let sensor = try KernelSensor(configuration: KernelSensor.Configuration(eventTypes: [.openat]))
        let cidFile = directory + "/container.cid"
        let status = try SensorTestSupport.run(
            Self.docker,
            [
                "run", "--rm", "--cidfile", cidFile, "--name", "bulkhead-test-a-sensor-\(getpid())", image, "/bin/cat",
                "/etc/hostname",
            ]
        ).status
        try #require(status == 0, "docker run exited with \(status)")
        let fullID = try String(contentsOfFile: cidFile, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        func fromContainer(_ event: RuntimeEvent) -> Bool {
            event.type == .openat && event.thread.comm == "cat"
                && event.argument("name")?.stringValue == "/etc/hostname"
                && !event.container.isHost
        }
        let events = try SensorTestSupport.collect(sensor, seconds: 2) { $0.contains(where: fromContainer) }
        let event = try #require(events.first(where: fromContainer), "no openat of /etc/hostname from a container")
        print("kernel sensor container: \(event.container.id) pid \(event.thread.pid) ppid \(event.thread.ppid)")
        #expect(event.container.fullID == fullID)
        #expect(event.container.id == String(fullID.prefix(12)))
    }

    /// `docker import` of a root file system holding busybox as /bin/busybox and /bin/cat.
    static func buildImage(_ image: String, in directory: String) throws {
        let root = directory + "/rootfs"
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: root + "/bin/busybox")
        try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: root + "/bin/cat")
        let tarball = directory + "/rootfs.tar"
        let tar = try SensorTestSupport.run("/bin/tar", ["-C", root, "-cf", tarball, "."]).status
        try #require(tar == 0, "tar exited with \(tar)")
        let imported = try SensorTestSupport.run(docker, ["import", tarball, image]).status
        try #require(imported == 0, "docker import exited with \(imported)")
    }
}

extension SensorTestSupport {
    /// Removes a test image, ignoring failures (it may not exist).
    static func removeImage(_ image: String) {
        _ = try? run(KernelSensorContainerTests.docker, ["rmi", "-f", image])
    }
}
