public import SecurityModel

extension ManifestLoadError {
    /// This error as a reportable target error: code `invalid-yaml`, `too-many-nodes`, `too-large` or
    /// `not-an-object`; target the file; message `file:line: document N: …`.
    public var targetError: TargetError {
        let kebab = code.description.reduce(into: "") { text, character in
            if character.isUppercase {
                text += "-" + character.lowercased()
            } else {
                text.append(character)
            }
        }
        return TargetError(code: kebab.replacing("y-a-m-l", with: "yaml"), target: file, message: description)
    }
}
