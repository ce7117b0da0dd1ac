import ContainerAudit
import SecurityModel

extension ComposeServiceMapper {
    /// `ports:` as published port mappings, each with its Compose key. Short syntax: `80`, `8080:80`,
    /// `127.0.0.1:8080:80`, `[::1]:8080:80`, `127.0.0.1::80`, ranges `8000-8010:8000-8010`, `/udp`; long syntax:
    /// `target`, `published`, `host_ip`, `protocol`. A port without a host part is published on a random host
    /// port of every interface, as Docker does.
    func portMappings(_ reader: ComposeValueReader) throws(ComposeError) -> [(PortMapping, String)] {
        guard let items = try reader.array("ports") else { return [] }
        var out: [(PortMapping, String)] = []
        for (index, item) in items.enumerated() {
            let key = reader.fieldPath("ports[\(index)]")
            let spec: PortSpec
            if let text = ComposeValueReader.scalarText(item) {
                guard let parsed = PortSpec(short: text) else {
                    throw reader.error(.invalidValue, "ports[\(index)]", "`\(text.prefix(60))` is not a port mapping")
                }
                spec = parsed
            } else if item.objectMembers != nil {
                spec = try PortSpec(long: try reader.item(item, at: key), reader: reader, index: index)
            } else {
                throw reader.wrongType("ports[\(index)]", "a string or a mapping", item)
            }
            let mappings = spec.mappings()
            guard out.count + mappings.count <= Self.maximumPortMappings else {
                throw reader.error(
                    .invalidValue,
                    "ports[\(index)]",
                    "the port ranges expand to more than \(Self.maximumPortMappings) mappings"
                )
            }
            out += mappings.map { ($0, key) }
        }
        return out
    }
}

/// One `ports:` entry: host address, host port range (empty for a random port), container port range, protocol.
struct PortSpec {
    var hostIP: String
    var host: ClosedRange<Int>?
    var container: ClosedRange<Int>
    var proto: String

    /// Parses the short syntax.
    init?(short text: String) {
        var body = Substring(text.trimmingSpaces())
        proto = "tcp"
        if let slash = body.lastIndex(of: "/") {
            proto = String(body[body.index(after: slash)...]).lowercased()
            body = body[..<slash]
            guard ["tcp", "udp", "sctp"].contains(proto) else { return nil }
        }
        hostIP = ""
        if body.hasPrefix("[") {
            guard let close = body.firstIndex(of: "]") else { return nil }
            hostIP = String(body[body.index(after: body.startIndex)..<close])
            body = body[body.index(after: close)...]
            guard body.hasPrefix(":") else { return nil }
            body = body.dropFirst()
        }
        var parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 3 {
            guard hostIP.isEmpty else { return nil }
            hostIP = parts.dropLast(2).joined(separator: ":")
            parts = Array(parts.suffix(2))
        } else if parts.count == 3 {
            guard hostIP.isEmpty else { return nil }
            hostIP = parts[0]
            parts = Array(parts.suffix(2))
        }
        guard let containerText = parts.last, let container = PortSpec.range(containerText) else { return nil }
        self.container = container
        if parts.count == 2, !parts[0].isEmpty {
            guard let host = PortSpec.range(parts[0]) else { return nil }
            self.host = host
        } else {
            host = nil
        }
        guard valid else { return nil }
    }

    /// Parses the long syntax.
    init(long reader: ComposeValueReader, reader parent: ComposeValueReader, index: Int) throws(ComposeError) {
        guard let targetText = try reader.string("target"), let target = PortSpec.range(targetText) else {
            throw reader.error(.invalidValue, "target", "a port mapping needs a `target` port")
        }
        container = target
        hostIP = try reader.string("host_ip") ?? ""
        if hostIP.hasPrefix("[") && hostIP.hasSuffix("]") { hostIP = String(hostIP.dropFirst().dropLast()) }
        proto = (try reader.string("protocol") ?? "tcp").lowercased()
        host = nil
        if let published = try reader.string("published"), !published.isEmpty {
            guard let range = PortSpec.range(published) else {
                throw reader.error(.invalidValue, "published", "`\(published.prefix(40))` is not a port or range")
            }
            host = range
        }
        guard valid else { throw parent.error(.invalidValue, "ports[\(index)]", "the port ranges do not match") }
    }

    /// A host range must be as long as the container range, or the container a single port.
    var valid: Bool {
        guard let host else { return true }
        return container.count == 1 || host.count == container.count
    }

    /// One mapping per container port; a single host port or none maps the container range's ports as Docker
    /// does (the host port picked from a host range is unknown: its lowest port stands for it).
    func mappings() -> [PortMapping] {
        container.enumerated().map { offset, port in
            var hostPort = ""
            if let host {
                hostPort = String(host.count == container.count ? host.lowerBound + offset : host.lowerBound)
            }
            return PortMapping(containerPort: "\(port)/\(proto)", hostIP: hostIP, hostPort: hostPort)
        }
    }

    /// `80` or `8000-8010`, ports 0…65535.
    static func range(_ text: String) -> ClosedRange<Int>? {
        let parts = text.trimmingSpaces().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let numbers = parts.compactMap { part -> Int? in
            guard !part.isEmpty, part.count <= 5, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part)
        }
        guard numbers.count == parts.count, let low = numbers.first, let high = numbers.last, low <= high,
            high <= 65535
        else {
            return nil
        }
        return low...high
    }
}
