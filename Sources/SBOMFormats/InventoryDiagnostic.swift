/// A problem a cataloger met (an unreadable database, a malformed manifest), kept in the SBOM so that
/// a missing package is never silent.
public struct InventoryDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The cataloger that met it (`os/rpm`).
    public var catalogerID: String
    /// The file it was reading (`/var/lib/rpm/Packages`); empty when not tied to a file.
    public var path: String
    /// What went wrong.
    public var message: String

    /// A diagnostic.
    public init(catalogerID: String, path: String, message: String) {
        self.catalogerID = catalogerID
        self.path = path
        self.message = message
    }

    /// `cataloger: path: message` (the path left out when empty).
    public var description: String {
        path.isEmpty ? "\(catalogerID): \(message)" : "\(catalogerID): \(path): \(message)"
    }
}
