public import SecurityModel

extension ManifestLoadError {
    /// This error as a reportable target error: code `invalid-yaml`, `too-many-nodes`, `too-large` or
    /// `not-an-object`; target the file; message `file:line: document N: …`.
    public var targetError: TargetError {
        return TargetError(code: TargetError.stableCode(code.description), target: file, message: description)
    }
}
