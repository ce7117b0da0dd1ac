import DockerHostAudit
import SecurityModel
import Testing

/// Every section 3 check: a passing file, a failing file (wrong owner, wrong mode) and a missing file.
@Suite struct FileCheckTests {
    static let dockerGID: UInt32 = 999
    static let groups: [UInt32: String] = [0: "root", dockerGID: "docker", 1000: "alice"]

    /// A daemon with TLS files and a socket, so that every subject has a path.
    static func daemon() throws -> DaemonFacts {
        try facts([
            "dockerd", "-H", "fd://", "-H", "tcp://0.0.0.0:2376", "--tlsverify", "--tlscacert=/etc/docker/tls/ca.pem",
            "--tlscert", "/etc/docker/tls/cert.pem", "--tlskey=/etc/docker/tls/key.pem",
        ])
    }

    /// The file a check looks at in these tests, and its kind.
    static func subjectFile(_ check: FileAccessCheck) -> (path: String, kind: HostFileFacts.Kind) {
        switch check.subject {
        case .systemdUnit(let name): ("/lib/systemd/system/\(name)", .file)
        case .fixed(let path, let kind): (path, kind)
        case .registryCertificates: ("/etc/docker/certs.d/reg.local:5000/ca.crt", .file)
        case .tlsCACertificate: ("/etc/docker/tls/ca.pem", .file)
        case .tlsCertificate: ("/etc/docker/tls/cert.pem", .file)
        case .tlsKey: ("/etc/docker/tls/key.pem", .file)
        case .dockerSocket: ("/var/run/docker.sock", .socket)
        case .configurationFile: ("/etc/docker/daemon.json", .file)
        case .containerdSocket: ("/run/containerd/containerd.sock", .socket)
        }
    }

    /// A snapshot where everything the plan names is missing except `file` (and the certs.d tree around it).
    static func snapshot(_ check: FileAccessCheck, _ file: HostFileFacts?) throws -> HostSnapshot {
        let plan = check.plan(try daemon())
        var files = plan.paths.map(HostFileFacts.missing)
        var entries: [String: [String]] = [:]
        if case .registryCertificates = check.subject {
            files.removeAll { $0.path == "/etc/docker/certs.d" }
            files.append(HostFileFacts(path: "/etc/docker/certs.d", kind: .directory, uid: 0, gid: 0, mode: 0o755))
            files.append(
                HostFileFacts(path: "/etc/docker/certs.d/reg.local:5000", kind: .directory, uid: 0, gid: 0, mode: 0o755)
            )
            entries["/etc/docker/certs.d"] = ["reg.local:5000"]
            entries["/etc/docker/certs.d/reg.local:5000"] = file == nil ? [] : ["ca.crt"]
        }
        if let file {
            files.removeAll { $0.path == file.path }
            files.append(file)
        }
        return HostSnapshot(files: files, directoryEntries: entries, groupNames: groups)
    }

    /// Owner and mode that satisfy `check`.
    static func good(_ check: FileAccessCheck) -> (gid: UInt32, mode: UInt32) {
        switch check.requirement {
        case .rootOwned: (0, 0o644)
        case .rootAndSocketGroup: (dockerGID, 0o660)
        case .modeWithin(let mask): (check.subject == .dockerSocket ? dockerGID : 0, mask)
        }
    }

    @Test(arguments: FileAccessCheck.all) func passes(_ check: FileAccessCheck) throws {
        let (path, kind) = Self.subjectFile(check)
        let (gid, mode) = Self.good(check)
        let host = try Self.snapshot(check, HostFileFacts(path: path, kind: kind, uid: 0, gid: gid, mode: mode))
        let result = check.evaluate(host, daemon: try Self.daemon())
        #expect(result.verdict == .pass, "\(result.note ?? "")")
    }

    @Test(arguments: FileAccessCheck.all) func fails(_ check: FileAccessCheck) throws {
        let (path, kind) = Self.subjectFile(check)
        let (gid, mode) = Self.good(check)
        let bad: HostFileFacts
        let expectedFix: String
        switch check.requirement {
        case .rootOwned, .rootAndSocketGroup:
            bad = HostFileFacts(path: path, kind: kind, uid: 1000, gid: 1000, mode: mode)
            expectedFix = check.requirement == .rootOwned ? "chown root:root \(path)" : "chown root:docker \(path)"
        case .modeWithin(let mask):
            bad = HostFileFacts(path: path, kind: kind, uid: 0, gid: gid, mode: mask | 0o002)
            expectedFix = "chmod \(String(mask, radix: 8)) \(path)"
        }
        let result = check.evaluate(try Self.snapshot(check, bad), daemon: try Self.daemon())
        #expect(result.verdict == .fail)
        let finding = try #require(result.findings.first)
        #expect(finding.location.path == path)
        #expect(finding.remediation == "Run `\(expectedFix)`.")
        #expect(finding.message.contains(path))
    }

    @Test(arguments: FileAccessCheck.all) func missingFileIsNotApplicable(_ check: FileAccessCheck) throws {
        let host = try Self.snapshot(check, nil)
        let result = check.evaluate(host, daemon: try Self.daemon())
        // An empty certs.d passes (nothing to check), as docker-bench does; everything else is not applicable.
        let expected: CheckResult.Verdict = check.subject == .registryCertificates ? .pass : .notApplicable
        #expect(result.verdict == expected)
        #expect(result.findings.isEmpty)
    }

    @Test func unexaminedPathIsUnknown() throws {
        let result = FileAccessCheck.all[0].evaluate(
            HostSnapshot(failures: ["/etc/systemd/system/docker.service": "Permission denied"]),
            daemon: try Self.daemon()
        )
        #expect(result.verdict == .unknown)
    }

    @Test func modeBitsNotNumericComparison() throws {
        // 0633 is numerically below 644 (docker-bench passes it) but grants group/other write: it fails here.
        let check = FileAccessCheck.all[17]  // 3.18 daemon.json 644
        #expect(check.descriptor.id == "CIS-DOCKER-3.18")
        let file = HostFileFacts(path: "/etc/docker/daemon.json", kind: .file, uid: 0, gid: 0, mode: 0o633)
        #expect(check.evaluate(try Self.snapshot(check, file), daemon: try Self.daemon()).verdict == .fail)
        let setuid = HostFileFacts(path: "/etc/docker/daemon.json", kind: .file, uid: 0, gid: 0, mode: 0o4600)
        #expect(check.evaluate(try Self.snapshot(check, setuid), daemon: try Self.daemon()).verdict == .fail)
        let strict = HostFileFacts(path: "/etc/docker/daemon.json", kind: .file, uid: 0, gid: 0, mode: 0o600)
        #expect(check.evaluate(try Self.snapshot(check, strict), daemon: try Self.daemon()).verdict == .pass)
    }

    @Test func socketGroupFollowsTheDaemonsGroupOption() throws {
        let check = FileAccessCheck.all[14]
        #expect(check.descriptor.id == "CIS-DOCKER-3.15")
        let daemon = try facts(["dockerd", "-G", "alice"])
        let socket = HostFileFacts(path: "/var/run/docker.sock", kind: .socket, uid: 0, gid: 1000, mode: 0o660)
        let host = HostSnapshot(files: [socket], groupNames: Self.groups)
        #expect(check.evaluate(host, daemon: daemon).verdict == .pass)
        #expect(check.evaluate(host, daemon: try facts()).verdict == .fail)
    }

    @Test func unitFileFollowsSystemdPrecedenceAndFragmentPath() throws {
        let check = FileAccessCheck.all[1]  // 3.2
        let etc = HostFileFacts(path: "/etc/systemd/system/docker.service", kind: .file, uid: 0, gid: 0, mode: 0o664)
        let lib = HostFileFacts(path: "/lib/systemd/system/docker.service", kind: .file, uid: 0, gid: 0, mode: 0o644)
        let host = HostSnapshot(files: [etc, lib])
        let findings = check.check(host, daemon: try facts())
        #expect(findings.map(\.location.path) == ["/etc/systemd/system/docker.service"])
        var withFragment = host
        withFragment.unitFragmentPaths["docker.service"] = "/lib/systemd/system/docker.service"
        #expect(check.evaluate(withFragment, daemon: try facts()).verdict == .pass)
    }

    @Test func everyRegistryFileIsChecked() throws {
        let check = FileAccessCheck.all[7]  // 3.8
        let root = "/etc/docker/certs.d", registry = "/etc/docker/certs.d/r:443"
        let host = HostSnapshot(
            files: [
                HostFileFacts(path: root, kind: .directory, uid: 0, gid: 0, mode: 0o755),
                HostFileFacts(path: registry, kind: .directory, uid: 0, gid: 0, mode: 0o755),
                HostFileFacts(path: "\(registry)/ca.crt", kind: .file, uid: 0, gid: 0, mode: 0o444),
                HostFileFacts(path: "\(registry)/client.key", kind: .file, uid: 0, gid: 0, mode: 0o600),
            ],
            directoryEntries: [root: ["r:443"], registry: ["ca.crt", "client.key"]]
        )
        #expect(check.check(host, daemon: try facts()).map(\.location.path) == ["\(registry)/client.key"])
    }
}
