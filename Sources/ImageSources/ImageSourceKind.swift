/// What an image argument names, as ``ImageSourceDetector`` decides it.
public enum ImageSourceKind: Sendable, Hashable {
    /// A `docker save` archive (legacy or with an embedded OCI layout), plain or compressed:
    /// read with `DockerArchiveSource`.
    case dockerArchive(path: String, tag: String?)
    /// An OCI image layout directory or tar: read with `OCILayoutSource`.
    case ociLayout(path: String, tag: String?)
    /// A root file system directory on the host: read with `DirectoryFileTree`.
    case rootfsDirectory(path: String)
    /// A root file system tarball: read as a one-layer image with `RootfsTarballSource`.
    case rootfsTarball(path: String)
    /// An image in the local Docker Engine (`docker:NAME`): `DockerEngineSource`.
    case dockerEngine(reference: String)
    /// An image in a registry (`registry:REF`): `RegistrySource`.
    case registry(reference: String)
    /// A reference with no prefix that is not a local path: the Docker Engine when it has the
    /// image, else the registry.
    case reference(String)
}
