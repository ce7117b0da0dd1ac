public import OCIImage
import SecurityModel

extension DockerEngineClient {
    /// Largest `/containers/json` or `/info` answer read into memory.
    static let maximumListBytes = 64 * 1024 * 1024

    /// The ids of the engine's containers (`GET /containers/json`): running ones, or every one with `all`.
    public func listContainers(all: Bool) throws(ImageError) -> [String] {
        let body = try get(all ? "/containers/json?all=1" : "/containers/json", what: "the container list")
        guard let value = try? JSONParser.parse(bytes: body), let items = value.arrayValue else {
            throw ImageError(
                code: .malformed,
                subject: "Docker Engine at \(endpoint)",
                message: "/containers/json did not answer a JSON array"
            )
        }
        return try items.map { (item: JSONValue) throws(ImageError) -> String in
            guard let id = item["Id"]?.stringValue, Self.isContainerID(id) else {
                throw ImageError(
                    code: .malformed,
                    subject: "Docker Engine at \(endpoint)",
                    message: "/containers/json listed a container without a valid Id"
                )
            }
            return id
        }
    }

    /// The raw inspect document of container `id` (`GET /containers/{id}/json`): the JSON `docker inspect`
    /// prints, for ``ContainerAudit`` to decode.
    public func inspectContainer(_ id: String) throws(ImageError) -> [UInt8] {
        guard Self.isContainerID(id) || Self.isContainerName(id) else {
            throw ImageError(
                code: .malformed,
                subject: "Docker Engine at \(endpoint)",
                message: "\"\(RemoteText.printable(Array(id.utf8)))\" is not a container id or name"
            )
        }
        return try get("/containers/\(id)/json", what: "container \(id)")
    }

    /// The raw process list of running container `id` (`GET /containers/{id}/top?ps_args=-o pid,comm,args`):
    /// the engine runs `ps` on the host, nothing is executed inside the container.
    public func top(_ id: String) throws(ImageError) -> [UInt8] {
        guard Self.isContainerID(id) || Self.isContainerName(id) else {
            throw ImageError(
                code: .malformed,
                subject: "Docker Engine at \(endpoint)",
                message: "\"\(RemoteText.printable(Array(id.utf8)))\" is not a container id or name"
            )
        }
        return try get("/containers/\(id)/top?ps_args=-o%20pid,comm,args", what: "the processes of container \(id)")
    }

    /// The raw `GET /info` answer: daemon-wide settings (storage driver, security options, Swarm state).
    public func info() throws(ImageError) -> [UInt8] {
        try get("/info", what: "the daemon information")
    }

    private func get(_ target: String, what: String) throws(ImageError) -> [UInt8] {
        let http = SocketHTTPClient(endpoint: endpoint, timeouts: timeouts)
        var response = try http.send(HTTPRequest(method: "GET", target: target))
        let body = try response.readBody(limit: Self.maximumListBytes)
        guard response.status == 200 else {
            throw ImageError(
                code: response.status == 404 ? .notFound : .network,
                subject: "Docker Engine at \(endpoint)",
                message: "HTTP \(response.status) for \(what): \(Self.engineMessage(body))"
            )
        }
        return body
    }

    /// 12 to 64 lower-case hex digits.
    static func isContainerID(_ id: String) -> Bool {
        (12...64).contains(id.utf8.count) && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// A container name as Docker allows it: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
    static func isContainerName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 255 else { return false }
        func alphanumeric(_ c: UInt8) -> Bool {
            (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c)
        }
        return alphanumeric(first) && name.utf8.allSatisfy { alphanumeric($0) || $0 == 95 || $0 == 46 || $0 == 45 }
    }
}
