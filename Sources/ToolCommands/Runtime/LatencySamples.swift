/// Latencies (in microseconds) kept for percentiles in bounded memory: every sample until ``capacity``, then
/// the buffer is halved (every other sample kept) and only every second, fourth… new sample is kept, so the
/// samples stay spread evenly over the whole run.
struct LatencySamples {
    /// The most samples held (4 bytes each).
    let capacity: Int
    private var samples: [UInt32] = []
    private var stride = 1
    private var skipped = 0
    /// Samples offered, kept or not.
    private(set) var count = 0
    /// The largest sample offered.
    private(set) var maximum: UInt32 = 0

    init(capacity: Int = 1 << 20) {
        self.capacity = max(2, capacity)
        samples.reserveCapacity(min(self.capacity, 1 << 16))
    }

    /// Offers one latency in microseconds.
    mutating func add(_ microseconds: UInt32) {
        count += 1
        if microseconds > maximum { maximum = microseconds }
        skipped += 1
        guard skipped >= stride else { return }
        skipped = 0
        if samples.count == capacity {
            var kept = 0
            for index in Swift.stride(from: 0, to: samples.count, by: 2) {
                samples[kept] = samples[index]
                kept += 1
            }
            samples.removeLast(samples.count - kept)
            stride *= 2
        }
        samples.append(microseconds)
    }

    /// The percentiles (fractions 0…1) of the samples kept, each the smallest sample at or above that share;
    /// empty when there are none.
    func percentiles(_ fractions: [Double]) -> [UInt32] {
        guard !samples.isEmpty else { return [] }
        let sorted = samples.sorted()
        return fractions.map { fraction in
            sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))]
        }
    }

    /// `{"count":N,"p50":…,"p90":…,"p99":…,"max":…}` in microseconds (only the count when empty).
    var json: String {
        let values = percentiles([0.5, 0.9, 0.99])
        guard values.count == 3 else { return "{\"count\":\(count)}" }
        return "{\"count\":\(count),\"p50\":\(values[0]),\"p90\":\(values[1]),\"p99\":\(values[2]),"
            + "\"max\":\(maximum)}"
    }
}
