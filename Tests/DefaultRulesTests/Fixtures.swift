/// The processes of the scenarios: a Docker host (containerd shim, runc) and a busybox container `web`.
enum Fixtures {
    static let web = TestContainer.web

    // Host side of the container runtime.
    static let shim = TestProcess(
        pid: 900,
        ppid: 1,
        comm: "containerd-shim",
        exePath: "/usr/bin/containerd-shim-runc-v2"
    )
    static let runc = TestProcess(pid: 950, ppid: 900, comm: "runc", exePath: "/usr/sbin/runc", args: ["exec", "-d"])

    /// `docker run … sh -c 'loop'`: the container's first process, started by the shim.
    static let entrypoint = TestProcess(
        pid: 1000,
        ppid: 900,
        vpid: 1,
        comm: "sh",
        exePath: "/bin/sh",
        args: ["-c", "while true; do cat /etc/hostname; sleep 0.1; done"],
        container: web
    )
    /// `docker exec web sh`: started by runc, not pid 1 of the container.
    static let execShell = TestProcess(pid: 1100, ppid: 950, vpid: 7, comm: "sh", exePath: "/bin/sh", container: web)
    /// A host login shell.
    static let hostShell = TestProcess(pid: 2000, ppid: 1, comm: "bash", exePath: "/bin/bash")

    /// The shim and runc known to the process table.
    static let runtime = [Line.exec(shim)] + Line.spawn(runc, by: shim)

    /// The runtime, then `docker exec web sh`.
    static let dockerExec = runtime + Line.spawn(execShell, by: runc)

    /// A program run by the exec'd shell in the container (pid 1200, vpid 8).
    static func inContainer(_ comm: String, args: [String] = [], exePath: String? = nil) -> TestProcess {
        TestProcess(pid: 1200, ppid: 1100, vpid: 8, comm: comm, exePath: exePath, args: args, container: web)
    }

    /// A program run by the host shell (pid 2100).
    static func onHost(_ comm: String, args: [String] = [], exePath: String? = nil) -> TestProcess {
        TestProcess(pid: 2100, ppid: 2000, comm: comm, exePath: exePath, args: args)
    }

    /// `docker exec` then `comm` started by the exec'd shell.
    static func containerRun(_ process: TestProcess) -> [String] {
        dockerExec + Line.spawn(process, by: execShell)
    }

    /// The host shell then `comm` started by it.
    static func hostRun(_ process: TestProcess) -> [String] {
        [Line.exec(hostShell)] + Line.spawn(process, by: hostShell)
    }

    /// The same lines with the program started either in the container or on the host.
    static func run(_ process: TestProcess) -> [String] {
        process.container == nil ? hostRun(process) : containerRun(process)
    }

    /// The benign baseline: `docker run busybox sh -c 'while true; do cat /etc/hostname; sleep 0.1; done'`, as the
    /// sensor sees it: runc's init stages in the container's cgroup (memfd re-exec, namespaces, mounts), the
    /// entrypoint shell, then the loop's `cat` and `sleep` children, `rounds` times.
    static func benignBaseline(rounds: Int) -> [String] {
        let runcCreate = TestProcess(pid: 960, ppid: 900, comm: "runc", exePath: "/usr/sbin/runc", args: ["create"])
        var lines = runtime + Line.spawn(runcCreate, by: shim)
        // runc init: re-executed from a sealed memfd copy, then its three stages set the container up.
        var initClone = TestProcess(
            pid: 1000,
            ppid: 960,
            comm: "memfd:runc_clon",
            exePath: "/dev/fd/5",
            args: ["init"],
            container: web,
            exeFromMemfd: true
        )
        initClone.exe = "runc"
        lines += Line.spawn(initClone, by: runcCreate)
        var parentStage = initClone
        parentStage.comm = "runc:[0:PARENT]"
        var childStage = initClone
        childStage.comm = "runc:[1:CHILD]"
        childStage.pid = 1001
        var initStage = initClone
        initStage.comm = "runc:[2:INIT]"
        initStage.pid = 1002
        initStage.ppid = 960
        initStage.vpid = 1
        lines.append(Line.clone(parentStage, child: 1001))
        lines.append(Line.event("unshare", childStage, res: 0, args: #"{"flags":\#(Line.flags(["CLONE_NEWNS"]))}"#))
        lines.append(
            Line.event("setns", childStage, res: 0, args: #"{"fd":5,"nstype":\#(Line.flags(["CLONE_NEWNET"]))}"#)
        )
        lines.append(
            Line.event(
                "mount",
                initStage,
                res: 0,
                args: #"{"dev":"proc","dir":{"path":"/proc"},"type":"proc","flags":\#(Line.flags(["MS_NOSUID"]))}"#
            )
        )
        lines.append(Line.event("umount2", initStage, res: 0, args: #"{"name":{"path":"/.pivot_root"},"flags":0}"#))
        lines.append(Line.open(initStage, "/proc/self/attr/exec", flags: ["O_WRONLY", "O_CLOEXEC"], res: 5))
        // The entrypoint: runc create has exited, the init stage (re-parented to the shim) executes `sh -c loop`.
        var entry = entrypoint
        entry.pid = 1002
        lines.append(Line.exec(entry))
        for round in 0..<rounds {
            let pid = Int64(1010 + 2 * round)
            let cat = TestProcess(
                pid: pid,
                ppid: 1002,
                vpid: Int64(10 + 2 * round),
                comm: "cat",
                exePath: "/bin/cat",
                args: ["/etc/hostname"],
                container: web
            )
            lines += Line.spawn(cat, by: entry)
            lines.append(Line.open(cat, "/etc/hostname", flags: ["O_RDONLY", "O_LARGEFILE"], res: 3))
            lines.append(Line.event("read", cat, res: 13, args: #"{"fd":3,"data":"c0ffee000001\n"}"#))
            lines.append(Line.close(cat, fd: 3))
            lines.append(Line.exit(cat))
            let sleep = TestProcess(
                pid: pid + 1,
                ppid: 1002,
                vpid: Int64(11 + 2 * round),
                comm: "sleep",
                exePath: "/bin/sleep",
                args: ["0.1"],
                container: web
            )
            lines += Line.spawn(sleep, by: entry)
            lines.append(Line.exit(sleep))
        }
        return lines
    }
}
