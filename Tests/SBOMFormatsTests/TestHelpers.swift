import SBOMFormats
import SecurityModel
import TestSupport

extension JSONValue {
    /// The member names of an object, in order.
    var keys: [String] {
        if case .object(let pairs) = self { return pairs.map(\.0) }
        return []
    }

    /// The integer payload, or nil.
    var intValue: Int? {
        if case .int(let i) = self { return i }
        return nil
    }

    /// The boolean payload, or nil.
    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// Element `index` of an array, or nil.
    subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}

/// Inventories the tests share.
enum SampleInventory {
    static let tool = Inventory.Tool(name: "bulkhead", version: "0.3.0")
    static let created = "2024-05-01T12:00:00Z"

    static let image = ImageMetadata(
        reference: "docker.io/library/alpine:3.19",
        manifestDigest: "sha256:" + String(repeating: "ab", count: 32),
        configDigest: "sha256:" + String(repeating: "cd", count: 32),
        repoTags: ["docker.io/library/alpine:3.19"],
        os: "linux",
        architecture: "amd64",
        layers: [
            LayerInfo(
                digest: "sha256:" + String(repeating: "01", count: 32),
                diffID: "sha256:" + String(repeating: "11", count: 32),
                mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
                size: 3_400_000
            ),
            LayerInfo(
                digest: "sha256:" + String(repeating: "02", count: 32),
                diffID: "sha256:" + String(repeating: "22", count: 32),
                mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
                size: 1_200
            ),
        ]
    )

    static let os = OperatingSystem(
        id: "alpine",
        versionID: "3.19.1",
        prettyName: "Alpine Linux v3.19",
        idLike: [],
        isDistroless: false
    )

    static let musl = Package(
        name: "musl",
        version: "1.2.4_git20230717-r4",
        type: .apk,
        purl: "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1",
        sourceName: "musl",
        licenses: ["MIT"],
        architecture: "x86_64",
        layerIndex: 0,
        locations: ["/lib/apk/db/installed"],
        files: ["/lib/ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1"],
        foundBy: "os/apk"
    )

    static let ssl = Package(
        name: "libssl3",
        version: "3.1.4-r5",
        type: .apk,
        purl: "pkg:apk/alpine/libssl3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1&upstream=openssl",
        sourceName: "openssl",
        licenses: ["Apache-2.0"],
        architecture: "x86_64",
        layerIndex: 0,
        locations: ["/lib/apk/db/installed"],
        foundBy: "os/apk"
    )

    static let requests = Package(
        name: "requests",
        version: "2.31.0",
        type: .python,
        purl: "pkg:pypi/requests@2.31.0",
        licenses: ["Apache-2.0"],
        layerIndex: 1,
        locations: ["/usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA"],
        foundBy: "lang/python-dist-info"
    )

    static let scoped = Package(
        name: "@types/node",
        version: "20.1.0",
        type: .npm,
        purl: "pkg:npm/%40types/node@20.1.0",
        licenses: ["MIT OR Apache-2.0"],
        layerIndex: 1,
        locations: ["/app/node_modules/@types/node/package.json"],
        foundBy: "lang/npm-package-json"
    )

    static let debian = Package(
        name: "libc6",
        version: "2.36-9+deb12u4",
        type: .deb,
        purl: "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64",
        sourceName: "glibc",
        sourceVersion: "2.36-9+deb12u3",
        licenses: ["GPLv2+ and LGPLv2.1+", "custom license"],
        architecture: "amd64",
        layerIndex: 0,
        locations: ["/var/lib/dpkg/status"],
        foundBy: "os/dpkg"
    )

    static let unversioned = Package(
        name: "stdlib",
        version: "",
        type: .goModule,
        purl: "",
        licenses: [],
        layerIndex: nil,
        locations: ["/usr/local/bin/app"],
        foundBy: "lang/go-binary"
    )

    static let unicode = Package(
        name: "пакет-名前 \"quoted\" \\ back",
        version: "1.0 ✓",
        type: .gem,
        purl: "pkg:gem/%D0%BF%D0%B0%D0%BA%D0%B5%D1%82@1.0",
        licenses: ["Ruby", "gpl-2.0-or-later", "LicenseRef-Local"],
        layerIndex: 1,
        locations: ["/usr/lib/ruby/gems/3.2.0/specifications/пакет.gemspec"],
        foundBy: "lang/gemspec"
    )

    static let packages = [musl, ssl, requests, scoped, debian, unversioned, unicode]

    static let diagnostics = [
        InventoryDiagnostic(
            catalogerID: "os/rpm",
            path: "/var/lib/rpm/Packages",
            message: "rpm database format not supported"
        )
    ]

    static var full: Inventory {
        Inventory(
            subject: .image(image),
            operatingSystem: os,
            packages: packages,
            diagnostics: diagnostics,
            tool: tool,
            created: created
        )
    }

    static var directory: Inventory {
        Inventory(
            subject: .directory(path: "/srv/rootfs"),
            packages: [requests, unversioned],
            tool: tool,
            created: created
        )
    }

    static var empty: Inventory {
        Inventory(subject: .image(ImageMetadata(reference: "scratch-image")), tool: tool, created: created)
    }

    /// A random inventory: names and versions from an alphabet with unicode, quotes, controls and spaces.
    static func random(using rng: inout SplitMix64) -> Inventory {
        let pieces = [
            "a", "Z", "0", "-", ".", "_", " ", "\"", "\\", "/", "@", ":", "+", "é", "名", "😀", "\u{7}", "\n", "%", "#",
            "?", "&", "=",
        ]
        func text(_ maxLength: Int) -> String {
            (0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }
                .joined()
        }
        let licensePool = [
            "MIT", "apache-2.0", "GPL-2.0+", "GPL-2.0-only WITH Classpath-exception-2.0",
            "(MIT OR BSD-3-Clause) AND Zlib",
            "LicenseRef-X", "Public Domain", "GPLv3", "", " MIT ", "MIT OR", "BSD",
        ]
        let types = PackageType.allCases
        var packages: [Package] = []
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            let type = types.randomElement(using: &rng) ?? .binary
            let name = text(12)
            let version = text(6)
            let purl =
                Bool.random(using: &rng)
                ? PackageURL.make(
                    type: type == .python ? "pypi" : type.rawValue,
                    name: name.isEmpty ? "x" : name,
                    version: version
                )
                : ""
            packages.append(
                Package(
                    name: name.isEmpty ? "x" : name,
                    version: version,
                    type: type,
                    purl: purl,
                    sourceName: Bool.random(using: &rng) ? text(8) : nil,
                    sourceVersion: Bool.random(using: &rng) ? text(5) : nil,
                    licenses: (0..<Int.random(in: 0...3, using: &rng)).compactMap { _ in
                        licensePool.randomElement(using: &rng)
                    },
                    architecture: Bool.random(using: &rng) ? "x86_64" : nil,
                    layerIndex: Bool.random(using: &rng) ? Int.random(in: 0...3, using: &rng) : nil,
                    locations: (0..<Int.random(in: 0...2, using: &rng)).map { _ in "/" + text(10) },
                    files: (0..<Int.random(in: 0...2, using: &rng)).map { _ in "/" + text(10) },
                    foundBy: "lang/" + text(4)
                )
            )
        }
        let subject: Inventory.Subject =
            Bool.random(using: &rng)
            ? .image(
                ImageMetadata(
                    reference: text(10),
                    manifestDigest: Bool.random(using: &rng) ? "sha256:" + String(repeating: "e", count: 64) : nil,
                    configDigest: "sha256:" + String(repeating: "f", count: 64),
                    repoTags: Bool.random(using: &rng) ? [text(8)] : [],
                    architecture: "arm64",
                    layers: [LayerInfo(diffID: "sha256:" + String(repeating: "9", count: 64))]
                )
            )
            : .directory(path: text(10))
        let os: OperatingSystem? =
            Bool.random(using: &rng)
            ? OperatingSystem(id: text(6), versionID: Bool.random(using: &rng) ? text(4) : nil) : nil
        return Inventory(
            subject: subject,
            operatingSystem: os,
            packages: packages,
            diagnostics: Bool.random(using: &rng)
                ? [InventoryDiagnostic(catalogerID: text(5), path: text(5), message: text(20))] : [],
            tool: tool,
            created: created
        )
    }
}
