import CSQLite

/// Reads header blobs from rpm's SQLite database (`rpmdb.sqlite`, rpm ≥ 4.16), from bytes.
///
/// Catalogers are pure, so the database is never opened from a host path: the bytes are copied into
/// an SQLite-owned buffer and opened read-only in memory with `sqlite3_deserialize`. A WAL-mode file
/// header (bytes 18 and 19 = 2) is switched to rollback mode first, because an in-memory database
/// cannot use a write-ahead log.
enum RpmSQLiteReader {
    static let magic: [UInt8] = Array("SQLite format 3\u{0}".utf8)

    static func blobs(_ bytes: [UInt8]) throws(RpmDatabaseError) -> RpmDatabaseBlobs {
        guard OSBinary.hasPrefix(bytes, magic), bytes.count >= 100 else { throw .corrupt("not an SQLite database") }
        var db: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK,
            let db
        else {
            sqlite3_close(db)
            throw .corrupt("cannot open an in-memory SQLite database")
        }
        defer { sqlite3_close(db) }

        let size = bytes.count
        guard let raw = sqlite3_malloc64(sqlite3_uint64(size)) else {
            throw .corrupt("cannot allocate \(size) bytes for the SQLite database")
        }
        let buffer = raw.bindMemory(to: UInt8.self, capacity: size)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.update(from: base, count: size) }
        }
        if buffer[18] == 2 { buffer[18] = 1 }
        if buffer[19] == 2 { buffer[19] = 1 }
        // On failure sqlite3_deserialize frees the buffer itself (SQLITE_DESERIALIZE_FREEONCLOSE).
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE) | UInt32(SQLITE_DESERIALIZE_READONLY)
        let rc = sqlite3_deserialize(db, "main", buffer, sqlite3_int64(size), sqlite3_int64(size), flags)
        guard rc == SQLITE_OK else { throw .corrupt("cannot load the SQLite database: \(message(db))") }

        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT blob FROM Packages", -1, &statement, nil) == SQLITE_OK, let statement
        else {
            let text = message(db)
            sqlite3_finalize(statement)
            if text.contains("no such table") { throw .corrupt("rpmdb.sqlite has no Packages table") }
            throw .corrupt("cannot query the Packages table: \(text)")
        }
        defer { sqlite3_finalize(statement) }

        var result = RpmDatabaseBlobs()
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw .corrupt("reading the Packages table failed after \(result.blobs.count) rows: \(message(db))")
            }
            let count = Int(sqlite3_column_bytes(statement, 0))
            guard count > 0, let pointer = sqlite3_column_blob(statement, 0) else {
                result.damaged += 1
                continue
            }
            result.blobs.append(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        }
        return result
    }

    private static func message(_ db: OpaquePointer) -> String {
        guard let text = sqlite3_errmsg(db) else { return "unknown SQLite error" }
        return String(cString: text)
    }
}
