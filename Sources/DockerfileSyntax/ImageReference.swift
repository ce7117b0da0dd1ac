/// An image reference as written in `FROM` (`docker.io/library/alpine:3.19@sha256:…`).
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The text as written (after ARG substitution when the caller substituted).
    public var raw: String
    /// Registry host when the first path component looks like one (`ghcr.io`, `localhost:5000`).
    public var registry: String?
    /// Repository path without registry, tag or digest (`library/alpine` is kept as written: `alpine`).
    public var repository: String
    /// Tag, if any.
    public var tag: String?
    /// Digest (`sha256:…`), if any.
    public var digest: String?

    /// Parses a reference. Never fails; odd input ends up in ``repository``.
    public init(_ raw: String) {
        self.raw = raw
        var rest = Substring(raw)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        let nameStart = lastSlash.map { rest.index(after: $0) } ?? rest.startIndex
        if let colon = rest[nameStart...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" {
                registry = String(first)
                rest = rest[rest.index(after: slash)...]
            }
        }
        repository = String(rest)
    }

    /// True for `scratch`.
    public var isScratch: Bool { repository.lowercased() == "scratch" && registry == nil }

    /// True when the reference still contains a variable (`$BASE`, `${IMAGE}`).
    public var hasVariable: Bool { raw.contains("$") }

    /// The registry the image is pulled from: the explicit registry or `docker.io`.
    public var effectiveRegistry: String { registry ?? "docker.io" }

    public var description: String { raw }
}
