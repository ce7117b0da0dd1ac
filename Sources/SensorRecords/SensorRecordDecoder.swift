import RuntimeEvents

/// Decodes the raw bytes of one ring-buffer record into a ``SensorRecord``.
///
/// Pure and total: any byte sequence either decodes or throws a ``SensorRecordError``; strings are read up to
/// their NUL, their length field or their field's end, whatever comes first, whatever the kernel wrote.
public enum SensorRecordDecoder {
    /// Decodes `bytes`, one record as `bpf_ringbuf_submit` handed it over (extra trailing bytes are ignored).
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(SensorRecordError) -> SensorRecord {
        typealias L = SensorRecordLayout
        guard bytes.count >= L.size else {
            throw SensorRecordError(code: .truncated, message: "record of \(bytes.count) bytes, expected \(L.size)")
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
        let syscallNumber: UInt32 = load(bytes, L.syscallNumber)
        let result: Int64 = load(bytes, L.result)
        let secondPathLength = Int(load(bytes, L.secondPathLength) as UInt16)
        let isExec =
            kind == .processExec
            || (kind == .syscall && result == 0 && (syscallNumber == 59 || syscallNumber == 322))
        if isExec, bytes.count < L.execSize {
            throw SensorRecordError(
                code: .truncated,
                message: "exec record of \(bytes.count) bytes, expected \(L.execSize)"
            )
        }
        if !isExec, secondPathLength > 0, bytes.count < L.sizeWithSecondPath {
            throw SensorRecordError(
                code: .truncated,
                message: "record with a second path of \(bytes.count) bytes, expected \(L.sizeWithSecondPath)"
            )
        }
        let family: UInt16 = load(bytes, L.addressFamily)
        let addressLength = family == 2 ? 4 : family == 10 ? 16 : 0
        var arguments = SensorSyscallArguments()
        arguments.first = load(bytes, L.arguments)
        arguments.second = load(bytes, L.arguments + 8)
        arguments.third = load(bytes, L.arguments + 16)
        arguments.fourth = load(bytes, L.arguments + 24)
        arguments.fifth = load(bytes, L.arguments + 32)
        arguments.sixth = load(bytes, L.arguments + 40)
        return SensorRecord(
            kind: kind,
            syscallNumber: syscallNumber,
            bootTimeNanoseconds: load(bytes, L.timestamp),
            pid: load(bytes, L.pid),
            tid: load(bytes, L.tid),
            ppid: load(bytes, L.ppid),
            uid: load(bytes, L.uid),
            gid: load(bytes, L.gid),
            euid: load(bytes, L.euid),
            egid: load(bytes, L.egid),
            childTID: load(bytes, L.auxPID),
            childPID: load(bytes, L.auxTGID),
            result: result,
            arguments: arguments,
            cgroupID: load(bytes, L.cgroupID),
            cgroupName: string(bytes, L.cgroupName, L.cgroupNameLength),
            comm: string(bytes, L.comm, L.commLength),
            path: string(bytes, L.path, min(Int(load(bytes, L.pathLength) as UInt16), L.pathCapacity)),
            secondPath: isExec ? "" : string(bytes, L.secondPath, min(secondPathLength, L.pathCapacity)),
            aux: string(bytes, L.aux, L.auxLength),
            addressFamily: family,
            socketType: load(bytes, L.socketType),
            localPort: load(bytes, L.localPort),
            remotePort: load(bytes, L.remotePort),
            localAddress: addressLength == 0 ? [] : Array(bytes[L.localAddress..<(L.localAddress + addressLength)]),
            remoteAddress: addressLength == 0
                ? [] : Array(bytes[L.remoteAddress..<(L.remoteAddress + addressLength)]),
            exec: isExec ? execInfo(bytes) : nil
        )
    }

    /// Decodes a record held in an array (tests, recordings of raw records).
    public static func decode(_ bytes: [UInt8]) throws(SensorRecordError) -> SensorRecord {
        let result: Result<SensorRecord, SensorRecordError> = bytes.withUnsafeBytes { buffer in
            do throws(SensorRecordError) { return .success(try decode(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func execInfo(_ bytes: UnsafeRawBufferPointer) -> SensorExecInfo {
        typealias L = SensorRecordLayout
        let loginUID: UInt32 = load(bytes, L.loginUID)
        let flags: UInt32 = load(bytes, L.execFlags)
        let argvLength = min(Int(load(bytes, L.argvLength) as UInt32), L.argvCapacity)
        var argv: [String] = []
        var start = L.argv
        let end = L.argv + argvLength
        var index = start
        while index < end {
            if bytes[index] == 0 {
                argv.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            index += 1
        }
        if start < end {
            argv.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
        return SensorExecInfo(
            capabilities: Capabilities(
                effective: load(bytes, L.capEffective),
                permitted: load(bytes, L.capPermitted),
                inheritable: load(bytes, L.capInheritable)
            ),
            loginUID: loginUID == UInt32.max ? -1 : Int64(loginUID),
            tty: Int64(load(bytes, L.tty) as UInt32),
            sid: Int64(load(bytes, L.sid) as UInt32),
            vpid: Int64(load(bytes, L.vpid) as UInt32),
            isExeFromMemfd: flags & L.execFromMemfd != 0,
            argv: argv
        )
    }

    private static func load<T: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The bytes of a fixed-size C string field up to the first NUL, invalid UTF-8 repaired; no allocation for
    /// an empty field.
    private static func string(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ capacity: Int) -> String {
        guard capacity > 0, bytes[offset] != 0 else { return "" }
        var end = offset
        let limit = offset + capacity
        while end < limit, bytes[end] != 0 { end += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }
}
