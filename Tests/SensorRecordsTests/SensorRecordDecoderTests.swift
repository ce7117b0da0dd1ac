import RuntimeEvents
import Testing

@testable import SensorRecords

struct SensorRecordDecoderTests {
    @Test func decodesAnOpenatRecord() throws {
        var raw = RecordBytes(kind: 1, syscall: 257)
        raw.task(pid: 100, tid: 101, ppid: 1, uid: 1000, comm: "cat")
        raw.path("/etc/hostname")
        raw.put(Int64(3), at: SensorRecordLayout.result)
        raw.argument(0, UInt64(bitPattern: -100))
        raw.argument(2, 0o2_000_000)
        let record = try SensorRecordDecoder.decode(raw.bytes)
        #expect(record.kind == .syscall)
        #expect(record.syscallNumber == 257)
        #expect(record.pid == 100 && record.tid == 101 && record.ppid == 1 && record.uid == 1000)
        #expect(record.euid == 1000)
        #expect(record.comm == "cat")
        #expect(record.path == "/etc/hostname")
        #expect(record.secondPath.isEmpty)
        #expect(record.result == 3)
        #expect(record.arguments.int32(0) == -100)
        #expect(record.arguments[2] == 0o2_000_000)
        #expect(record.cgroupName == "/")
        #expect(record.exec == nil)
    }

    @Test func decodesAConnectAddressInHostOrder() throws {
        var raw = RecordBytes(kind: 1, syscall: 42)
        raw.put(UInt16(2), at: SensorRecordLayout.addressFamily)
        raw.put(UInt16(1), at: SensorRecordLayout.socketType)
        raw.put(UInt16(4444), at: SensorRecordLayout.remotePort)
        raw.put(UInt16(40000), at: SensorRecordLayout.localPort)
        for (index, byte) in [UInt8(127), 0, 0, 1].enumerated() {
            raw.bytes[SensorRecordLayout.remoteAddress + index] = byte
            raw.bytes[SensorRecordLayout.localAddress + index] = byte
        }
        raw.put(Int64(-111), at: SensorRecordLayout.result)
        let record = try SensorRecordDecoder.decode(raw.bytes)
        #expect(record.addressFamily == 2 && record.socketType == 1)
        #expect(record.remotePort == 4444 && record.localPort == 40000)
        #expect(record.remoteAddress == [127, 0, 0, 1])
        #expect(record.result == -111)
    }

    @Test func decodesASecondPath() throws {
        var raw = RecordBytes(kind: 1, syscall: 316, size: SensorRecordLayout.sizeWithSecondPath)
        raw.path("/tmp/a")
        raw.secondPath("/tmp/b")
        let record = try SensorRecordDecoder.decode(raw.bytes)
        #expect(record.path == "/tmp/a" && record.secondPath == "/tmp/b")
        let short = Array(raw.bytes.prefix(SensorRecordLayout.size))
        #expect(throws: SensorRecordError.self) { try SensorRecordDecoder.decode(short) }
    }

    @Test func decodesAnExecRecordWithArgvAndCredentials() throws {
        var raw = RecordBytes(kind: 2, size: SensorRecordLayout.execSize)
        raw.task(pid: 7, tid: 7, ppid: 1, uid: 0, comm: "busybox")
        raw.path("/dev/fd/3")
        raw.argv(["sh", "-c", "echo hi", ""])
        raw.put(UInt64(0x1FF_FFFF_FFFF), at: SensorRecordLayout.capEffective)
        raw.put(UInt32.max, at: SensorRecordLayout.loginUID)
        raw.put(UInt32(34816), at: SensorRecordLayout.tty)
        raw.put(UInt32(42), at: SensorRecordLayout.sid)
        raw.put(UInt32(1), at: SensorRecordLayout.vpid)
        raw.put(UInt32(1), at: SensorRecordLayout.execFlags)
        let record = try SensorRecordDecoder.decode(raw.bytes)
        let exec = try #require(record.exec)
        #expect(exec.argv == ["sh", "-c", "echo hi", ""])
        #expect(exec.capabilities.effective == 0x1FF_FFFF_FFFF)
        #expect(exec.loginUID == -1 && exec.tty == 34816 && exec.sid == 42 && exec.vpid == 1)
        #expect(exec.isExeFromMemfd)
        #expect(record.path == "/dev/fd/3")
        let short = Array(raw.bytes.prefix(SensorRecordLayout.sizeWithSecondPath))
        #expect(throws: SensorRecordError.self) { try SensorRecordDecoder.decode(short) }
    }

    @Test func readsArgvWithoutATrailingNul() throws {
        var raw = RecordBytes(kind: 2, size: SensorRecordLayout.execSize)
        raw.put("ls\0-l", at: SensorRecordLayout.argv, nul: false)
        raw.put(UInt32(5), at: SensorRecordLayout.argvLength)
        #expect(try SensorRecordDecoder.decode(raw.bytes).exec?.argv == ["ls", "-l"])
        raw.put(UInt32.max, at: SensorRecordLayout.argvLength)  // bounded by the field
        #expect(try SensorRecordDecoder.decode(raw.bytes).exec?.argv.first == "ls")
    }

    @Test func rejectsTruncatedRecords() {
        for length in [0, 1, 47, SensorRecordLayout.size - 1] {
            let bytes = Array(RecordBytes(kind: 1).bytes.prefix(length))
            do {
                _ = try SensorRecordDecoder.decode(bytes)
                Issue.record("decoded \(length) bytes")
            } catch {
                #expect(error.code == .truncated)
            }
        }
    }

    @Test func rejectsAnotherABIVersionAndUnknownKinds() {
        do {
            _ = try SensorRecordDecoder.decode(RecordBytes(kind: 1, abiVersion: 1).bytes)
            Issue.record("decoded a record of ABI 1")
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
        var raw = RecordBytes(kind: 1, syscall: 257)
        raw.put(String(repeating: "c", count: 16), at: SensorRecordLayout.comm, nul: false)
        raw.put(String(repeating: "p", count: 256), at: SensorRecordLayout.path, nul: false)
        raw.put(UInt16.max, at: SensorRecordLayout.pathLength)
        raw.bytes[SensorRecordLayout.cgroupName] = 0xFF  // invalid UTF-8
        let record = try SensorRecordDecoder.decode(raw.bytes)
        #expect(record.comm == String(repeating: "c", count: 16))
        #expect(record.path == String(repeating: "p", count: 256))
        #expect(record.cgroupName == "\u{FFFD}")
    }

    /// Fuzz: random buffers of 0…5 000 bytes, most with a valid header, decode or throw, and map, never crash.
    @Test func survivesGarbage() {
        var generator = SplitMix(seed: 0x9E37_79B9_7F4A_7C15)
        let mapper = SensorEventMapper(bootToEpochOffset: 1)
        let sizes = [SensorRecordLayout.size, SensorRecordLayout.sizeWithSecondPath, SensorRecordLayout.execSize]
        var decoded = 0
        var mapped = 0
        for round in 0..<3_000 {
            let length =
                round % 3 == 0
                ? Int(generator.next() % 5_000) : sizes[Int(generator.next() % 3)] - Int(generator.next() % 2)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if length >= 8, generator.next() % 4 != 0 {  // most of them pass the header checks
                bytes[0] = UInt8(SensorRecordLayout.abiVersion)
                bytes[1] = 0
                bytes[2] = UInt8(1 + generator.next() % 4)
                bytes[3] = 0
                let numbers = Array(SyscallNumbers.x86_64.keys)
                let number = numbers[Int(generator.next() % UInt64(numbers.count))]
                for index in 0..<4 { bytes[4 + index] = UInt8(truncatingIfNeeded: number >> (8 * UInt32(index))) }
            }
            if let record = try? SensorRecordDecoder.decode(bytes) {
                decoded += 1
                let known = ThreadInfo(pid: 1, cwd: "/tmp")
                if mapper.event(from: record, number: 1, known: generator.next() % 2 == 0 ? known : nil) != nil {
                    mapped += 1
                }
            }
        }
        #expect(decoded > 500)
        #expect(mapped > 300)
    }
}

/// SplitMix64, for reproducible fuzz input.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
