public import SecurityModel

/// IMG2102: a package manager (apk, apt, dpkg, yum, dnf, rpm, pip, npm …) in an image whose operating system
/// is distroless-style: someone added back what the base image left out on purpose. Informational; silent
/// for ordinary distributions, where the package manager is expected.
public struct PackageManagerInDistroless: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG2102",
        slug: "package-manager-in-distroless",
        title: "Package manager in a distroless image",
        severity: .info,
        remediation:
            "Install packages in a build stage and copy the results into the distroless stage; do not copy a "
            + "package manager into the runtime image.",
        tags: ["hardening"]
    )

    static let names: Set<Substring> = [
        "apk", "apt", "apt-get", "dpkg", "yum", "dnf", "microdnf", "rpm", "zypper", "pip", "pip3", "npm", "yarn",
        "gem", "pacman",
    ]

    public func check(_ input: ImageCheckInput) -> [Finding] {
        guard input.operatingSystem?.isDistroless == true else { return [] }
        let tools = ToolInventory.find(in: input) { base in
            ToolInventory.versioned(base, among: Self.names)
        }
        guard let first = tools.first else { return [] }
        return [
            Finding(
                rule: descriptor,
                location: input.location(path: first.path, layerIndex: first.layerIndex),
                message: "Package managers present in a distroless-style image: \(ToolInventory.describe(tools))"
            )
        ]
    }
}
