internal import SensorRecords

/// Collects what the ring-buffer callback decodes during one `ring_buffer__poll`.
///
/// Invariant: used only by the thread that calls ``KernelSensor/drain(timeoutMilliseconds:into:)``, which is
/// also the thread libbpf runs the callback on.
final class RecordSink {
    var records: [SensorRecord] = []
    var decodeErrors = 0
}
