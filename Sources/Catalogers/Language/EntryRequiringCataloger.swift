public import SecurityModel

/// A cataloger that chooses files from their metadata (mode, size), not their path alone: the binary
/// catalogers, which need every executable. Image readers that see the ``FileEntry`` before buffering a
/// file should ask ``isRequired(entry:)``; ``Cataloger/isRequired(_:)`` is a path-only approximation.
public protocol EntryRequiringCataloger: Cataloger {
    /// True when the content of the file described by `entry` is needed by `catalog`.
    func isRequired(entry: FileEntry) -> Bool
}
