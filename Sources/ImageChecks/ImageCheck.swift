public import SecurityModel

/// One check of `bulkhead image`: a small pure value that looks at an image and reports findings.
///
/// Checks never do I/O: everything comes through the ``ImageCheckInput``. ``isRequired(_:)`` tells the
/// image reader which files' bytes a check reads (osv-scalibr's `FileRequired`), so that only those are
/// kept while layers stream by; metadata (mode, size, owner) of every entry is always available.
public protocol ImageCheck: Sendable {
    /// Identity, default severity, aliases (dockle and CIS ids) and texts.
    var descriptor: RuleDescriptor { get }
    /// True when ``check(_:)`` reads the content of the file at `path` (absolute in the image).
    func isRequired(_ path: String) -> Bool
    /// The findings for one image. Messages never contain secret values.
    func check(_ input: ImageCheckInput) -> [Finding]
}

extension ImageCheck {
    /// Checks that read no file content need nothing.
    public func isRequired(_ path: String) -> Bool { false }
}
