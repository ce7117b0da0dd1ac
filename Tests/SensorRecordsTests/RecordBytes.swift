@testable import SensorRecords

/// Builds raw records the way the BPF program lays them out, for decoder tests.
struct RecordBytes {
    var bytes: [UInt8]

    init(
        kind: UInt16,
        syscall: UInt32 = 0,
        abiVersion: UInt16 = SensorRecordLayout.abiVersion,
        size: Int = SensorRecordLayout.size
    ) {
        bytes = [UInt8](repeating: 0, count: size)
        put(abiVersion, at: SensorRecordLayout.abiVersionOffset)
        put(kind, at: SensorRecordLayout.kind)
        put(syscall, at: SensorRecordLayout.syscallNumber)
    }

    mutating func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }

    mutating func put(_ text: String, at offset: Int, nul: Bool = true) {
        let utf8 = Array(text.utf8) + (nul ? [0] : [])
        for (index, byte) in utf8.enumerated() { bytes[offset + index] = byte }
    }

    mutating func task(pid: UInt32, tid: UInt32, ppid: UInt32, uid: UInt32, comm: String, cgroup: String = "/") {
        put(UInt64(1_000), at: SensorRecordLayout.timestamp)
        put(pid, at: SensorRecordLayout.pid)
        put(tid, at: SensorRecordLayout.tid)
        put(ppid, at: SensorRecordLayout.ppid)
        put(uid, at: SensorRecordLayout.uid)
        put(uid, at: SensorRecordLayout.euid)
        put(comm, at: SensorRecordLayout.comm)
        put(cgroup, at: SensorRecordLayout.cgroupName)
    }

    mutating func path(_ path: String) {
        put(path, at: SensorRecordLayout.path)
        put(UInt16(path.utf8.count + 1), at: SensorRecordLayout.pathLength)
    }

    mutating func secondPath(_ path: String) {
        put(path, at: SensorRecordLayout.secondPath)
        put(UInt16(path.utf8.count + 1), at: SensorRecordLayout.secondPathLength)
    }

    mutating func argument(_ index: Int, _ value: UInt64) {
        put(value, at: SensorRecordLayout.arguments + 8 * index)
    }

    mutating func argv(_ arguments: [String]) {
        let joined: [UInt8] = arguments.flatMap { Array($0.utf8) + [UInt8(0)] }
        for (index, byte) in joined.enumerated() { bytes[SensorRecordLayout.argv + index] = byte }
        put(UInt32(joined.count), at: SensorRecordLayout.argvLength)
    }
}
