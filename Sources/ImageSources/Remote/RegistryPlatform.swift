public import OCIImage

/// The platform whose manifest is picked from an image index / manifest list (`linux/amd64`,
/// `linux/arm64/v8`).
public struct RegistryPlatform: Sendable, Hashable, CustomStringConvertible {
    /// `linux`, `windows`…
    public var os: String
    /// GOARCH spelling: `amd64`, `arm64`, `arm`, `386`, `ppc64le`, `s390x`…
    public var architecture: String
    /// `v7`, `v8`…, when it matters.
    public var variant: String?

    /// A platform; `x86_64`/`aarch64` spellings are normalised to `amd64`/`arm64`.
    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os.lowercased()
        self.architecture = Self.normalizedArchitecture(architecture)
        self.variant = variant.map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `linux/amd64`, the default.
    public static var linuxAMD64: RegistryPlatform { RegistryPlatform(os: "linux", architecture: "amd64") }

    /// Parses `os/arch[/variant]`.
    public init(parsing text: String) throws(ImageError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 64 }),
            parts.allSatisfy({
                $0.utf8.allSatisfy { b in
                    (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 45
                        || b == 46
                }
            })
        else {
            throw ImageError(
                code: .malformed,
                subject: "platform \"\(RemoteText.printable(Array(text.utf8)))\"",
                message: "expected os/architecture[/variant], for example linux/amd64 or linux/arm64/v8"
            )
        }
        self.init(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
    }

    /// `os/arch[/variant]`.
    public var description: String {
        variant.map { "\(os)/\(architecture)/\($0)" } ?? "\(os)/\(architecture)"
    }

    /// True when an index entry for `os`/`architecture`/`variant` serves this platform. Without a
    /// requested variant any variant matches; `arm64` without variant equals `arm64/v8`.
    func matches(os: String?, architecture: String?, variant: String?) -> Bool {
        guard let os, let architecture, os.lowercased() == self.os,
            Self.normalizedArchitecture(architecture) == self.architecture
        else { return false }
        guard let wanted = self.variant else { return true }
        let normalized = architecture == "arm64" || architecture == "aarch64"
        let theirs = variant?.lowercased() ?? (normalized ? "v8" : nil)
        let mine = wanted
        return theirs == mine
    }

    static func normalizedArchitecture(_ architecture: String) -> String {
        switch architecture.lowercased() {
        case "x86_64", "x86-64": return "amd64"
        case "aarch64": return "arm64"
        case "i386", "i686": return "386"
        case let other: return other
        }
    }
}
