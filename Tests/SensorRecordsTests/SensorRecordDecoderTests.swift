import RuntimeEvents
import Testing

@testable import SensorRecords

struct SensorRecordDecoderTests {
    @Test func decodesAnOpenatRecord() throws {
        var raw = RecordBytes(kind: 1, syscall: 257)
        raw.task(pid: 100, tid: 101, ppid: 1, uid: 1000, comm: "cat")
        raw.path("/etc/hostname")
        raw.put(Int64(3), at: SensorRecordLayout.result)
        raw.put(UInt64(0o2_000_000), at: SensorRecordLayout.flags)
        let record = try SensorRecordDecoder.decode(raw.bytes)
        #expect(record.kind == .syscall)
        #expect(record.syscallNumber == 257)
        #expect(record.pid == 100 && record.tid == 101 && record.ppid == 1 && record.uid == 1000)
        #expect(record.comm == "cat")
        #expect(record.path == "/etc/hostname")
        #expect(record.result == 3)
        #expect(record.flags == 0o2_000_000)
        #expect(record.cgroupName == "/")
    }

    @Test func decodesAConnectAddressInHostOrder() throws {
        var raw = RecordBytes(kind: 1, syscall: 42)
        raw.put(UInt16(2), at: SensorRecordLayout.addressFamily)
        raw.put(UInt16(4444).bigEndian, at: SensorRecordLayout.port)
        for (index, byte) in [UInt8(127), 0, 0, 1].enumerated() { raw.bytes[SensorRecordLayout.address + index] = byte }
        raw.put(Int64(-111), at: SensorRecordLayout.result)
        let record = try SensorRecordDecoder.decode(raw.bytes)
        #expect(record.addressFamily == 2)
        #expect(record.port == 4444)
        #expect(record.address == [127, 0, 0, 1])
        #expect(record.result == -111)
    }

    @Test func rejectsTruncatedRecords() {
        for length in [0, 1, 47, SensorRecordLayout.size - 1] {
            let bytes = Array(RecordBytes(kind: 1).bytes.prefix(length))
            #expect(throws: SensorRecordError.self) { try SensorRecordDecoder.decode(bytes) }
            do {
                _ = try SensorRecordDecoder.decode(bytes)
            } catch {
                #expect(error.code == .truncated)
            }
        }
    }

    @Test func rejectsAnotherABIVersionAndUnknownKinds() {
        do {
            _ = try SensorRecordDecoder.decode(RecordBytes(kind: 1, abiVersion: 9).bytes)
            Issue.record("decoded a record of ABI 9")
        } catch {
            #expect(error.code == .abiMismatch)
        }
        do {
            _ = try SensorRecordDecoder.decode(RecordBytes(kind: 77).bytes)
            Issue.record("decoded a record of kind 77")
        } catch {
            #expect(error.code == .unknownKind)
        }
    }

    @Test func readsUnterminatedStringsOnlyUpToTheirField() throws {
        var raw = RecordBytes(kind: 2)
        raw.put(String(repeating: "c", count: 16), at: SensorRecordLayout.comm, nul: false)
        raw.put(String(repeating: "p", count: 256), at: SensorRecordLayout.path, nul: false)
        raw.put(UInt32.max, at: SensorRecordLayout.pathLength)
        raw.bytes[SensorRecordLayout.cgroupName] = 0xFF  // invalid UTF-8
        let record = try SensorRecordDecoder.decode(raw.bytes)
        #expect(record.comm == String(repeating: "c", count: 16))
        #expect(record.path == String(repeating: "p", count: 256))
        #expect(record.cgroupName == "\u{FFFD}")
    }

    @Test func survivesGarbage() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var decoded = 0
        for _ in 0..<2_000 {
            let length = Int(next() % 600)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
            if length >= 4, next() % 2 == 0 {  // half of them pass the header checks
                bytes[0] = 1
                bytes[1] = 0
                bytes[2] = UInt8(1 + next() % 4)
                bytes[3] = 0
            }
            if let record = try? SensorRecordDecoder.decode(bytes) {
                decoded += 1
                _ = SensorEventMapper(bootToEpochOffset: next()).event(from: record, number: 1)
            }
        }
        #expect(decoded > 0)
    }
}
