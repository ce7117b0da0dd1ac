/// Why an rpm database file could not be read.
struct RpmDatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// True when the file is a database rpm may write but Bulkhead does not read (a Berkeley DB btree,
    /// an encrypted database); false when it is corrupt or not a database at all.
    var unsupported: Bool
    var message: String
    var description: String { message }

    static func corrupt(_ message: String) -> Self { Self(unsupported: false, message: message) }
    static func unsupported(_ message: String) -> Self { Self(unsupported: true, message: message) }
}

/// Header blobs read from an rpm database, with the number of records that could not be read.
struct RpmDatabaseBlobs: Sendable {
    var blobs: [[UInt8]] = []
    /// Records skipped because they were damaged (bad overflow chains, bad slots).
    var damaged = 0
}
