internal import CLibBPF
import Foundation
public import RuntimeEvents
public import SensorRecords

#if canImport(Glibc)
    import Glibc
#endif

/// The eBPF kernel sensor: loads the embedded CO-RE object with libbpf, attaches the scheduler programs and, for
/// each syscall the configuration traces, the program on that syscall's exit trace event (a syscall nobody needs
/// runs no program), and hands ring-buffer records over as decoded
/// ``SensorRecords/SensorRecord``s (``drain(timeoutMilliseconds:into:)``) or mapped events
/// (``poll(timeoutMilliseconds:)``).
///
/// With ``Configuration/openPathPrefixes`` the open family is also filtered by path in the kernel: a filtered
/// open leaves no record, so its descriptor never reaches the process table (`fd.name` of a later `fchmod`,
/// `dup`… on it is unknown); ``filteredOpens()`` counts them.
///
/// Not thread-safe: one thread owns a sensor and calls `drain` or `poll`, which block up to their timeout.
public final class KernelSensor {
    /// Names of the attached programs, sorted.
    public var attachedPrograms: [String] { links.keys.sorted() }
    /// The syscall numbers traced now: by their own trace event, or by the raw fallback
    /// (``Configuration/rawSyscallFallback``).
    public private(set) var tracedSyscalls: Set<UInt32>
    /// Syscall numbers the configuration asks for that are not traced: the kernel has no trace event for them
    /// (e.g. the module calls on a kernel built without module support) and the raw fallback is off.
    public private(set) var untracedSyscalls: Set<UInt32>
    /// The syscall numbers traced through the raw `sys_exit` fallback.
    public private(set) var fallbackSyscalls: Set<UInt32>
    /// True when the open family's path filter (``Configuration/openPathPrefixes``) is on.
    public private(set) var openPathFilterActive: Bool
    /// The most distinct prefixes the open path filter holds (the BPF `open_prefixes` trie's size).
    public static let openPrefixCapacity = 8192
    /// The longest prefix, in bytes, the open path filter compares (a path of 255 bytes or more is always reported).
    public static let openPrefixMaximumLength = 255
    /// Records that could not be decoded so far (ABI mismatch, truncation): counted, never hidden.
    public var undecodableRecords: Int { sink.decodeErrors }

    private let object: OpaquePointer
    private let programs: [SensorProgram]
    /// Attached programs, by name.
    private var links: [String: OpaquePointer]
    /// Syscalls whose every trace event exists on this kernel.
    private let availableSyscalls: Set<UInt32>
    private let rawSyscallFallback: Bool
    private let fallbackFD: Int32
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
        func cleanUp() { bpf_object__close(object) }
        let loaded = bpf_object__load(object)
        guard loaded == 0 else {
            cleanUp()
            throw KernelSensorError(
                code: .loadFailed,
                message: "the kernel rejected the BPF programs: \(Self.describe(loaded))"
            )
        }
        let programs: [SensorProgram]
        do throws(KernelSensorError) {
            programs = try SensorProgram.all(in: object)
        } catch {
            cleanUp()
            throw error
        }
        let fallbackFD = bpf_object__find_map_fd_by_name(object, "fallback")
        guard fallbackFD >= 0 else {
            cleanUp()
            throw KernelSensorError(code: .loadFailed, message: "the BPF object has no fallback map")
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
        self.programs = programs
        self.links = [:]
        self.availableSyscalls = SensorProgram.availableSyscalls(programs)
        self.rawSyscallFallback = configuration.rawSyscallFallback
        self.fallbackFD = fallbackFD
        self.tracedSyscalls = []
        self.untracedSyscalls = []
        self.fallbackSyscalls = []
        self.ringBuffer = ringBuffer
        self.lostMapFD = lostFD
        self.filteredMapFD = filteredFD
        self.openPathFilterActive = filterActive
        self.openFilterFD = openFilterFD
        self.openPrefixesFD = openPrefixesFD
        self.openPrefixKeys = openPrefixKeys
        self.sink = sink
        self.sinkPointer = sinkPointer
        self.mapper = SensorEventMapper(bootToEpochOffset: Self.bootToEpochOffset())
        // On failure deinit detaches what was attached and closes the object.
        try retrace(SyscallNumbers.numbers(for: configuration.eventTypes))
    }

    deinit {
        stop()
        bpf_object__close(object)
        sinkPointer.release()
    }

    /// Detaches every program and frees the ring buffer: no more records are produced. Idempotent; after it,
    /// ``drain(timeoutMilliseconds:into:)`` returns 0 and ``poll(timeoutMilliseconds:)`` no events.
    public func stop() {
        for link in links.values { bpf_link__destroy(link) }
        links = [:]
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
        for program in programs where links[program.name] != nil {
            var info = bpf_prog_info()
            var length = UInt32(MemoryLayout<bpf_prog_info>.size)
            if bpf_obj_get_info_by_fd(bpf_program__fd(program.handle), &info, &length) == 0 {
                skipped[program.name] = info.recursion_misses
            }
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

    /// Replaces the traced event types while the sensor runs (after the rules are reloaded; nil: all). The
    /// programs of the new syscalls are attached before those no longer needed are detached.
    public func setEventTypes(_ eventTypes: Set<EventType>?) throws(KernelSensorError) {
        try retrace(SyscallNumbers.numbers(for: eventTypes))
    }

    /// Makes the attached programs those that trace `wanted` (plus the scheduler programs): attaches what is
    /// missing first, then detaches what is no longer needed. Syscalls without a trace event go to the raw
    /// fallback when it is on, else to ``untracedSyscalls``.
    private func retrace(_ wanted: Set<UInt32>) throws(KernelSensorError) {
        let byEvent = wanted.intersection(availableSyscalls)
        let missing = wanted.subtracting(availableSyscalls)
        let byFallback = rawSyscallFallback ? missing : []
        for number in byFallback.subtracting(fallbackSyscalls) { try writeFallback(number, on: true) }
        func needed(_ program: SensorProgram) -> Bool {
            switch program.role {
            case .always: return true
            case .syscall(let number): return byEvent.contains(number)
            case .rawFallback: return !byFallback.isEmpty
            }
        }
        for program in programs where links[program.name] == nil && needed(program) { try attach(program) }
        for program in programs where !needed(program) {
            if let link = links.removeValue(forKey: program.name) { bpf_link__destroy(link) }
        }
        for number in fallbackSyscalls.subtracting(byFallback) { try writeFallback(number, on: false) }
        fallbackSyscalls = byFallback
        tracedSyscalls = byEvent.union(byFallback)
        untracedSyscalls = missing.subtracting(byFallback)
    }

    private func attach(_ program: SensorProgram) throws(KernelSensorError) {
        guard let link = bpf_program__attach(program.handle) else {
            throw KernelSensorError(code: .attachFailed, message: "cannot attach \(program.name): \(Self.errno())")
        }
        links[program.name] = link
    }

    private func writeFallback(_ number: UInt32, on: Bool) throws(KernelSensorError) {
        var key = number
        var flag: UInt32 = on ? 1 : 0
        guard bpf_map_update_elem(fallbackFD, &key, &flag, 0) == 0 else {
            throw KernelSensorError(
                code: .loadFailed,
                message: "cannot \(on ? "enable" : "disable") syscall \(number) in the raw fallback: \(Self.errno())"
            )
        }
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
