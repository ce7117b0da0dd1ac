internal import SecurityModel

/// An OS/architecture/variant triple (`linux/amd64`, `linux/arm64/v8`, `linux/arm/v7`).
public struct Platform: Sendable, Hashable, CustomStringConvertible {
    /// Operating system (`linux`).
    public var os: String
    /// Architecture, normalised (`amd64`, `arm64`).
    public var architecture: String
    /// Variant (`v7`, `v8`), when given.
    public var variant: String?

    /// A platform; architecture aliases are normalised.
    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = Platform.normalizeArchitecture(architecture)
        self.variant = variant.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Parses `os/arch[/variant]` (`linux/amd64`); `x86_64` and `aarch64` are accepted as aliases.
    public static func parse(_ text: String) throws(ImageError) -> Platform {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw ImageError(
                code: .malformed,
                subject: "--platform",
                message: "'\(text)' is not os/arch[/variant] (e.g. linux/amd64)"
            )
        }
        return Platform(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
    }

    /// The platform of the running host (linux/amd64 on x86-64, linux/arm64 on AArch64).
    public static var host: Platform {
        #if arch(x86_64)
            return Platform(os: "linux", architecture: "amd64")
        #elseif arch(arm64)
            return Platform(os: "linux", architecture: "arm64")
        #elseif arch(arm)
            return Platform(os: "linux", architecture: "arm", variant: "v7")
        #else
            return Platform(os: "linux", architecture: "amd64")
        #endif
    }

    /// `os/arch[/variant]`.
    public var description: String { "\(os)/\(architecture)" + (variant.map { "/\($0)" } ?? "") }

    /// True when an image for `candidate` runs on this (requested) platform: same OS and
    /// architecture, and the variant matches when this platform names one (arm64 without a variant
    /// counts as v8).
    public func matches(_ candidate: Platform) -> Bool {
        guard os == candidate.os, architecture == candidate.architecture else { return false }
        guard let variant else { return true }
        let other = candidate.variant ?? (candidate.architecture == "arm64" ? "v8" : nil)
        return other == variant
    }

    static func normalizeArchitecture(_ arch: String) -> String {
        switch arch {
        case "x86_64", "x86-64": return "amd64"
        case "aarch64": return "arm64"
        case "i386", "i686": return "386"
        default: return arch
        }
    }

    /// From a descriptor's or config's `platform`-like object (`os`, `architecture`, `variant`).
    init?(json: JSONValue?) {
        guard let json, let os = json["os"]?.stringValue, let arch = json["architecture"]?.stringValue else {
            return nil
        }
        self.init(os: os, architecture: arch, variant: json["variant"]?.stringValue)
    }
}
