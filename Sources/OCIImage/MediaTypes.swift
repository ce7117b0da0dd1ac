/// Media types of OCI and Docker image documents and layers.
public enum MediaTypes {
    /// `application/vnd.oci.image.index.v1+json`.
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    /// `application/vnd.oci.image.manifest.v1+json`.
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    /// `application/vnd.oci.image.config.v1+json`.
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    /// `application/vnd.oci.image.layer.v1.tar`.
    public static let ociLayer = "application/vnd.oci.image.layer.v1.tar"
    /// `application/vnd.oci.image.layer.v1.tar+gzip`.
    public static let ociLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
    /// `application/vnd.oci.image.layer.v1.tar+zstd`.
    public static let ociLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd"
    /// `application/vnd.oci.image.layer.nondistributable.v1.tar`.
    public static let ociLayerNondistributable = "application/vnd.oci.image.layer.nondistributable.v1.tar"
    /// `application/vnd.oci.image.layer.nondistributable.v1.tar+gzip`.
    public static let ociLayerNondistributableGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
    /// `application/vnd.oci.image.layer.nondistributable.v1.tar+zstd`.
    public static let ociLayerNondistributableZstd = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd"
    /// `application/vnd.docker.distribution.manifest.list.v2+json`.
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    /// `application/vnd.docker.distribution.manifest.v2+json`.
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    /// `application/vnd.docker.distribution.manifest.v1+json`.
    public static let dockerManifestV1 = "application/vnd.docker.distribution.manifest.v1+json"
    /// `application/vnd.docker.distribution.manifest.v1+prettyjws`.
    public static let dockerManifestV1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws"
    /// `application/vnd.docker.container.image.v1+json`.
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    /// `application/vnd.docker.image.rootfs.diff.tar.gzip`.
    public static let dockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip"
    /// `application/vnd.docker.image.rootfs.foreign.diff.tar.gzip`.
    public static let dockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
    /// `application/vnd.docker.image.rootfs.diff.tar`: what `docker save` writes for uncompressed
    /// layers (Docker 25+).
    public static let dockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar"

    /// Index or manifest list.
    public static func isIndex(_ mediaType: String?) -> Bool {
        mediaType == ociIndex || mediaType == dockerManifestList
    }

    /// Image manifest (OCI or Docker schema 2).
    public static func isManifest(_ mediaType: String?) -> Bool {
        mediaType == ociManifest || mediaType == dockerManifest
    }

    /// A media type an image layer may have.
    public static func isLayer(_ mediaType: String) -> Bool {
        [
            ociLayer, ociLayerGzip, ociLayerZstd, ociLayerNondistributable, ociLayerNondistributableGzip,
            ociLayerNondistributableZstd, dockerLayer, dockerForeignLayer, dockerLayerTar,
        ].contains(mediaType)
    }

    /// A media type an image config may have.
    public static func isConfig(_ mediaType: String) -> Bool {
        mediaType == ociConfig || mediaType == dockerConfig
    }
}
