import DefaultRules
import FalcoRules
import RuleEngine
import RuntimeEvents
import TestSupport
import Testing

@Suite struct DefaultRulesBehaviourTests {
    private typealias H = DefaultRulesHarness
    private typealias F = Fixtures

    @Test(arguments: RuleCases.all)
    func ruleFiresOrNot(_ scenario: RuleCase) throws {
        let fired = try H.fired(scenario.lines)
        if scenario.fires {
            #expect(fired.contains(scenario.rule), "fired: \(fired)")
        } else {
            #expect(!fired.contains(scenario.rule), "fired: \(fired)")
        }
    }

    /// Every rule of the ruleset has at least one firing scenario and one near miss above.
    @Test func everyRuleHasAFiringCaseAndANearMiss() {
        for rule in H.ruleSet.rules.map(\.name) {
            #expect(RuleCases.all.contains { $0.rule == rule && $0.fires }, "\(rule): no firing case")
            #expect(RuleCases.all.contains { $0.rule == rule && !$0.fires }, "\(rule): no near miss")
        }
        #expect(Set(RuleCases.all.map(\.rule)).isSubset(of: Set(H.ruleSet.rules.map(\.name))))
    }

    /// `docker run busybox sh -c 'while true; do cat /etc/hostname; sleep 0.1; done'` raises nothing, runc's
    /// setup of the container included.
    @Test func benignBaselineRaisesNothing() throws {
        let lines = F.benignBaseline(rounds: 25)
        #expect(lines.count > 200)
        let alerts = try H.alerts(lines)
        #expect(alerts.isEmpty, "\(alerts.map { "\($0.rule) at line \($0.line): \(lines[$0.line])" })")
    }

    /// The issue's scenario: `docker exec` a shell, `cat /etc/shadow`, write to /bin, `nc` to 127.0.0.1:4444,
    /// a package manager, a reverse shell, a mount attempt, a ptrace attach, a memfd exec, a module load. In a
    /// container every step alerts; the same steps on the host raise only the rules tagged `host`.
    @Test func attackScenarioInContainerAndOnHost() throws {
        let expected: [String] = [
            RuleCases.shellRule, RuleCases.sensitiveRule, RuleCases.writeRule, RuleCases.outboundRule,
            RuleCases.packageRule, RuleCases.reverseShellRule, RuleCases.redirectRule, RuleCases.namespaceRule,
            RuleCases.ptraceRule, RuleCases.memfdRule, RuleCases.moduleRule,
        ]
        let inContainer = try H.alerts(attack(inContainer: true))
        #expect(Set(inContainer.map(\.rule)) == Set(expected))
        let onHost = try H.alerts(attack(inContainer: false))
        let hostRules = Set(onHost.map(\.rule))
        #expect(hostRules.isSubset(of: H.hostRules), "\(hostRules.subtracting(H.hostRules))")
        #expect(
            hostRules == [
                RuleCases.sensitiveRule, RuleCases.writeRule, RuleCases.reverseShellRule, RuleCases.redirectRule,
                RuleCases.ptraceRule, RuleCases.memfdRule, RuleCases.moduleRule,
            ]
        )
    }

    /// The attack steps, each by a program the attacker's shell starts.
    private func attack(inContainer: Bool) -> [String] {
        var lines: [String]
        let shell: TestProcess
        if inContainer {
            lines = F.dockerExec
            shell = F.execShell
        } else {
            lines = [Line.exec(F.hostShell)]
            shell = F.hostShell
        }
        var nextPID: Int64 = 3000
        func program(_ comm: String, _ args: [String] = []) -> TestProcess {
            nextPID += 1
            return TestProcess(
                pid: nextPID,
                ppid: shell.pid,
                vpid: inContainer ? nextPID - 2900 : nil,
                comm: comm,
                args: args,
                container: inContainer ? F.web : nil
            )
        }
        let cat = program("cat", ["/etc/shadow"])
        lines += Line.spawn(cat, by: shell) + [Line.open(cat, "/etc/shadow")]
        let touch = program("touch", ["/bin/evil"])
        lines += Line.spawn(touch, by: shell) + [Line.open(touch, "/bin/evil", flags: ["O_WRONLY", "O_CREAT"])]
        let nc = program("nc", ["127.0.0.1", "4444"])
        lines += Line.spawn(nc, by: shell)
        lines += [Line.socket(nc, fd: 3), Line.connect(nc, fd: 3, to: "127.0.0.1", port: 4444, res: -111)]
        let apk = program("apk", ["add", "nmap"])
        lines += Line.spawn(apk, by: shell)
        let reverse = program("nc", ["127.0.0.1", "4444", "-e", "/bin/sh"])
        lines += Array(RuleCases.ncReverseShell(reverse).drop { !$0.contains(#""pid":\#(reverse.pid),"#) })
        let bash = program("bash")
        lines += Line.spawn(bash, by: shell)
        lines += [
            Line.socket(bash, fd: 3), Line.connect(bash, fd: 3, to: "127.0.0.1", port: 443),
            Line.dup2(bash, old: 3, new: 0),
        ]
        let mount = program("mount", ["-t", "tmpfs", "none", "/mnt"])
        lines += Line.spawn(mount, by: shell)
        lines.append(
            Line.event("mount", mount, res: -1, args: #"{"dev":"none","dir":{"path":"/mnt"},"type":"tmpfs","flags":0}"#)
        )
        let gdb = program("gdb", ["-p", "1"])
        lines += Line.spawn(gdb, by: shell)
        lines.append(Line.ptrace(gdb, request: .names(["PTRACE_ATTACH"], raw: 16), target: shell.pid))
        var memfd = program("payload")
        memfd.exeFromMemfd = true
        memfd.exePath = "/memfd:payload (deleted)"
        lines += Line.spawn(memfd, by: shell)
        let insmod = program("insmod", ["x.ko"])
        lines += Line.spawn(insmod, by: shell)
        lines.append(Line.event("finit_module", insmod, res: -1, args: #"{"fd":3,"uargs":"","flags":0}"#))
        return lines
    }

    /// Random benign-ish host events never fire a rule meant for containers only (the rules without the
    /// `host` tag), whatever the program, path, port or request.
    @Test func containerOnlyRulesNeverFireOnTheHost() throws {
        let containerOnly = H.containerOnlyRules
        #expect(
            containerOnly == [
                RuleCases.shellRule, RuleCases.packageRule, RuleCases.outboundRule, RuleCases.bpfRule,
                RuleCases.namespaceRule, RuleCases.socketRule,
            ]
        )
        var random = SplitMix64(seed: 0x7b_6c7e_0007)
        let programs = [
            "sh", "bash", "dash", "apt-get", "dpkg", "apk", "pip3", "nc", "curl", "mount", "unshare", "nsenter",
            "runc", "containerd-shim", "dockerd", "python3", "cat", "docker", "bpftool", "systemd",
        ]
        let paths = [
            "/etc/hostname", "/var/run/docker.sock", "/run/docker.sock", "/tmp/x", "/proc/self/status",
            "/usr/lib/x86_64-linux-gnu/libc.so.6", "/home/dev/notes.txt",
        ]
        let ports = [22, 53, 80, 443, 4444, 6379, 8080, 0]
        var lines: [String] = []
        var alerts: [(rule: String, line: Int)] = []
        for batch in 0..<20 {
            lines = []
            for index in 0..<200 {
                let pid = Int64(5000 + batch * 1000 + index)
                var process = TestProcess(
                    pid: pid,
                    ppid: random.oneIn(3) ? 1 : pid - 1,
                    vpid: random.oneIn(2) ? Int64(random.next() % 3) : nil,
                    comm: random.pick(programs),
                    uid: random.oneIn(2) ? 0 : 1000
                )
                process.exeFromMemfd = random.oneIn(20)
                switch random.next() % 9 {
                case 0: lines.append(Line.exec(process))
                case 1:
                    lines.append(
                        Line.open(process, random.pick(paths), flags: random.pick([["O_RDONLY"], ["O_RDWR"]]))
                    )
                case 2:
                    lines.append(Line.socket(process, fd: 3, domain: random.pick(["AF_INET", "AF_INET6", "AF_UNIX"])))
                    lines.append(
                        Line.connect(
                            process,
                            fd: 3,
                            to: random.pick(["127.0.0.1", "10.1.2.3", "::1"]),
                            port: random.pick(ports),
                            res: random.pick([0, -111, -115])
                        )
                    )
                case 3:
                    lines.append(
                        Line.connectUnix(process, fd: 4, path: random.pick(paths), res: random.pick([0, -111]))
                    )
                case 4:
                    let type = random.pick(["mount", "umount2", "unshare", "setns"])
                    lines.append(Line.event(type, process, res: random.pick([0, -1]), args: #"{"flags":0}"#))
                case 5:
                    lines.append(
                        Line.bpf(process, cmd: random.pick([Line.Flag.text("BPF_PROG_LOAD"), .number(5), .number(0)]))
                    )
                case 6: lines.append(Line.dup2(process, old: 3, new: Int64(random.next() % 4)))
                case 7: lines.append(Line.clone(process, child: pid + 1))
                default: lines.append(Line.exit(process))
                }
            }
            alerts += try H.alerts(lines).filter { containerOnly.contains($0.rule) }
        }
        #expect(alerts.isEmpty, "\(alerts.prefix(5).map { $0.rule })")
    }
}
