import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// `bulkhead audit docker` against a real Docker Engine: a matrix of containers, each the hardened container
/// weakened in exactly one way, must each trigger exactly the checks of that weakness; the hardened container
/// triggers none of the container checks.
@Suite(.serialized)
struct AuditDockerIntegrationTests {
    static var dockerAvailable: Bool {
        FileManager.default.fileExists(atPath: "/var/run/docker.sock")
            && (try? runProcessBlocking(["docker", "version", "--format", "{{.Server.Version}}"]).status) == 0
    }

    static let image = "bulkhead-audit/alpine:3.11"
    static let network = "bulkhead-audit-net"
    static let sharedDirectory = "/var/tmp/bulkhead-audit-shared"

    /// The hardened container's options: every container check passes.
    static let hardened = [
        "--user", "1000:1000", "--read-only", "--memory", "256m", "--pids-limit", "100", "--cpu-shares", "512",
        "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--restart", "on-failure:3",
        "--health-cmd", "true", "--health-interval", "1s", "--network", network,
    ]

    /// One weakened variant: the options removed from and added to the hardened set, whether it can be
    /// started on this VM, and the checks it must add.
    struct Variant: Sendable, CustomStringConvertible {
        var name: String
        var remove: [String] = []
        var add: [String] = []
        var start = true
        var command = ["sleep", "3600"]
        var expected: Set<String>
        var description: String { name }

        /// The hardened options without `remove` (each flag with its value), plus `add`.
        var options: [String] {
            var out: [String] = []
            var i = 0
            let base = AuditDockerIntegrationTests.hardened
            while i < base.count {
                let flag = base[i]
                let takesValue = i + 1 < base.count && !base[i + 1].hasPrefix("--")
                if remove.contains(flag) {
                    i += takesValue ? 2 : 1
                    continue
                }
                out.append(flag)
                if takesValue { out.append(base[i + 1]) }
                i += takesValue ? 2 : 1
            }
            return out + add
        }
    }

    static let variants: [Variant] = [
        // runc on this VM cannot start a privileged container (CAP_SYS_RESOURCE is missing): audit it as created.
        Variant(name: "privileged", add: ["--privileged"], start: false, expected: ["CIS-DOCKER-5.5"]),
        Variant(
            name: "cap-sys-admin",
            add: ["--cap-add", "SYS_ADMIN"],
            expected: ["CIS-DOCKER-5.4", "CIS-DOCKER-C.5.3.3"]
        ),
        Variant(
            name: "docker-sock",
            add: ["-v", "/var/run/docker.sock:/var/run/docker.sock"],
            expected: ["CIS-DOCKER-5.32"]
        ),
        Variant(name: "host-etc", add: ["-v", "/etc:/host-etc:ro"], expected: ["CIS-DOCKER-5.6"]),
        Variant(name: "pid-host", add: ["--pid=host"], expected: ["CIS-DOCKER-5.16"]),
        Variant(name: "network-host", remove: ["--network"], add: ["--network=host"], expected: ["CIS-DOCKER-5.10"]),
        Variant(name: "ipc-host", add: ["--ipc=host"], expected: ["CIS-DOCKER-5.17"]),
        Variant(name: "uts-host", add: ["--uts=host"], expected: ["CIS-DOCKER-5.21"]),
        Variant(
            name: "seccomp-unconfined",
            add: ["--security-opt", "seccomp=unconfined"],
            expected: ["CIS-DOCKER-5.22"]
        ),
        Variant(
            name: "apparmor-unconfined",
            add: ["--security-opt", "apparmor=unconfined"],
            expected: ["CIS-DOCKER-5.2"]
        ),
        Variant(name: "port-80", add: ["-p", "80:80"], expected: ["CIS-DOCKER-5.8", "CIS-DOCKER-5.14"]),
        Variant(name: "no-memory-limit", remove: ["--memory"], expected: ["CIS-DOCKER-5.11"]),
        Variant(name: "no-pids-limit", remove: ["--pids-limit"], expected: ["CIS-DOCKER-5.29"]),
        Variant(name: "writable-root", remove: ["--read-only"], expected: ["CIS-DOCKER-5.13"]),
        Variant(
            name: "restart-10",
            remove: ["--restart"],
            add: ["--restart", "on-failure:10"],
            expected: ["CIS-DOCKER-5.15"]
        ),
        Variant(name: "root-user", remove: ["--user"], expected: ["CIS-DOCKER-4.1"]),
        Variant(
            name: "shared-propagation",
            add: ["--mount", "type=bind,src=\(sharedDirectory),dst=/data,bind-propagation=shared"],
            expected: ["CIS-DOCKER-5.20"]
        ),
        // A process named sshd (a script: the kernel names the process after it); /srv is an exec tmpfs because
        // the root file system is read-only.
        Variant(
            name: "sshd",
            add: ["--tmpfs", "/srv:exec,uid=1000,gid=1000"],
            command: [
                "sh", "-c", "printf '#!/bin/sh\\nsleep 3600\\n' > /srv/sshd && chmod +x /srv/sshd && exec /srv/sshd",
            ],
            expected: ["CIS-DOCKER-5.7"]
        ),
        Variant(name: "hardened", expected: []),
    ]

    static func sh(_ command: String) throws -> String {
        let r = try runProcessBlocking(["/bin/sh", "-c", command])
        guard r.status == 0 else { throw ProcessLaunchError(message: "\(command): \(r.stderr)") }
        return r.stdout
    }

    static func docker(_ arguments: [String]) throws {
        let r = try runProcessBlocking(["docker"] + arguments)
        guard r.status == 0 else {
            throw ProcessLaunchError(message: "docker \(arguments.joined(separator: " ")): \(r.stderr)")
        }
    }

    /// Imports the test image from the corpus unless the engine has it.
    static func prepareImage() throws {
        if (try? runProcessBlocking(["docker", "image", "inspect", image]).status) == 0 { return }
        let tarball = try #require(
            Corpus.path("images/alpine-minirootfs/alpine-minirootfs-3.11.13-x86_64.tar.gz"),
            "corpus Alpine minirootfs missing"
        )
        _ = try sh("docker import \(tarball) \(image) >/dev/null")
    }

    /// Runs `bulkhead` in-process and returns the exit code and the parsed JSON report.
    static func audit(_ arguments: [String], environment: [String: String]? = nil) throws -> (Int32, JSONValue, String)
    {
        let env = environment ?? ProcessInfo.processInfo.environment
        let (io, out) = CommandIO.capturing(environment: env, currentDirectory: NSTemporaryDirectory())
        let code = Bulkhead.run(arguments: ["audit", "docker", "--format", "json", "--no-config"] + arguments, io: io)
        let report = try JSONParser.parse(out.stdout.isEmpty ? "{}" : out.stdout)
        return (code, report, out.stderr)
    }

    /// Rule ids per container name (the part of `location.container` before ` (id: …`).
    static func rulesByContainer(_ report: JSONValue) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for finding in report["findings"]?.arrayValue ?? [] {
            guard let where_ = finding["location"]?["container"]?.stringValue,
                let rule = finding["ruleId"]?.stringValue
            else { continue }
            let name = String(where_.prefix { $0 != " " })
            out[name, default: []].insert(rule)
        }
        return out
    }

    @Test(.enabled(if: Corpus.integrationRequired || dockerAvailable))
    func eachWeakenedContainerTriggersExactlyItsChecks() throws {
        try #require(Self.dockerAvailable, "dockerd is required (scripts/start-services.sh)")
        try Self.prepareImage()
        let prefix = "bh-audit-\(UInt32.random(in: 0...UInt32.max))"
        _ = try? Self.sh("docker network create \(Self.network) >/dev/null 2>&1")
        _ = try Self.sh(
            "mkdir -p \(Self.sharedDirectory) && (mountpoint -q \(Self.sharedDirectory) || mount --bind "
                + "\(Self.sharedDirectory) \(Self.sharedDirectory)) && mount --make-shared \(Self.sharedDirectory)"
        )
        var names: [String] = []
        defer {
            _ = try? Self.sh("docker rm -f \(names.joined(separator: " ")) >/dev/null 2>&1")
            _ = try? Self.sh("umount \(Self.sharedDirectory)")
        }
        for variant in Self.variants {
            let name = "\(prefix)-\(variant.name)"
            names.append(name)
            let verb = variant.start ? ["run", "-d"] : ["create"]
            try Self.docker(verb + ["--name", name] + variant.options + [Self.image] + variant.command)
        }
        let (code, report, stderr) = try Self.audit(
            ["--containers-only", "--all", "--fail-on", "critical"] + names.flatMap { ["--container", $0] }
        )
        #expect(code == 1, "a critical finding (privileged) must fail the run: \(stderr)")
        #expect(report["errors"]?.arrayValue?.isEmpty == true, "\(stderr)")
        let found = Self.rulesByContainer(report)
        for variant in Self.variants {
            let ids = found["\(prefix)-\(variant.name)"] ?? []
            #expect(
                ids == variant.expected,
                "\(variant.name): got \(ids.sorted()), expected \(variant.expected.sorted())"
            )
        }
    }

    @Test(.enabled(if: Corpus.integrationRequired || dockerAvailable))
    func findingsNameTheContainerAndTheFixAndAllAddsCreatedContainers() throws {
        try #require(Self.dockerAvailable, "dockerd is required (scripts/start-services.sh)")
        try Self.prepareImage()
        let name = "bh-audit-created-\(UInt32.random(in: 0...UInt32.max))"
        try Self.docker(["create", "--name", name, "--privileged", Self.image, "sleep", "3600"])
        defer { _ = try? Self.sh("docker rm -f \(name) >/dev/null 2>&1") }
        let id = try Self.sh("docker inspect --format '{{.Id}}' \(name)").trimmingCharacters(
            in: .whitespacesAndNewlines
        )

        let (_, running, _) = try Self.audit(["--containers-only", "--fail-on", "none"])
        #expect(Self.rulesByContainer(running)[name] == nil, "a created container is not audited without --all")

        let (code, all, stderr) = try Self.audit(["--containers-only", "--all", "--fail-on", "none"])
        #expect(code == 0, "\(stderr)")
        let findings = (all["findings"]?.arrayValue ?? []).filter {
            $0["location"]?["container"]?.stringValue?.hasPrefix(name + " ") == true
        }
        let privileged = try #require(findings.first { $0["ruleId"]?.stringValue == "CIS-DOCKER-5.5" })
        let location = try #require(privileged["location"]?["container"]?.stringValue)
        #expect(location.contains(String(id.prefix(12))))
        #expect(location.contains(Self.image))
        #expect(privileged["remediation"]?.stringValue?.contains("--privileged") == true)
        #expect(privileged["remediation"]?.stringValue?.contains("privileged: true") == true)
        #expect(privileged["severity"]?.stringValue == "critical")
    }

    @Test(.enabled(if: Corpus.integrationRequired || dockerAvailable))
    func aConfigurationWaiverHidesOneCheckOnOneContainerUntilItExpires() throws {
        try #require(Self.dockerAvailable, "dockerd is required (scripts/start-services.sh)")
        try Self.prepareImage()
        let name = "bh-audit-waived-\(UInt32.random(in: 0...UInt32.max))"
        try Self.docker(["create", "--name", name, "--privileged", Self.image, "sleep", "3600"])
        defer { _ = try? Self.sh("docker rm -f \(name) >/dev/null 2>&1") }
        let directory = NSTemporaryDirectory() + "bh-audit-waiver-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func run(expires: String) throws -> (Set<String>, String) {
            let config = directory + "/.bulkhead.yaml"
            try """
            ignore:
              - rules: [CIS-DOCKER-5.5]
                objects: ["\(name)"]
                reason: lab container, accepted until the migration
                expires: \(expires)
            """.write(toFile: config, atomically: true, encoding: .utf8)
            let (io, out) = CommandIO.capturing(
                environment: ProcessInfo.processInfo.environment,
                currentDirectory: directory
            )
            _ = Bulkhead.run(
                arguments: [
                    "audit", "docker", "--containers-only", "--all", "--format", "json", "--config", config,
                    "--container", name, "--fail-on", "none",
                ],
                io: io
            )
            return (Self.rulesByContainer(try JSONParser.parse(out.stdout))[name] ?? [], out.stderr)
        }
        let (waived, _) = try run(expires: "2999-12-31")
        #expect(!waived.contains("CIS-DOCKER-5.5"))
        #expect(waived.contains("CIS-DOCKER-5.11"), "other checks on the container are still reported")
        let (expired, warning) = try run(expires: "2001-01-01")
        #expect(expired.contains("CIS-DOCKER-5.5"))
        #expect(warning.contains("expired"))
    }
}
