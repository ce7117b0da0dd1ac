/// One build stage: a `FROM` and the instructions up to the next `FROM`.
public struct Stage: Sendable, Hashable {
    /// 0-based position among the stages.
    public var index: Int
    /// The `AS name`, lower-cased as BuildKit compares it, if any.
    public var name: String?
    /// The base image as written.
    public var baseImage: ImageReference
    /// `--platform` value, if any.
    public var platform: String?
    /// Index (in ``Dockerfile/instructions``) of the `FROM`.
    public var fromIndex: Int
    /// Indices of the instructions in this stage, the `FROM` included.
    public var instructionIndices: Range<Int>

    /// True when the base image is another stage of the same file.
    public var baseIsStage: Bool = false
}
