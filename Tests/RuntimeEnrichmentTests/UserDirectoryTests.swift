import Foundation
import Glibc
import RuntimeEnrichment
import TestSupport
import Testing

/// A host root and a `/proc`-like tree (with `<pid>/root` directories standing for containers' roots) in a
/// private temporary directory, removed by ``remove()``.
private final class FakeRoots {
    let base: String
    var host: String { base + "/host" }
    var proc: String { base + "/proc" }

    init() throws {
        base = NSTemporaryDirectory() + "/bulkhead-test-d-users-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base + "/host/etc", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/proc", withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ text: String) throws {
        let path = base + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        let temporary = path + ".new"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        // A rename gives a new inode, so the change is seen even within the file system's mtime granularity.
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func link(_ relative: String, to target: String) throws {
        let path = base + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        guard symlink(target, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: base) }
}

struct UserDirectoryTests {
    @Test func namesHostProcessesFromTheHostFiles() throws {
        let roots = try FakeRoots()
        defer { roots.remove() }
        try roots.write("host/etc/passwd", "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/home/alice:/bin/sh\n")
        try roots.write("host/etc/group", "root:x:0:\nusers:x:100:alice\n")
        let directory = UserDirectory(hostRoot: roots.host, procRoot: roots.proc)
        let names = directory.names(uid: 1000, gid: 100, loginUID: 0, pid: 1, containerID: "host")
        #expect(names.user == "alice")
        #expect(names.group == "users")
        #expect(names.login == "root")
        let empty = directory.names(uid: 0, gid: 0, loginUID: -1, pid: 1, containerID: "")
        #expect(empty.user == "root" && empty.group == "root" && empty.login == nil)
        let unknown = directory.names(uid: 4242, gid: 4242, loginUID: 4242, pid: 1, containerID: "host")
        #expect(unknown.user == nil && unknown.group == nil && unknown.login == nil)
    }

    @Test func hostFilesAreReadAgainWhenTheyChange() throws {
        let roots = try FakeRoots()
        defer { roots.remove() }
        try roots.write("host/etc/passwd", "alice:x:1000:1000::/:\n")
        let everyTime = UserDirectory(hostRoot: roots.host, procRoot: roots.proc, hostRefreshInterval: .zero)
        let rarely = UserDirectory(hostRoot: roots.host, procRoot: roots.proc, hostRefreshInterval: .seconds(3600))
        #expect(everyTime.names(uid: 1000, gid: 0, loginUID: -1, pid: 1, containerID: "host").user == "alice")
        #expect(rarely.names(uid: 1000, gid: 0, loginUID: -1, pid: 1, containerID: "host").user == "alice")
        #expect(everyTime.names(uid: 1000, gid: 1000, loginUID: -1, pid: 1, containerID: "host").group == nil)

        try roots.write("host/etc/passwd", "alicia:x:1000:1000::/:\nbob:x:1001:1001::/:\n")
        try roots.write("host/etc/group", "staff:x:1000:\n")
        let changed = everyTime.names(uid: 1001, gid: 1000, loginUID: 1000, pid: 1, containerID: "host")
        #expect(changed.user == "bob" && changed.group == "staff" && changed.login == "alicia")
        // Checked at most once per interval: the old table stays until the interval has passed.
        let cached = rarely.names(uid: 1000, gid: 1000, loginUID: -1, pid: 1, containerID: "host")
        #expect(cached.user == "alice" && cached.group == nil)
    }

    @Test func namesContainerProcessesFromTheContainersOwnFilesAndCachesThem() throws {
        let roots = try FakeRoots()
        defer { roots.remove() }
        try roots.write("host/etc/passwd", "root:x:0:0::/:\nhostuser:x:1000:1000::/:\n")
        try roots.write("proc/42/root/etc/passwd", "root:x:0:0::/:\nwww:x:1000:1000::/:\n")
        try roots.write("proc/42/root/etc/group", "wwwgroup:x:1000:\n")
        let directory = UserDirectory(hostRoot: roots.host, procRoot: roots.proc)
        let names = directory.names(uid: 1000, gid: 1000, loginUID: 0, pid: 42, containerID: "0123456789ab")
        #expect(names.user == "www" && names.group == "wwwgroup" && names.login == "root")
        #expect(directory.names(uid: 1000, gid: 0, loginUID: -1, pid: 1, containerID: "host").user == "hostuser")
        #expect(directory.cachedContainers == 1)

        // Another process of the same container, whose /proc entry has gone: the cache answers.
        try FileManager.default.removeItem(atPath: roots.proc + "/42")
        #expect(directory.names(uid: 1000, gid: 0, loginUID: -1, pid: 43, containerID: "0123456789ab").user == "www")
        directory.forget(containerID: "0123456789ab")
        #expect(directory.cachedContainers == 0)
        let gone = directory.names(uid: 1000, gid: 1000, loginUID: 0, pid: 43, containerID: "0123456789ab")
        #expect(gone.user == nil && gone.group == nil && gone.login == nil)
        #expect(directory.cachedContainers == 0, "a process that has gone is not cached as an empty table")
    }

    @Test func aContainerWithoutFilesHasNoNames() throws {
        let roots = try FakeRoots()
        defer { roots.remove() }
        try FileManager.default.createDirectory(atPath: roots.proc + "/7/root", withIntermediateDirectories: true)
        let directory = UserDirectory(hostRoot: roots.host, procRoot: roots.proc)
        let names = directory.names(uid: 0, gid: 0, loginUID: 0, pid: 7, containerID: "scratch")
        #expect(names.user == nil && names.group == nil && names.login == nil)
        #expect(directory.cachedContainers == 1)
        #expect(directory.names(uid: 0, gid: 0, loginUID: 0, pid: 0, containerID: "other").user == nil)
    }

    /// A symbolic link in the container's /etc (to a host file, or a relative one climbing out) is refused,
    /// and so is a FIFO or a directory in place of the file.
    @Test func neverFollowsLinksOrReadsSpecialFiles() throws {
        let roots = try FakeRoots()
        defer { roots.remove() }
        try roots.write("secret/passwd", "leaked:x:1000:1000::/:\n")
        try roots.link("proc/10/root/etc/passwd", to: roots.base + "/secret/passwd")
        try roots.link("proc/11/root/etc/passwd", to: "../../../../secret/passwd")
        try roots.link("proc/12/root/etc", to: roots.base + "/secret")
        try FileManager.default.createDirectory(atPath: roots.proc + "/13/root/etc", withIntermediateDirectories: true)
        try #require(mkfifo(roots.proc + "/13/root/etc/passwd", 0o600) == 0)
        try FileManager.default.createDirectory(
            atPath: roots.proc + "/14/root/etc/passwd",
            withIntermediateDirectories: true
        )
        let directory = UserDirectory(hostRoot: roots.host, procRoot: roots.proc)
        for pid in Int64(10)...14 {
            let names = directory.names(uid: 1000, gid: 1000, loginUID: 1000, pid: pid, containerID: "c\(pid)")
            #expect(names.user == nil && names.group == nil && names.login == nil, "pid \(pid): \(names)")
        }
    }

    @Test func readsAtMostOneMebibyte() throws {
        let roots = try FakeRoots()
        defer { roots.remove() }
        var text = "first:x:1:1::/:\n"
        let filler = String(repeating: "#", count: 1023) + "\n"
        while text.utf8.count < 1_048_576 + 10_000 { text += filler }
        text += "late:x:2:2::/:\n"
        try roots.write("proc/5/root/etc/passwd", text)
        let directory = UserDirectory(hostRoot: roots.host, procRoot: roots.proc)
        #expect(directory.names(uid: 1, gid: 0, loginUID: -1, pid: 5, containerID: "big").user == "first")
        #expect(directory.names(uid: 2, gid: 0, loginUID: -1, pid: 5, containerID: "big").user == nil)
    }

    @Test func theCacheIsBounded() throws {
        let roots = try FakeRoots()
        defer { roots.remove() }
        try roots.write("proc/9/root/etc/passwd", "u:x:5:5::/:\n")
        let directory = UserDirectory(hostRoot: roots.host, procRoot: roots.proc, maximumContainers: 8)
        for index in 0..<100 {
            #expect(directory.names(uid: 5, gid: 5, loginUID: -1, pid: 9, containerID: "c\(index)").user == "u")
            #expect(directory.cachedContainers <= 8)
        }
    }

    @Test func theRealHostFilesNameRoot() {
        let names = UserDirectory().names(uid: 0, gid: 0, loginUID: -1, pid: 1, containerID: "host")
        #expect(names.user == "root" && names.group == "root" && names.login == nil)
    }
}

/// Runs when `BULKHEAD_INTEGRATION=1` (then a missing Docker daemon fails the test) or when a daemon answers
/// and this is root (reading `/proc/<pid>/root` of another user's process needs it).
private let userDirectoryDockerEnabled =
    ProcessInfo.processInfo.environment["BULKHEAD_INTEGRATION"] == "1"
    || (geteuid() == 0
        && (try? runProcessBlocking(["docker", "version", "--format", "{{.Server.Version}}"]))?.status == 0)

@Suite(.serialized, .enabled(if: userDirectoryDockerEnabled, "needs BULKHEAD_INTEGRATION=1 or root and Docker"))
struct UserDirectoryDockerTests {
    @discardableResult
    private func docker(_ arguments: [String]) throws -> String {
        let output = try runProcessBlocking(["docker"] + arguments)
        try #require(output.status == 0, "docker \(arguments.joined(separator: " ")): \(output.stderr)")
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Imports /bin/busybox with `passwd` and `group` (a file's text, or `->target` for a symbolic link) as
    /// image `name` (never pulls).
    private func importImage(_ name: String, passwd: String, group: String) throws {
        let root = NSTemporaryDirectory() + "/bulkhead-test-d-rootfs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: root + "/bin/busybox")
        try FileManager.default.createSymbolicLink(atPath: root + "/bin/sleep", withDestinationPath: "busybox")
        for (file, content) in [("passwd", passwd), ("group", group)] {
            if content.hasPrefix("->") {
                try FileManager.default.createSymbolicLink(
                    atPath: root + "/etc/" + file,
                    withDestinationPath: String(content.dropFirst(2))
                )
            } else {
                try content.write(toFile: root + "/etc/" + file, atomically: true, encoding: .utf8)
            }
        }
        let imported = try runProcessBlocking(["/bin/sh", "-c", "tar -C '\(root)' -c . | docker import - \(name)"])
        try #require(imported.status == 0, "docker import: \(imported.stderr)")
    }

    /// Starts `image` as `user` running `sleep 300`; returns its full id and main pid.
    private func start(_ image: String, name: String, user: String) throws -> (id: String, pid: Int64) {
        let id = try docker(["run", "-d", "--name", name, "--user", user, image, "/bin/sleep", "300"])
        let pid = try #require(Int64(try docker(["inspect", "-f", "{{.State.Pid}}", name])))
        try #require(pid > 0)
        return (id, pid)
    }

    @Test func namesAContainerProcessFromItsOwnFilesAndRefusesALinkToTheHost() throws {
        let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let image = "bulkhead-test-d-users-\(suffix):v1"
        let linked = "bulkhead-test-d-linked-\(suffix):v1"
        let name = "bulkhead-test-d-users-\(suffix)"
        let linkedName = "bulkhead-test-d-linked-\(suffix)"
        let hostFile = NSTemporaryDirectory() + "/bulkhead-test-d-hostpasswd-\(suffix)"
        try "leaked:x:1234:4321::/:\n".write(toFile: hostFile, atomically: true, encoding: .utf8)
        defer {
            _ = try? runProcessBlocking(["docker", "rm", "-f", name, linkedName])
            _ = try? runProcessBlocking(["docker", "rmi", "-f", image, linked])
            try? FileManager.default.removeItem(atPath: hostFile)
        }
        try importImage(
            image,
            passwd: "root:x:0:0:root:/root:/bin/sh\ncontaineruser:x:1234:4321::/home:/bin/sh\n",
            group: "root:x:0:\ncontainergroup:x:4321:\n"
        )
        try importImage(linked, passwd: "->" + hostFile, group: "->" + hostFile)
        let container = try start(image, name: name, user: "1234:4321")
        let escaping = try start(linked, name: linkedName, user: "1234:4321")

        let directory = UserDirectory()
        let names = directory.names(
            uid: 1234,
            gid: 4321,
            loginUID: 0,
            pid: container.pid,
            containerID: String(container.id.prefix(12))
        )
        #expect(names.user == "containeruser")
        #expect(names.group == "containergroup")
        #expect(names.login == "root")
        let refused = directory.names(
            uid: 1234,
            gid: 4321,
            loginUID: 1234,
            pid: escaping.pid,
            containerID: String(escaping.id.prefix(12))
        )
        #expect(refused.user == nil && refused.group == nil && refused.login == nil, "\(refused)")

        // Once cached, the names stay after the container has gone.
        try docker(["rm", "-f", name])
        let cached = directory.names(
            uid: 1234,
            gid: 4321,
            loginUID: -1,
            pid: container.pid,
            containerID: String(container.id.prefix(12))
        )
        #expect(cached.user == "containeruser" && cached.group == "containergroup")
    }
}
