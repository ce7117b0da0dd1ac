internal import CLibBPF
import Foundation
public import RuntimeEvents
internal import SensorRecords

#if canImport(Glibc)
    import Glibc
#endif

/// The eBPF kernel sensor: loads the embedded CO-RE object with libbpf, attaches every program to its
/// tracepoint and turns ring-buffer records into ``RuntimeEvents/RuntimeEvent``s.
///
/// Not thread-safe: one thread owns a sensor and calls ``poll(timeoutMilliseconds:)``, which blocks.
public final class KernelSensor {
    /// Names of the attached programs.
    public let attachedPrograms: [String]
    /// Records that could not be decoded so far (ABI mismatch, truncation): counted, never hidden.
    public var undecodableRecords: Int { sink.decodeErrors }

    private let object: OpaquePointer
    private var links: [OpaquePointer]
    private let ringBuffer: OpaquePointer
    private let lostMapFD: Int32
    private let sink: RecordSink
    private let sinkPointer: Unmanaged<RecordSink>
    private let mapper: SensorEventMapper
    private var nextNumber: UInt64 = 1

    /// Opens, loads and attaches the sensor. Throws ``KernelSensorError`` with a clear message when not root,
    /// when BTF is missing, or when the kernel rejects a program.
    public init() throws(KernelSensorError) {
        if let reason = SensorSupport.unsupportedReason { throw reason }
        guard let bytes = Data(base64Encoded: SensorBPFObject.base64), bytes.count == SensorBPFObject.byteCount
        else { throw KernelSensorError(code: .objectInvalid, message: "the embedded BPF object is corrupt") }

        let opened: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            var options = clibbpf_object_open_opts("bulkhead_sensor")
            return bpf_object__open_mem(buffer.baseAddress, buffer.count, &options)
        }
        guard let object = opened, clibbpf_pointer_error(UnsafeRawPointer(object)) == 0 else {
            throw KernelSensorError(code: .objectInvalid, message: "libbpf cannot open the BPF object: \(Self.errno())")
        }
        var links: [OpaquePointer] = []
        func cleanUp() {
            for link in links { bpf_link__destroy(link) }
            bpf_object__close(object)
        }
        let loaded = bpf_object__load(object)
        guard loaded == 0 else {
            cleanUp()
            throw KernelSensorError(
                code: .loadFailed,
                message: "the kernel rejected the BPF programs: \(Self.describe(loaded))"
            )
        }
        var names: [String] = []
        var program = bpf_object__next_program(object, nil)
        while let current = program {
            let name = String(cString: bpf_program__name(current))
            guard let link = bpf_program__attach(current) else {
                let reason = Self.errno()
                cleanUp()
                throw KernelSensorError(code: .attachFailed, message: "cannot attach \(name): \(reason)")
            }
            links.append(link)
            names.append(name)
            program = bpf_object__next_program(object, current)
        }
        let eventsFD = bpf_object__find_map_fd_by_name(object, "events")
        let lostFD = bpf_object__find_map_fd_by_name(object, "lost_events")
        let sink = RecordSink()
        let sinkPointer = Unmanaged.passRetained(sink)
        let callback: ring_buffer_sample_fn = { context, data, size in
            guard let context, let data else { return 0 }
            let sink = Unmanaged<RecordSink>.fromOpaque(context).takeUnretainedValue()
            do {
                sink.records.append(try SensorRecordDecoder.decode(UnsafeRawBufferPointer(start: data, count: size)))
            } catch {
                sink.decodeErrors += 1
            }
            return 0
        }
        guard eventsFD >= 0, lostFD >= 0,
            let ringBuffer = ring_buffer__new(eventsFD, callback, sinkPointer.toOpaque(), nil)
        else {
            sinkPointer.release()
            cleanUp()
            throw KernelSensorError(code: .ringBufferFailed, message: "cannot set up the ring buffer: \(Self.errno())")
        }
        self.object = object
        self.links = links
        self.ringBuffer = ringBuffer
        self.lostMapFD = lostFD
        self.sink = sink
        self.sinkPointer = sinkPointer
        self.attachedPrograms = names
        self.mapper = SensorEventMapper(bootToEpochOffset: Self.bootToEpochOffset())
    }

    deinit {
        ring_buffer__free(ringBuffer)
        for link in links { bpf_link__destroy(link) }
        bpf_object__close(object)
        sinkPointer.release()
    }

    /// Waits up to `timeoutMilliseconds` for records and returns the events decoded from them (possibly none).
    public func poll(timeoutMilliseconds: Int32) throws(KernelSensorError) -> [RuntimeEvent] {
        let status = ring_buffer__poll(ringBuffer, timeoutMilliseconds)
        if status < 0 && status != -EINTR {
            throw KernelSensorError(code: .ringBufferFailed, message: "ring buffer poll: \(Self.describe(status))")
        }
        let records = sink.records
        sink.records.removeAll(keepingCapacity: true)
        var events: [RuntimeEvent] = []
        events.reserveCapacity(records.count)
        for record in records {
            if let event = mapper.event(from: record, number: nextNumber) {
                events.append(event)
                nextNumber += 1
            }
        }
        return events
    }

    /// Events the kernel could not put into the ring buffer because it was full, per CPU.
    public func lostEventsPerCPU() -> [UInt64] {
        let cpus = Int(libbpf_num_possible_cpus())
        guard cpus > 0 else { return [] }
        var values = [UInt64](repeating: 0, count: cpus)
        var key: UInt32 = 0
        let status = values.withUnsafeMutableBytes { bpf_map_lookup_elem(lostMapFD, &key, $0.baseAddress) }
        return status == 0 ? values : []
    }

    /// Total events lost so far, over all CPUs.
    public var lostEvents: UInt64 { lostEventsPerCPU().reduce(0, &+) }

    private static func bootToEpochOffset() -> UInt64 {
        var realtime = timespec()
        var boottime = timespec()
        clock_gettime(CLOCK_REALTIME, &realtime)
        clock_gettime(CLOCK_BOOTTIME, &boottime)
        let real = UInt64(realtime.tv_sec) * 1_000_000_000 + UInt64(realtime.tv_nsec)
        let boot = UInt64(boottime.tv_sec) * 1_000_000_000 + UInt64(boottime.tv_nsec)
        return real &- boot
    }

    private static func errno() -> String { String(cString: strerror(Glibc.errno)) }

    private static func describe(_ status: Int32) -> String { String(cString: strerror(-status)) }
}
