internal import CLibBPF
import Foundation
public import RuntimeEvents
public import SensorRecords

#if canImport(Glibc)
    import Glibc
#endif

/// The eBPF kernel sensor: loads the embedded CO-RE object with libbpf, writes the syscalls to trace into the
/// `interest` map, attaches every program to its tracepoint and hands ring-buffer records over as decoded
/// ``SensorRecords/SensorRecord``s (``drain(timeoutMilliseconds:into:)``) or mapped events
/// (``poll(timeoutMilliseconds:)``).
///
/// With ``Configuration/openPathPrefixes`` the open family is also filtered by path in the kernel: a filtered
/// open leaves no record, so its descriptor never reaches the process table (`fd.name` of a later `fchmod`,
/// `dup`… on it is unknown); ``filteredOpens()`` counts them.
///
/// Not thread-safe: one thread owns a sensor and calls `drain` or `poll`, which block up to their timeout.
public final class KernelSensor {
    /// Names of the attached programs.
    public let attachedPrograms: [String]
    /// The syscall numbers written into the `interest` map (the in-kernel pre-filter).
    public private(set) var tracedSyscalls: Set<UInt32>
    /// True when the open family's path filter (``Configuration/openPathPrefixes``) is on.
    public private(set) var openPathFilterActive: Bool
    /// The most distinct prefixes the open path filter holds (the BPF `open_prefixes` trie's size).
    public static let openPrefixCapacity = 8192
    /// The longest prefix, in bytes, the open path filter compares (a path of 255 bytes or more is always reported).
    public static let openPrefixMaximumLength = 255
    /// Records that could not be decoded so far (ABI mismatch, truncation): counted, never hidden.
    public var undecodableRecords: Int { sink.decodeErrors }

    private let object: OpaquePointer
    private var links: [OpaquePointer]
    private var ringBuffer: OpaquePointer?
    private let lostMapFD: Int32
    private let filteredMapFD: Int32
    private let openFilterFD: Int32
    private let openPrefixesFD: Int32
    /// The keys now in the `open_prefixes` trie.
    private var openPrefixKeys: Set<[UInt8]>
    private let sink: RecordSink
    private let sinkPointer: Unmanaged<RecordSink>
    private let mapper: SensorEventMapper
    private var nextNumber: UInt64 = 1

    /// Opens, loads and attaches the sensor, tracing the syscalls `configuration` asks for. Throws
    /// ``KernelSensorError`` with a clear message when not root, when BTF is missing, or when the kernel
    /// rejects a program.
    public init(configuration: Configuration = Configuration()) throws(KernelSensorError) {
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
        let traced = SyscallNumbers.numbers(for: configuration.eventTypes)
        let interestFD = bpf_object__find_map_fd_by_name(object, "interest")
        guard interestFD >= 0 else {
            cleanUp()
            throw KernelSensorError(code: .loadFailed, message: "the BPF object has no interest map")
        }
        for number in traced {
            var key = number
            var on: UInt32 = 1
            guard bpf_map_update_elem(interestFD, &key, &on, 0) == 0 else {
                let reason = Self.errno()
                cleanUp()
                throw KernelSensorError(code: .loadFailed, message: "cannot enable syscall \(number): \(reason)")
            }
        }
        let openFilterFD = bpf_object__find_map_fd_by_name(object, "open_filter")
        let openPrefixesFD = bpf_object__find_map_fd_by_name(object, "open_prefixes")
        guard openFilterFD >= 0, openPrefixesFD >= 0 else {
            cleanUp()
            throw KernelSensorError(code: .loadFailed, message: "the BPF object has no open path filter maps")
        }
        var openPrefixKeys: Set<[UInt8]> = []
        let filterActive: Bool
        do throws(KernelSensorError) {
            filterActive = try Self.writeOpenPathFilter(
                configuration.openPathPrefixes,
                switchFD: openFilterFD,
                trieFD: openPrefixesFD,
                keys: &openPrefixKeys
            )
        } catch {
            cleanUp()
            throw error
        }
        let filteredFD = bpf_object__find_map_fd_by_name(object, "filtered_opens")
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
        guard eventsFD >= 0, lostFD >= 0, filteredFD >= 0,
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
        self.filteredMapFD = filteredFD
        self.openPathFilterActive = filterActive
        self.openFilterFD = openFilterFD
        self.openPrefixesFD = openPrefixesFD
        self.openPrefixKeys = openPrefixKeys
        self.sink = sink
        self.sinkPointer = sinkPointer
        self.attachedPrograms = names
        self.tracedSyscalls = traced
        self.mapper = SensorEventMapper(bootToEpochOffset: Self.bootToEpochOffset())
    }

    deinit {
        stop()
        bpf_object__close(object)
        sinkPointer.release()
    }

    /// Detaches every program and frees the ring buffer: no more records are produced. Idempotent; after it,
    /// ``drain(timeoutMilliseconds:into:)`` returns 0 and ``poll(timeoutMilliseconds:)`` no events.
    public func stop() {
        for link in links { bpf_link__destroy(link) }
        links = []
        if let ringBuffer { ring_buffer__free(ringBuffer) }
        ringBuffer = nil
    }

    /// Waits up to `timeoutMilliseconds` for records, appends every record decoded from the ring buffer to
    /// `records` and returns how many it appended (records that fail to decode are counted in
    /// ``undecodableRecords``).
    ///
    /// The kernel wakes the consumer once per 256 KiB of records, so under a light load records arrive when the
    /// timeout expires: the timeout bounds the delivery latency.
    public func drain(timeoutMilliseconds: Int32, into records: inout [SensorRecord]) throws(KernelSensorError)
        -> Int
    {
        guard let ringBuffer else { return 0 }
        swap(&sink.records, &records)
        let before = sink.records.count
        var status = ring_buffer__poll(ringBuffer, timeoutMilliseconds)
        if status >= 0 {
            // The BPF side wakes the consumer once per batch; records below the batch size are read here.
            let consumed = ring_buffer__consume(ringBuffer)
            if consumed < 0 { status = consumed }
        }
        let added = sink.records.count - before
        swap(&sink.records, &records)
        if status < 0 && status != -EINTR {
            throw KernelSensorError(code: .ringBufferFailed, message: "ring buffer poll: \(Self.describe(status))")
        }
        return added
    }

    /// Waits up to `timeoutMilliseconds` for records and returns the events mapped from them (possibly none),
    /// numbered from 1 over the sensor's life, each thread built from its record alone.
    public func poll(timeoutMilliseconds: Int32) throws(KernelSensorError) -> [RuntimeEvent] {
        var records: [SensorRecord] = []
        _ = try drain(timeoutMilliseconds: timeoutMilliseconds, into: &records)
        var events: [RuntimeEvent] = []
        events.reserveCapacity(records.count)
        for record in records {
            if let event = mapper.event(from: record, number: nextNumber, known: nil) {
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

    /// Per program, the runs the kernel skipped because that program was already running on the CPU (its
    /// recursion protection, e.g. when a preemptible kernel preempts a program): events lost before any
    /// counter of the sensor could see them. Empty when the kernel does not report it.
    public func skippedProgramRuns() -> [String: UInt64] {
        var skipped: [String: UInt64] = [:]
        var program = bpf_object__next_program(object, nil)
        while let current = program {
            var info = bpf_prog_info()
            var length = UInt32(MemoryLayout<bpf_prog_info>.size)
            if bpf_obj_get_info_by_fd(bpf_program__fd(current), &info, &length) == 0 {
                skipped[String(cString: bpf_program__name(current))] = info.recursion_misses
            }
            program = bpf_object__next_program(object, current)
        }
        return skipped
    }

    /// Opens the path filter (``Configuration/openPathPrefixes``) kept from user space so far, over all CPUs.
    public func filteredOpens() -> UInt64 {
        let cpus = Int(libbpf_num_possible_cpus())
        guard cpus > 0 else { return 0 }
        var values = [UInt64](repeating: 0, count: cpus)
        var key: UInt32 = 0
        let status = values.withUnsafeMutableBytes { bpf_map_lookup_elem(filteredMapFD, &key, $0.baseAddress) }
        return status == 0 ? values.reduce(0, &+) : 0
    }

    /// Replaces the traced event types while the sensor runs (after the rules are reloaded; nil: all). The new
    /// syscalls are turned on before the ones no longer needed are turned off.
    public func setEventTypes(_ eventTypes: Set<EventType>?) throws(KernelSensorError) {
        let wanted = SyscallNumbers.numbers(for: eventTypes)
        let interestFD = bpf_object__find_map_fd_by_name(object, "interest")
        guard interestFD >= 0 else {
            throw KernelSensorError(code: .loadFailed, message: "the BPF object has no interest map")
        }
        for (numbers, value) in [
            (wanted.subtracting(tracedSyscalls), UInt32(1)), (tracedSyscalls.subtracting(wanted), 0),
        ] {
            for number in numbers.sorted() {
                var key = number
                var flag = value
                guard bpf_map_update_elem(interestFD, &key, &flag, 0) == 0 else {
                    throw KernelSensorError(
                        code: .loadFailed,
                        message: "cannot \(value == 1 ? "enable" : "disable") syscall \(number): \(Self.errno())"
                    )
                }
            }
        }
        tracedSyscalls = wanted
    }

    /// Replaces the open path filter while the sensor runs (after the rules are reloaded): nil turns it off. The
    /// filter is off while the prefixes are rewritten, so no open a new rule needs is dropped in between.
    public func setOpenPathPrefixes(_ prefixes: [String]?) throws(KernelSensorError) {
        openPathFilterActive = try Self.writeOpenPathFilter(
            prefixes,
            switchFD: openFilterFD,
            trieFD: openPrefixesFD,
            keys: &openPrefixKeys
        )
    }

    /// Turns the filter off, replaces the keys of the `open_prefixes` trie (`keys`: those in it) by `prefixes` and
    /// turns the filter on; returns whether it is on (not when `prefixes` is nil or holds more than
    /// ``openPrefixCapacity`` distinct prefixes).
    private static func writeOpenPathFilter(
        _ prefixes: [String]?,
        switchFD: Int32,
        trieFD: Int32,
        keys: inout Set<[UInt8]>
    ) throws(KernelSensorError) -> Bool {
        var zero: UInt32 = 0
        var off: UInt32 = 0
        guard bpf_map_update_elem(switchFD, &zero, &off, 0) == 0 else {
            throw KernelSensorError(code: .loadFailed, message: "cannot turn the open path filter off: \(errno())")
        }
        let wanted = Set((prefixes ?? []).map { Array($0.utf8.prefix(openPrefixMaximumLength)) })
        guard prefixes != nil, wanted.count <= openPrefixCapacity else { return false }
        for prefix in keys.subtracting(wanted) {
            var key = trieKey(prefix)
            _ = key.withUnsafeMutableBytes { bpf_map_delete_elem(trieFD, $0.baseAddress) }
            keys.remove(prefix)
        }
        for prefix in wanted.subtracting(keys) {
            var key = trieKey(prefix)
            var present: UInt8 = 1
            let status = key.withUnsafeMutableBytes { bpf_map_update_elem(trieFD, $0.baseAddress, &present, 0) }
            guard status == 0 else {
                throw KernelSensorError(
                    code: .loadFailed,
                    message: "cannot add open path prefix '\(String(decoding: prefix, as: UTF8.self))': \(errno())"
                )
            }
            keys.insert(prefix)
        }
        var on: UInt32 = 1
        guard bpf_map_update_elem(switchFD, &zero, &on, 0) == 0 else {
            throw KernelSensorError(code: .loadFailed, message: "cannot turn the open path filter on: \(errno())")
        }
        return true
    }

    /// `struct open_prefix_key`: the prefix length in bits (u32), then 256 bytes of path.
    private static func trieKey(_ prefix: [UInt8]) -> [UInt8] {
        var key = [UInt8](repeating: 0, count: 4 + 256)
        var bits = UInt32(prefix.count * 8).littleEndian
        withUnsafeBytes(of: &bits) { key.replaceSubrange(0..<4, with: $0) }
        key.replaceSubrange(4..<(4 + prefix.count), with: prefix)
        return key
    }

    /// Total events lost so far, over all CPUs.
    public var lostEvents: UInt64 { lostEventsPerCPU().reduce(0, &+) }

    /// Nanoseconds to add to a record's boot-time stamp to get nanoseconds since the Unix epoch (now).
    public static func bootToEpochOffset() -> UInt64 {
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
