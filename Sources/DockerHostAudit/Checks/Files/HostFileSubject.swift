/// Which host file(s) a section 3 check is about, and how to find them from the daemon's facts.
public enum HostFileSubject: Sendable, Hashable {
    /// A systemd unit file (`docker.service`): systemd's fragment path when the adapter knows it, else the first
    /// regular file of `/etc/systemd/system`, `/run/systemd/system`, `/lib/systemd/system`,
    /// `/usr/lib/systemd/system` (systemd's precedence).
    case systemdUnit(String)
    /// One fixed path of the given kind (`/etc/docker`, `/etc/default/docker`).
    case fixed(String, HostFileFacts.Kind)
    /// Every file in the subdirectories of `/etc/docker/certs.d` (one per registry).
    case registryCertificates
    /// The TLS CA certificate (`tlscacert`).
    case tlsCACertificate
    /// The daemon's TLS certificate (`tlscert`).
    case tlsCertificate
    /// The daemon's TLS key (`tlskey`).
    case tlsKey
    /// The daemon's unix sockets (``DaemonFacts/unixSocketPaths``).
    case dockerSocket
    /// The daemon configuration file (``DaemonFacts/configurationPath``).
    case configurationFile
    /// The containerd sockets (``DaemonFacts/containerdSocketPaths``).
    case containerdSocket

    /// `/etc/docker/certs.d`.
    public static let certificatesDirectory = "/etc/docker/certs.d"
    static let unitDirectories = [
        "/etc/systemd/system", "/run/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system",
    ]

    /// What the files found are, or why there are none.
    enum Resolution: Equatable {
        case files([HostFileFacts])
        case notApplicable(String)
        case unknown(String)
    }

    /// What the adapter must examine.
    func plan(_ daemon: DaemonFacts) -> HostFilePlan {
        switch self {
        case .systemdUnit(let name):
            HostFilePlan(paths: Self.unitDirectories.map { "\($0)/\(name)" }, systemdUnits: [name])
        case .registryCertificates:
            HostFilePlan(
                paths: [Self.certificatesDirectory],
                listings: [HostFilePlan.Listing(path: Self.certificatesDirectory, depth: 2)]
            )
        default:
            HostFilePlan(paths: candidates(daemon))
        }
    }

    /// The paths to look at (for the fixed, TLS, socket and configuration subjects).
    func candidates(_ daemon: DaemonFacts) -> [String] {
        switch self {
        case .systemdUnit(let name): Self.unitDirectories.map { "\($0)/\(name)" }
        case .fixed(let path, _): [path]
        case .registryCertificates: [Self.certificatesDirectory]
        case .tlsCACertificate: [daemon.tlsCACertificate.value].compactMap { $0 }
        case .tlsCertificate: [daemon.tlsCertificate.value].compactMap { $0 }
        case .tlsKey: [daemon.tlsKey.value].compactMap { $0 }
        case .dockerSocket: daemon.unixSocketPaths
        case .configurationFile: [daemon.configurationPath]
        case .containerdSocket: daemon.containerdSocketPaths
        }
    }

    /// The kind the files must have to be checked (docker-bench's `-f`, `-d`, `-S`).
    var kind: HostFileFacts.Kind {
        switch self {
        case .fixed(_, let kind): kind
        case .dockerSocket, .containerdSocket: .socket
        default: .file
        }
    }

    /// How findings name the subject when nothing is found.
    var noun: String {
        switch self {
        case .systemdUnit(let name): "\(name) unit file"
        case .fixed(let path, _): path
        case .registryCertificates: Self.certificatesDirectory
        case .tlsCACertificate: "TLS CA certificate"
        case .tlsCertificate: "TLS server certificate"
        case .tlsKey: "TLS server key"
        case .dockerSocket: "Docker socket"
        case .configurationFile: "daemon configuration file"
        case .containerdSocket: "containerd socket"
        }
    }

    /// The files to check on `host`.
    func resolve(_ host: HostSnapshot, daemon: DaemonFacts) -> Resolution {
        switch self {
        case .systemdUnit(let name):
            var paths = candidates(daemon)
            if let fragment = host.unitFragmentPaths[name], !fragment.isEmpty { paths.insert(fragment, at: 0) }
            return first(paths, host)
        case .registryCertificates:
            return registryCertificates(host)
        case .tlsCACertificate, .tlsCertificate, .tlsKey:
            let paths = candidates(daemon)
            return paths.isEmpty ? .notApplicable("no \(noun) is configured (TLS is off)") : everyExisting(paths, host)
        default:
            return everyExisting(candidates(daemon), host)
        }
    }

    /// The first path that is of the right kind (the unit file systemd uses).
    private func first(_ paths: [String], _ host: HostSnapshot) -> Resolution {
        var unknown: [String] = []
        for path in paths {
            switch host.lookup(path) {
            case .found(let facts) where facts.kind == kind: return .files([facts])
            case .found, .missing: continue
            case .unknown(let reason): unknown.append(reason)
            }
        }
        return unknown.isEmpty ? .notApplicable("\(noun) not found") : .unknown(unknown.joined(separator: "; "))
    }

    /// Every path that exists with the right kind.
    private func everyExisting(_ paths: [String], _ host: HostSnapshot) -> Resolution {
        var found: [HostFileFacts] = [], unknown: [String] = []
        for path in paths {
            switch host.lookup(path) {
            case .found(let facts) where facts.kind == kind: found.append(facts)
            case .found, .missing: continue
            case .unknown(let reason): unknown.append(reason)
            }
        }
        if !found.isEmpty { return .files(found) }
        if !unknown.isEmpty { return .unknown(unknown.joined(separator: "; ")) }
        return .notApplicable("\(noun) not found (\(paths.joined(separator: ", ")))")
    }

    /// The regular files in `/etc/docker/certs.d/*/`.
    private func registryCertificates(_ host: HostSnapshot) -> Resolution {
        let root = Self.certificatesDirectory
        switch host.lookup(root) {
        case .found(let facts) where facts.kind == .directory: break
        case .found, .missing: return .notApplicable("\(root) not found")
        case .unknown(let reason): return .unknown(reason)
        }
        guard let registries = host.directoryEntries[root] else { return .unknown("\(root) was not listed") }
        var files: [HostFileFacts] = []
        for registry in registries.sorted() {
            let directory = "\(root)/\(registry)"
            guard case .found(let facts) = host.lookup(directory), facts.kind == .directory else { continue }
            for name in (host.directoryEntries[directory] ?? []).sorted() {
                if case .found(let file) = host.lookup("\(directory)/\(name)"), file.kind == .file {
                    files.append(file)
                }
            }
        }
        return .files(files)
    }
}
