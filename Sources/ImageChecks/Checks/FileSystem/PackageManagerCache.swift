public import SecurityModel

/// IMG2006: package-manager caches left in the image (`/var/cache/apk`, `/var/lib/apt/lists`,
/// `/var/cache/apt/archives/*.deb`, yum/dnf/zypper caches, `~/.cache/pip`, `~/.npm/_cacache`, yarn, Go
/// build and Composer caches), with their size. Caches smaller than ``PackageManagerCache/threshold``
/// bytes are not reported.
public struct PackageManagerCache: ImageCheck {
    public init() {}

    /// Smallest cache worth a finding, in bytes.
    public static let threshold = 64 * 1024

    public let descriptor = RuleDescriptor.image(
        id: "IMG2006",
        slug: "package-manager-cache",
        title: "Package-manager cache left in the image",
        severity: .low,
        remediation:
            "Clean up in the same RUN step that filled the cache: `apk add --no-cache`, `apt-get clean && rm -rf "
            + "/var/lib/apt/lists/*`, `dnf clean all`, `pip install --no-cache-dir`, `npm ci && npm cache clean "
            + "--force`; or use a BuildKit cache mount (`RUN --mount=type=cache,target=/root/.cache/pip …`).",
        tags: ["best-practice", "size"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var totals: [PackageCacheLocation: (bytes: Int, files: Int, layers: Set<Int>)] = [:]
        for entry in input.entries where entry.kind == .regular {
            guard let cache = PackageCacheLocation.of(entry.path) else { continue }
            var total = totals[cache] ?? (0, 0, [])
            total.bytes += entry.size
            total.files += 1
            if let layer = entry.layerIndex { total.layers.insert(layer) }
            totals[cache] = total
        }
        return totals.filter { $0.value.bytes >= Self.threshold }
            .sorted { $0.value.bytes != $1.value.bytes ? $0.value.bytes > $1.value.bytes : $0.key.root < $1.key.root }
            .map { cache, total in
                let layer = total.layers.count == 1 ? total.layers.first : nil
                return Finding(
                    rule: descriptor,
                    location: input.location(path: cache.root, layerIndex: layer),
                    message: "\(cache.kind) left at \(cache.root): \(ByteCount.format(total.bytes)) in \(total.files) "
                        + (total.files == 1 ? "file" : "files")
                )
            }
    }
}
