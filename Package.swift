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
    ],
    targets: [
        // 0 foundation (pure)
        .target(name: "SecurityModel", swiftSettings: strict),
        // 1 syntax (pure)
        .target(name: "DockerfileSyntax", dependencies: ["SecurityModel"], swiftSettings: strict),
        // 2 domain (pure)
        .target(name: "DockerfileLint", dependencies: ["DockerfileSyntax", "SecurityModel"], swiftSettings: strict),
        .target(name: "ReportFormats", dependencies: ["SecurityModel"], swiftSettings: strict),
        .target(name: "ProjectConfiguration", dependencies: ["SecurityModel", yams], swiftSettings: strict),
        // 5 delivery
        .target(
            name: "ToolCommands",
            dependencies: [
                "DockerfileLint", "DockerfileSyntax", "ProjectConfiguration", "ReportFormats", "SecurityModel",
                argumentParser,
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
            name: "ToolCommandsTests",
            dependencies: ["ToolCommands", "TestSupport"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
