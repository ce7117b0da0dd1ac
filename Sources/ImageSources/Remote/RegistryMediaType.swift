/// Media types of the Distribution API that the registry source understands.
public enum RegistryMediaType {
    /// OCI image index.
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    /// OCI image manifest.
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    /// Docker manifest list (schema 2).
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    /// Docker image manifest (schema 2).
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    /// Docker schema 1 (not supported).
    public static let dockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json"
    /// Docker signed schema 1 (not supported).
    public static let dockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws"
    /// OCI image config.
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    /// Docker image config.
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"

    static let indexTypes: Set<String> = [ociIndex, dockerManifestList]
    static let manifestTypes: Set<String> = [ociManifest, dockerManifest]
    static let configTypes: Set<String> = [ociConfig, dockerConfig]
}
