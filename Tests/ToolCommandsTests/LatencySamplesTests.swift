import TestSupport
import Testing

@testable import ToolCommands

/// The bounded latency samples behind `watch --stats` (live): exact percentiles while they fit, evenly spread
/// samples after the buffer is halved, the maximum always exact.
struct LatencySamplesTests {
    @Test func percentilesAreExactWhileEverySampleFits() {
        var samples = LatencySamples(capacity: 1_000)
        for value in (1...100).reversed() { samples.add(UInt32(value)) }
        #expect(samples.count == 100)
        #expect(samples.maximum == 100)
        #expect(samples.percentiles([0.5, 0.9, 0.99, 1.0]) == [50, 90, 99, 100])
        #expect(samples.json == "{\"count\":100,\"p50\":50,\"p90\":90,\"p99\":99,\"max\":100}")
    }

    @Test func noSamplesGiveOnlyTheCount() {
        let samples = LatencySamples()
        #expect(samples.percentiles([0.5]).isEmpty)
        #expect(samples.json == "{\"count\":0}")
    }

    /// Far more samples than the capacity: the kept ones stay spread over the whole run, so percentiles of a
    /// uniform ramp stay within a few percent, and memory stays bounded.
    @Test func aLongRunKeepsSpreadSamplesWithinTheCapacity() {
        var samples = LatencySamples(capacity: 256)
        let total = 100_000
        for value in 0..<total { samples.add(UInt32(value)) }
        #expect(samples.count == total)
        #expect(samples.maximum == UInt32(total - 1))
        let values = samples.percentiles([0.5, 0.9])
        #expect(values.count == 2)
        #expect(abs(Int(values[0]) - total / 2) < total / 50, "\(values)")
        #expect(abs(Int(values[1]) - total * 9 / 10) < total / 50, "\(values)")
    }

    /// Random inputs: the maximum is the true maximum and percentiles are ordered and never exceed it.
    @Test func randomInputsKeepTheInvariants() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<50 {
            var samples = LatencySamples(capacity: Int(random.next() % 64) + 2)
            var maximum: UInt32 = 0
            for _ in 0..<Int(random.next() % 5_000) {
                let value = UInt32(random.next() % 1_000_000)
                maximum = max(maximum, value)
                samples.add(value)
            }
            #expect(samples.maximum == maximum)
            let values = samples.percentiles([0.1, 0.5, 0.9, 1.0])
            #expect(values == values.sorted())
            #expect(values.allSatisfy { $0 <= maximum })
        }
    }
}
