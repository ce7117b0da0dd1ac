// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "bulkhead",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "bulkhead", targets: ["bulkhead"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // 0 foundation (pure)
        .target(name: "SecurityModel", swiftSettings: strict),
        .target(name: "VersionKit", swiftSettings: strict),
        // 1 syntax (pure)
        .target(name: "DockerfileSyntax", dependencies: ["SecurityModel"], swiftSettings: strict),
        // 2 domain (pure)
        .target(name: "DockerfileLint", dependencies: ["DockerfileSyntax", "SecurityModel"], swiftSettings: strict),
        .target(name: "ReportFormats", dependencies: ["SecurityModel"], swiftSettings: strict),
        .target(name: "ProjectConfiguration", dependencies: ["SecurityModel", yams], swiftSettings: strict),
        // C libraries (Debian -dev packages)
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibBPF", pkgConfig: "libbpf", providers: [.apt(["libbpf-dev"])]),
        // images and packages (pure)
        .target(
            name: "OCIImage",
            dependencies: ["SecurityModel", "CZlib", "CZstd", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "Catalogers",
            dependencies: ["SecurityModel", "OCIImage", "CZlib", "CSQLite"],
            swiftSettings: strict
        ),
        .target(
            name: "SBOMFormats",
            dependencies: ["SecurityModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(name: "ImageChecks", dependencies: ["SecurityModel"], swiftSettings: strict),
        // vulnerabilities (pure)
        .target(name: "AdvisoryModel", dependencies: ["SecurityModel", "VersionKit"], swiftSettings: strict),
        .target(
            name: "AdvisoryFeeds",
            dependencies: ["AdvisoryModel", "SecurityModel", "VersionKit", "OCIImage", "CZlib", yams],
            swiftSettings: strict
        ),
        .target(
            name: "VulnerabilityMatching",
            dependencies: ["AdvisoryModel", "SecurityModel", "SBOMFormats", yams],
            swiftSettings: strict
        ),
        .target(
            name: "VulnerabilityReports",
            dependencies: ["VulnerabilityMatching", "AdvisoryModel", "ReportFormats", "SBOMFormats", "SecurityModel"],
            swiftSettings: strict
        ),
        // runtime audit (pure; wip/issue-5: not yet wired into a command)
        .target(name: "YAMLDocuments", dependencies: ["SecurityModel", yams], swiftSettings: strict),
        .target(name: "KubernetesAudit", dependencies: ["SecurityModel", "YAMLDocuments"], swiftSettings: strict),
        .target(name: "ContainerAudit", dependencies: ["SecurityModel"], swiftSettings: strict),
        .target(name: "DockerHostAudit", dependencies: ["SecurityModel"], swiftSettings: strict),
        .target(name: "RuntimeEvents", dependencies: ["SecurityModel"], swiftSettings: strict),
        .target(
            name: "RuleEngine",
            dependencies: ["SecurityModel", "FalcoCondition", "FalcoRules", "RuntimeEvents"],
            swiftSettings: strict
        ),
        .target(
            name: "AlertFormats",
            dependencies: ["SecurityModel", "RuntimeEvents", "FalcoRules"],
            swiftSettings: strict
        ),
        .target(
            name: "AlertChannels",
            dependencies: ["SecurityModel", "COpenSSL", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(name: "FalcoCondition", dependencies: ["SecurityModel"], swiftSettings: strict),
        .target(
            name: "FalcoRules",
            dependencies: ["SecurityModel", "YAMLDocuments", "FalcoCondition", "RuntimeEvents"],
            swiftSettings: strict
        ),
        .target(
            name: "ComposeAudit",
            dependencies: ["SecurityModel", "ContainerAudit", "YAMLDocuments"],
            swiftSettings: strict
        ),
        // 3 adapters (I/O)
        .target(
            name: "VulnerabilityStore",
            dependencies: [
                "AdvisoryModel", "SecurityModel", "CSQLite", "CZlib", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FeedDownload",
            dependencies: ["SecurityModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "ImageSources",
            dependencies: ["OCIImage", "SecurityModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // kernel sensor: pure record decoder, BPF build step, libbpf adapter
        .target(name: "SensorRecords", dependencies: ["RuntimeEvents"], swiftSettings: strict),
        // runtime enrichment: pure /proc and Docker-inspect parsers, the /proc scanner and container directory
        .target(name: "RuntimeInventory", dependencies: ["RuntimeEvents", "SecurityModel"], swiftSettings: strict),
        .target(
            name: "RuntimeEnrichment",
            dependencies: ["RuntimeInventory", "RuntimeEvents", "SensorRecords", "ImageSources", "SecurityModel"],
            swiftSettings: strict
        ),
        // the built-in runtime ruleset (Falco syntax)
        .target(name: "DefaultRules", swiftSettings: strict),
        .executableTarget(name: "BPFObjectEmbedder", swiftSettings: strict),
        .plugin(name: "BPFCompilerPlugin", capability: .buildTool(), dependencies: ["BPFObjectEmbedder"]),
        .target(
            name: "KernelSensor",
            dependencies: ["CLibBPF", "SensorRecords", "RuntimeEvents"],
            exclude: ["BPF"],
            swiftSettings: strict,
            plugins: ["BPFCompilerPlugin"]
        ),
        // 5 delivery
        .target(
            name: "ToolCommands",
            dependencies: [
                "DockerfileLint", "DockerfileSyntax", "ProjectConfiguration", "ReportFormats", "SecurityModel",
                "OCIImage", "Catalogers", "SBOMFormats", "ImageChecks", "ImageSources", argumentParser,
                "AdvisoryModel", "AdvisoryFeeds", "VulnerabilityMatching", "VulnerabilityReports", "VulnerabilityStore",
                "FeedDownload", "KubernetesAudit", "ContainerAudit", "DockerHostAudit", "ComposeAudit",
                "FalcoRules", "FalcoCondition", "RuleEngine", "RuntimeEvents", "AlertFormats", "AlertChannels",
                "KernelSensor", "SensorRecords", "RuntimeEnrichment", "DefaultRules",
                "YAMLDocuments",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "bulkhead", dependencies: ["ToolCommands"], swiftSettings: strict),

        .target(name: "TestSupport", dependencies: ["SecurityModel"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "SecurityModelTests", dependencies: ["SecurityModel", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DockerfileSyntaxTests",
            dependencies: ["DockerfileSyntax", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DockerfileLintTests",
            dependencies: ["DockerfileLint", "DockerfileSyntax", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ReportFormatsTests",
            dependencies: ["ReportFormats", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ProjectConfigurationTests",
            dependencies: ["ProjectConfiguration", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AdvisoryModelTests",
            dependencies: ["AdvisoryModel", "SecurityModel", "VersionKit", "TestSupport"],
            exclude: ["CVSS/cvss4-first-calculator.txt", "CVSS/cvss31-first-calculator.txt"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AdvisoryFeedsTests",
            dependencies: ["AdvisoryFeeds", "AdvisoryModel", "SecurityModel", "TestSupport"],
            exclude: ["Debian/Fixtures", "NVD/Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VulnerabilityMatchingTests",
            dependencies: ["VulnerabilityMatching", "AdvisoryModel", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VulnerabilityReportsTests",
            dependencies: ["VulnerabilityReports", "VulnerabilityMatching", "AdvisoryModel", "SecurityModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VulnerabilityStoreTests",
            dependencies: ["VulnerabilityStore", "AdvisoryModel", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FeedDownloadTests",
            dependencies: ["FeedDownload", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubernetesAuditTests",
            dependencies: ["KubernetesAudit", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "YAMLDocumentsTests",
            dependencies: ["YAMLDocuments", "SecurityModel", "TestSupport", yams],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RuleEngineTests",
            dependencies: [
                "RuleEngine", "FalcoRules", "FalcoCondition", "RuntimeEvents", "SecurityModel", "TestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AlertFormatsTests",
            dependencies: ["AlertFormats", "FalcoRules", "RuntimeEvents", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AlertChannelsTests",
            dependencies: ["AlertChannels", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RuntimeEventsTests",
            dependencies: ["RuntimeEvents", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FalcoConditionTests",
            dependencies: ["FalcoCondition", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FalcoRulesTests",
            dependencies: ["FalcoRules", "FalcoCondition", "RuntimeEvents", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DockerHostAuditTests",
            dependencies: ["DockerHostAudit", "SecurityModel", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ComposeAuditTests",
            dependencies: ["ComposeAudit", "ContainerAudit", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ContainerAuditTests",
            dependencies: ["ContainerAudit", "SecurityModel", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "VersionKitTests", dependencies: ["VersionKit", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "OCIImageTests",
            dependencies: ["OCIImage", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogersTests",
            dependencies: ["Catalogers", "OCIImage", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SBOMFormatsTests",
            dependencies: ["SBOMFormats", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ImageChecksTests",
            dependencies: ["ImageChecks", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ImageSourcesTests",
            dependencies: ["ImageSources", "OCIImage", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SensorRecordsTests",
            dependencies: ["SensorRecords", "RuntimeEvents", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RuntimeInventoryTests",
            dependencies: ["RuntimeInventory", "RuntimeEvents", "SecurityModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RuntimeEnrichmentTests",
            dependencies: ["RuntimeEnrichment", "RuntimeInventory", "RuntimeEvents", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DefaultRulesTests",
            dependencies: ["DefaultRules", "FalcoRules", "RuleEngine", "RuntimeEvents", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KernelSensorTests",
            dependencies: ["KernelSensor", "SensorRecords", "RuntimeEvents", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ToolCommandsTests",
            dependencies: ["ToolCommands", "KernelSensor", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
