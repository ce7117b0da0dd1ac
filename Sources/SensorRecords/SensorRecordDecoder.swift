/// Decodes the raw bytes of one ring-buffer record into a ``SensorRecord``.
///
/// Pure and total: any byte sequence either decodes or throws a ``SensorRecordError``; strings are read up to
/// their NUL or their field's end, whatever the kernel wrote.
public enum SensorRecordDecoder {
    /// Decodes `bytes`, one record as `bpf_ringbuf_submit` handed it over (extra trailing bytes are ignored).
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(SensorRecordError) -> SensorRecord {
        typealias L = SensorRecordLayout
        guard bytes.count >= L.size else {
            throw SensorRecordError(
                code: .truncated,
                message: "record of \(bytes.count) bytes, expected \(L.size)"
            )
        }
        let version: UInt16 = load(bytes, L.abiVersionOffset)
        guard version == L.abiVersion else {
            throw SensorRecordError(
                code: .abiMismatch,
                message: "record ABI version \(version), expected \(L.abiVersion)"
            )
        }
        let rawKind: UInt16 = load(bytes, L.kind)
        guard let kind = SensorRecordKind(rawValue: rawKind) else {
            throw SensorRecordError(code: .unknownKind, message: "record kind \(rawKind)")
        }
        let family: UInt16 = load(bytes, L.addressFamily)
        let networkPort: UInt16 = load(bytes, L.port)
        let addressLength = family == 2 ? 4 : family == 10 ? 16 : 0
        let pathLength = Int(load(bytes, L.pathLength) as UInt32)
        return SensorRecord(
            kind: kind,
            syscallNumber: load(bytes, L.syscallNumber),
            bootTimeNanoseconds: load(bytes, L.timestamp),
            pid: load(bytes, L.pid),
            tid: load(bytes, L.tid),
            ppid: load(bytes, L.ppid),
            uid: load(bytes, L.uid),
            gid: load(bytes, L.gid),
            childTID: load(bytes, L.auxPID),
            childPID: load(bytes, L.auxTGID),
            result: load(bytes, L.result),
            flags: load(bytes, L.flags),
            mode: load(bytes, L.mode),
            cgroupID: load(bytes, L.cgroupID),
            cgroupName: string(bytes, L.cgroupName, L.cgroupNameLength),
            comm: string(bytes, L.comm, L.commLength),
            path: pathLength == 0 ? "" : string(bytes, L.path, min(pathLength, L.pathCapacity)),
            addressFamily: family,
            port: UInt16(bigEndian: networkPort),
            address: Array(bytes[L.address..<(L.address + addressLength)])
        )
    }

    /// Decodes a record held in an array (tests, recordings of raw records).
    public static func decode(_ bytes: [UInt8]) throws(SensorRecordError) -> SensorRecord {
        let result: Result<SensorRecord, SensorRecordError> = bytes.withUnsafeBytes { buffer in
            do throws(SensorRecordError) { return .success(try decode(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func load<T: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The bytes of a fixed-size C string field up to the first NUL, invalid UTF-8 repaired.
    private static func string(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ capacity: Int) -> String {
        let field = bytes[offset..<(offset + capacity)]
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[offset..<end], as: UTF8.self)
    }
}
