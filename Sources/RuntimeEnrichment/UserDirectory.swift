internal import Glibc
internal import RuntimeEvents
internal import RuntimeInventory
import Synchronization

/// User and group names for the ids of a process (`user.name`, `group.name`, `user.loginname`).
///
/// Host processes are named from the host's `/etc/passwd` and `/etc/group`, re-read when a file changes
/// (its modification time, size or inode is checked at most once per ``hostRefreshInterval``). Container
/// processes are named from the container's own files, read through `/proc/<pid>/root/etc/…` once per
/// container id and cached (at most ``maximumContainers``; beyond that the cache is emptied by half).
///
/// Files are only read, never executed, at most ``PasswdFile/maximumBytes`` each; every path component
/// below the root is opened without following symbolic links, so a link planted in a container's `/etc`
/// (for example to `/etc/shadow`, which the kernel would resolve against the host's root) is refused: that
/// container's names are then unknown. Unknown ids give nil. Thread-safe.
public final class UserDirectory: Sendable {
    /// How often at most the host's files are checked for changes.
    public let hostRefreshInterval: Duration
    /// Largest number of containers whose tables are cached.
    public let maximumContainers: Int

    private let hostRoot: String
    private let procRoot: String
    private let state = Mutex(State())

    /// The users and groups of one root file system.
    private struct Tables {
        var users = PasswdFile()
        var groups = PasswdFile()
    }

    /// What identifies a version of a file: modification time, size, inode (nil: missing).
    private struct FileVersion: Equatable {
        var modified: timespec
        var size: Int
        var inode: UInt64

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
                && lhs.size == rhs.size && lhs.inode == rhs.inode
        }
    }

    private struct State {
        var host = Tables()
        var hostVersions: [FileVersion?] = [nil, nil]
        var hostLoaded = false
        var hostCheckedAt: ContinuousClock.Instant?
        var containers: [String: Tables] = [:]
    }

    /// A directory over the host root `hostRoot` (whose `etc/passwd` and `etc/group` name host processes)
    /// and the process tree `procRoot`.
    ///
    /// - Parameters:
    ///   - hostRoot: the host's root directory (`/`).
    ///   - procRoot: the process tree (`/proc`); container files are read below `<procRoot>/<pid>/root`.
    ///   - hostRefreshInterval: how often at most the host's files are checked for changes (1 s).
    ///   - maximumContainers: cache bound (1024).
    public init(
        hostRoot: String = "/",
        procRoot: String = "/proc",
        hostRefreshInterval: Duration = .seconds(1),
        maximumContainers: Int = 1024
    ) {
        self.hostRoot = hostRoot
        self.procRoot = procRoot
        self.hostRefreshInterval = hostRefreshInterval
        self.maximumContainers = max(1, maximumContainers)
    }

    /// The names of user `uid`, group `gid` and login user `loginUID` (-1: unset) of process `pid`, which runs
    /// in container `containerID` (`host` or empty for the host). Each is nil when unknown.
    public func names(
        uid: Int64,
        gid: Int64,
        loginUID: Int64,
        pid: Int64,
        containerID: String
    ) -> (user: String?, group: String?, login: String?) {
        let tables = self.tables(pid: pid, containerID: containerID)
        guard let tables else { return (nil, nil, nil) }
        let login = loginUID >= 0 ? tables.users.name(of: loginUID) : nil
        return (tables.users.name(of: uid), tables.groups.name(of: gid), login)
    }

    /// Forgets the cached names of container `containerID` (for example when it is destroyed).
    public func forget(containerID: String) {
        state.withLock { _ = $0.containers.removeValue(forKey: containerID) }
    }

    /// The number of containers whose names are cached.
    public var cachedContainers: Int { state.withLock { $0.containers.count } }

    private func tables(pid: Int64, containerID: String) -> Tables? {
        if containerID.isEmpty || containerID == ContainerInfo.hostID { return hostTables() }
        if let cached = state.withLock({ $0.containers[containerID] }) { return cached }
        guard pid > 0, let loaded = Self.load(root: "\(procRoot)/\(pid)/root") else { return nil }
        state.withLock { state in
            if state.containers.count >= maximumContainers {
                for key in state.containers.keys.prefix(max(1, state.containers.count / 2)) {
                    state.containers.removeValue(forKey: key)
                }
            }
            state.containers[containerID] = loaded
        }
        return loaded
    }

    private func hostTables() -> Tables {
        state.withLock { state in
            let now = ContinuousClock.now
            if let checked = state.hostCheckedAt, now - checked < hostRefreshInterval { return state.host }
            state.hostCheckedAt = now
            let versions = ["etc/passwd", "etc/group"].map { Self.version(root: hostRoot, relative: $0) }
            if !state.hostLoaded || versions != state.hostVersions {
                state.host = Self.load(root: hostRoot) ?? Tables()
                state.hostVersions = versions
                state.hostLoaded = true
            }
            return state.host
        }
    }

    /// Both tables of the file system rooted at `root`; nil when `root` cannot be opened (the process has
    /// gone). A missing or unreadable file gives an empty table.
    private static func load(root: String) -> Tables? {
        let rootDescriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else { return nil }
        defer { _ = close(rootDescriptor) }
        var tables = Tables()
        if let bytes = read(relative: "etc/passwd", below: rootDescriptor) {
            tables.users = PasswdFile(bytes, kind: .passwd)
        }
        if let bytes = read(relative: "etc/group", below: rootDescriptor) {
            tables.groups = PasswdFile(bytes, kind: .group)
        }
        return tables
    }

    /// Calls `body` with a descriptor of the directory holding `relative` (components separated by `/`)
    /// below `directory`, opened without following any symbolic link, and the last component; nil when a
    /// directory on the way cannot be opened.
    private static func withParent<Result>(
        of relative: String,
        below directory: Int32,
        _ body: (Int32, String) -> Result?
    ) -> Result? {
        let components = relative.split(separator: "/").map(String.init)
        guard let last = components.last else { return nil }
        var current = directory
        var owned = false
        defer { if owned { _ = close(current) } }
        for component in components.dropLast() {
            guard component != "..", component != "." else { return nil }
            let next = openat(current, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else { return nil }
            if owned { _ = close(current) }
            current = next
            owned = true
        }
        return body(current, last)
    }

    /// At most ``PasswdFile/maximumBytes`` + 1 bytes of the regular file `relative` below `directory`.
    private static func read(relative: String, below directory: Int32) -> [UInt8]? {
        let opened = withParent(of: relative, below: directory) { parent, name -> Int32? in
            let descriptor = openat(parent, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC)
            return descriptor >= 0 ? descriptor : nil
        }
        guard let descriptor = opened else { return nil }
        defer { _ = close(descriptor) }
        var information = stat()
        guard fstat(descriptor, &information) == 0, information.st_mode & S_IFMT == S_IFREG else { return nil }
        let limit = PasswdFile.maximumBytes + 1
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.read(descriptor, base, wanted)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The version of file `relative` below `root`, or nil when it cannot be opened.
    private static func version(root: String, relative: String) -> FileVersion? {
        let rootDescriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else { return nil }
        defer { _ = close(rootDescriptor) }
        let found = withParent(of: relative, below: rootDescriptor) { parent, name -> stat? in
            var information = stat()
            return fstatat(parent, name, &information, AT_SYMLINK_NOFOLLOW) == 0 ? information : nil
        }
        guard let information = found else { return nil }
        return FileVersion(
            modified: information.st_mtim,
            size: Int(information.st_size),
            inode: UInt64(information.st_ino)
        )
    }
}
