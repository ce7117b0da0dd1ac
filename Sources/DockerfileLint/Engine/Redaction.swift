/// Masks secret values in text shown to users.
public enum Redaction {
    /// The mask that replaces a secret.
    public static let mask = "****"

    /// `text` with every occurrence of each secret (longest first) replaced by ``mask``. A secret
    /// shorter than 4 characters is masked too; empty ones are ignored.
    public static func mask(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
            result = result.replacing(secret, with: mask)
        }
        return result
    }
}
