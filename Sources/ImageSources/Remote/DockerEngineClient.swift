internal import Foundation
internal import Glibc
public import OCIImage
import SecurityModel

/// A client of the Docker Engine API (`/_ping`, image inspect, image save) over the engine's Unix
/// socket or plain TCP, as `DOCKER_HOST` selects.
public struct DockerEngineClient: Sendable {
    /// Where the engine listens.
    public let endpoint: HTTPEndpoint
    /// Connect and idle timeouts of every request.
    public var timeouts: HTTPTimeouts

    /// Largest inspect answer read into memory.
    static let maximumInspectBytes = 16 * 1024 * 1024

    /// A client for `endpoint`.
    public init(endpoint: HTTPEndpoint, timeouts: HTTPTimeouts = .default) {
        self.endpoint = endpoint
        self.timeouts = timeouts
    }

    /// A client for the engine that `DOCKER_HOST` names in `environment` (the process environment
    /// when nil), else `/var/run/docker.sock`.
    public init(environment: [String: String]? = nil, timeouts: HTTPTimeouts = .default) throws(ImageError) {
        let env = environment ?? ProcessInfo.processInfo.environment
        self.init(endpoint: try HTTPEndpoint.dockerHost(environment: env), timeouts: timeouts)
    }

    private var http: SocketHTTPClient { SocketHTTPClient(endpoint: endpoint, timeouts: timeouts) }
    private var subject: String { "Docker Engine at \(endpoint)" }

    /// Checks that the engine answers; returns its API version (`1.41`) when it says one.
    @discardableResult
    public func ping() throws(ImageError) -> String? {
        var response = try http.send(HTTPRequest(method: "GET", target: "/_ping"))
        let body = try response.readBody(limit: 64 * 1024)
        guard response.status == 200 else {
            throw ImageError(
                code: .network,
                subject: subject,
                message: "/_ping answered HTTP \(response.status): \(RemoteText.printable(body, limit: 300))"
            )
        }
        return response.headers["Api-Version"]
    }

    /// Inspects the image `name` (a name, `name:tag`, `name@digest` or an id).
    public func inspectImage(_ name: String) throws(ImageError) -> DockerImageInspect {
        let path = try Self.imagePath(name, subject: subject)
        var response = try http.send(HTTPRequest(method: "GET", target: "\(path)/json"))
        let body = try response.readBody(limit: Self.maximumInspectBytes)
        try check(response.status, body: body, image: name)
        return try DockerImageInspect(json: body, subject: "\(subject), image \(name)")
    }

    /// Streams `docker save` of `name` (`GET /images/{name}/get`) into a new private scratch
    /// directory under `scratchParent` (`$TMPDIR` or `/tmp` when nil).
    public func saveImage(_ name: String, scratchParent: String? = nil) throws(ImageError) -> SavedImageArchive {
        let path = try Self.imagePath(name, subject: subject)
        let directory = try RemoteScratch.makeDirectory(label: "docker-save", parent: scratchParent)
        do {
            let file = directory + "/image.tar"
            let count = try save(target: "\(path)/get", image: name, to: file)
            return SavedImageArchive(path: file, directory: directory, byteCount: count)
        } catch {
            RemoteScratch.remove(directory)
            throw error
        }
    }

    private func save(target: String, image: String, to file: String) throws(ImageError) -> Int {
        var response = try http.send(HTTPRequest(method: "GET", target: target))
        if response.status != 200 {
            let body = (try? response.readBody(limit: 1024 * 1024)) ?? []
            try check(response.status, body: body, image: image)
        }
        let fd = try RemoteScratch.createFile(file)
        defer { _ = Glibc.close(fd) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        var total = 0
        while true {
            let n = try response.body.read(into: chunk)
            if n == 0 { break }
            try RemoteScratch.writeAll(fd, UnsafeRawBufferPointer(rebasing: chunk[0..<n]), path: file)
            total += n
        }
        guard total > 0 else {
            throw ImageError(
                code: .truncated,
                subject: "\(subject), image \(image)",
                message: "the engine sent an empty archive"
            )
        }
        return total
    }

    private func check(_ status: Int, body: [UInt8], image: String) throws(ImageError) {
        guard status != 200 else { return }
        let message = Self.engineMessage(body)
        if status == 404 {
            throw ImageError(
                code: .notFound,
                subject: subject,
                message: "no such image \"\(image)\" (\(message))"
            )
        }
        throw ImageError(
            code: .network,
            subject: subject,
            message: "HTTP \(status) for image \"\(image)\": \(message)"
        )
    }

    /// The `message` of an engine error answer, else the body as printable text.
    static func engineMessage(_ body: [UInt8]) -> String {
        if let value = try? JSONParser.parse(bytes: body), let message = value["message"]?.stringValue {
            return message
        }
        return RemoteText.printable(body, limit: 300)
    }

    /// `/images/<name>`; names with characters outside a reference's alphabet or with `..` segments
    /// are refused so that a name can never address another API path.
    static func imagePath(_ name: String, subject: String) throws(ImageError) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/:@+".utf8)
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, name.utf8.count <= 1024, name.utf8.allSatisfy(allowed.contains),
            !name.hasPrefix("/"), !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
        else {
            throw ImageError(
                code: .malformed,
                subject: subject,
                message: "\"\(RemoteText.printable(Array(name.utf8)))\" is not a valid image name or id"
            )
        }
        return "/images/\(name)"
    }
}
