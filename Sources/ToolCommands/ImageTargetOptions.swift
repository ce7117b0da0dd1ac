public import ArgumentParser

/// Options that name an image, shared by `sbom` and `image`.
public struct ImageTargetOptions: ParsableArguments {
    @Argument(
        help: """
            The image: a `docker save` archive, an OCI layout (directory or tar), a root file system \
            directory or tarball, an image name in the local Docker Engine, or a registry reference. \
            Prefixes force the kind: docker-archive:, oci:, dir:, rootfs:, docker:, registry:.
            """
    )
    var image: String

    @Option(help: "Force the source kind: auto, docker-archive, oci, dir, rootfs, docker, registry.")
    var source: String = "auto"

    @Option(help: "Platform to select from a multi-platform image (os/arch[/variant]; default: this machine's).")
    var platform: String?

    @Flag(help: "Allow plain HTTP to the registry (loopback registries only).")
    var insecureRegistry = false

    public init() {}

    func settings(io: CommandIO) -> ImageTargetSettings {
        ImageTargetSettings(
            argument: image,
            source: source,
            platform: platform,
            insecureRegistry: insecureRegistry,
            environment: io.environment
        )
    }

    func validateSource() throws(ValidationError) {
        let kinds = ["auto", "docker-archive", "oci", "dir", "rootfs", "docker", "registry"]
        guard kinds.contains(source) else {
            throw ValidationError("unknown --source '\(source)'; use \(kinds.joined(separator: ", "))")
        }
    }
}
