public import SecurityModel

/// IMG2101: compilers in the image (gcc, cc, c++, clang, go, rustc, javac …). An attacker who gets a shell
/// can build tools on the spot, and a runtime image rarely needs them. Informational.
public struct CompilerPresent: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG2101",
        slug: "compiler-present",
        title: "Compiler in the image",
        severity: .info,
        remediation:
            "Build in one stage and copy only the artefacts into a slim runtime stage (`FROM … AS build`, then "
            + "`COPY --from=build`); a runtime image needs no toolchain.",
        tags: ["hardening", "size"]
    )

    static let names: Set<Substring> = [
        "gcc", "cc", "c++", "g++", "clang", "clang++", "tcc", "go", "gccgo", "rustc", "javac", "gfortran",
    ]

    public func check(_ input: ImageCheckInput) -> [Finding] {
        let tools = ToolInventory.find(in: input) { base in
            ToolInventory.versioned(base, among: Self.names)
        }
        guard let first = tools.first else { return [] }
        return [
            Finding(
                rule: descriptor,
                location: input.location(path: first.path, layerIndex: first.layerIndex),
                message: "Compilers present: \(ToolInventory.describe(tools))"
            )
        ]
    }
}
