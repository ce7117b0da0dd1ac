internal import Glibc
import RuntimeEvents
import RuntimeInventory

/// Reads every process of `/proc` at sensor start, so that events of processes started before the sensor
/// still have their program, command line, credentials and container.
///
/// Per process it reads `stat` and `status` (required: a process whose files are missing or malformed is
/// counted, never fatal), `cmdline`, `loginuid` and `cgroup`, and the `exe` and `cwd` links (optional: a
/// kernel thread has no command line or executable, another user's process may hide them). Every file is
/// read non-blocking, without following symbolic links, up to ``readLimit`` bytes.
public struct HostProcessScanner: Sendable {
    /// Largest number of bytes read from one file (64 KiB unless given).
    public var readLimit: Int

    /// A scanner reading at most `readLimit` bytes per file.
    public init(readLimit: Int = 64 * 1024) {
        self.readLimit = max(1024, readLimit)
    }

    /// Scans `procRoot` (a `/proc`-like tree: numeric process directories and a `stat` file with `btime`).
    public func scan(procRoot: String = "/proc") -> HostProcessSnapshot {
        let reader = ProcFileReader(limit: readLimit)
        var snapshot = HostProcessSnapshot()
        guard let pids = reader.processIDs(in: procRoot) else {
            snapshot.problems.append("\(procRoot): cannot list the directory")
            return snapshot
        }
        var bootTime: Int64?
        if case .contents(let bytes, _) = reader.read("\(procRoot)/stat") {
            bootTime = try? ProcNumberFile.parseBootTime(bytes, file: "\(procRoot)/stat")
        }
        let ticks = Int64(sysconf(Int32(_SC_CLK_TCK)))
        snapshot.processes.reserveCapacity(pids.count)
        for pid in pids {
            switch process(pid, root: procRoot, reader: reader, bootTime: bootTime, ticks: ticks > 0 ? ticks : 100) {
            case .success(let (record, container)):
                snapshot.processes.append(record)
                if !container.isHost { snapshot.containers[container.id] = container }
            case .failure(.vanished): snapshot.vanished += 1
            case .failure(.unreadable(let problem)):
                snapshot.unreadable += 1
                if snapshot.problems.count < HostProcessSnapshot.maximumProblems { snapshot.problems.append(problem) }
            }
        }
        return snapshot
    }

    private enum Skip: Error {
        case vanished
        case unreadable(String)
    }

    private func process(
        _ pid: Int64,
        root: String,
        reader: ProcFileReader,
        bootTime: Int64?,
        ticks: Int64
    ) -> Result<(ProcessRecord, ContainerInfo), Skip> {
        let directory = "\(root)/\(pid)"
        func required(_ name: String) -> Result<[UInt8], Skip> {
            let path = "\(directory)/\(name)"
            switch reader.read(path) {
            case .contents(_, truncated: true): return .failure(.unreadable("\(path): larger than \(readLimit) bytes"))
            case .contents(let bytes, truncated: false): return .success(bytes)
            case .missing: return .failure(.vanished)
            case .failed(let reason): return .failure(.unreadable("\(path): \(reason)"))
            }
        }
        func optional(_ name: String) -> [UInt8]? {
            if case .contents(let bytes, let truncated) = reader.read("\(directory)/\(name)"),
                !truncated || name == "cmdline"
            {
                return bytes
            }
            return nil
        }
        let stat: ProcStat
        let status: ProcStatus
        do {
            stat = try ProcStat.parse(try required("stat").get(), file: "\(directory)/stat")
            status = try ProcStatus.parse(try required("status").get(), file: "\(directory)/status")
        } catch let skip as Skip {
            return .failure(skip)
        } catch {
            return .failure(.unreadable(String(describing: error)))
        }
        guard stat.pid == pid else {
            return .failure(.unreadable("\(directory)/stat: names process \(stat.pid)"))
        }
        let arguments = optional("cmdline").map(ProcCommandLine.parse) ?? []
        let loginUID = optional("loginuid").flatMap {
            try? ProcNumberFile.parseAuditID($0, file: "\(directory)/loginuid")
        }
        let files = ProcessThreadAssembler.Files(
            stat: stat,
            status: status,
            arguments: arguments,
            executableLink: reader.linkTarget("\(directory)/exe"),
            workingDirectoryLink: reader.linkTarget("\(directory)/cwd"),
            loginUID: loginUID
        )
        let thread = ProcessThreadAssembler.thread(from: files, bootTimeSeconds: bootTime, clockTicksPerSecond: ticks)
        let cgroups = optional("cgroup").flatMap { try? ProcCgroupEntry.parse($0, file: "\(directory)/cgroup") } ?? []
        let container = CgroupContainerResolver.container(of: cgroups)
        return .success((ProcessRecord(thread: thread, containerID: container.id), container))
    }
}
