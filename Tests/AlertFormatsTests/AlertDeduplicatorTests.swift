import AlertFormats
import Testing

@Suite struct AlertDeduplicatorTests {
    func same<T: Equatable>(_ actual: T, _ expected: T, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual == expected, sourceLocation: sourceLocation)
    }

    let key = DeduplicationKey(rule: "r", pid: 1, containerID: "c")

    @Test func foldsWithinWindowAndReportsCount() {
        var dedup = AlertDeduplicator(window: 1_000)
        same(dedup.admit(key, at: 100), .emit(previousCount: 0))
        same(dedup.admit(key, at: 500), .suppress(count: 2))
        same(dedup.admit(key, at: 1_099), .suppress(count: 3))
        // A different pid or container is a different key.
        same(dedup.admit(DeduplicationKey(rule: "r", pid: 2, containerID: "c"), at: 500), .emit(previousCount: 0))
        same(dedup.admit(DeduplicationKey(rule: "r", pid: 1, containerID: "d"), at: 500), .emit(previousCount: 0))
        same(dedup.closeWindows(before: 1_099).isEmpty, true)
        let closed = dedup.closeWindows(before: 1_100)
        #expect(closed == [DeduplicationSummary(key: key, firstTime: 100, lastTime: 1_099, count: 3)])
        same(dedup.admit(key, at: 1_200), .emit(previousCount: 0))
    }

    @Test func newWindowCarriesPreviousCount() {
        var dedup = AlertDeduplicator(window: 10)
        _ = dedup.admit(key, at: 0)
        _ = dedup.admit(key, at: 5)
        same(dedup.admit(key, at: 10), .emit(previousCount: 2))
    }

    @Test func boundedKeysEvictOldest() {
        var dedup = AlertDeduplicator(window: 100, maximumKeys: 2)
        _ = dedup.admit(key, at: 0)
        _ = dedup.admit(key, at: 1)
        _ = dedup.admit(DeduplicationKey(rule: "b", pid: 1, containerID: "c"), at: 2)
        _ = dedup.admit(DeduplicationKey(rule: "c", pid: 1, containerID: "c"), at: 3)
        same(dedup.openWindows, 2)
        same(dedup.closeWindows(before: 4).map(\.count), [2])
    }

    @Test func hasWorkExactlyWhenClosingWouldReportOrCompact() {
        var dedup = AlertDeduplicator(window: 100, maximumKeys: 2)
        #expect(!dedup.hasWork(before: 1_000))
        _ = dedup.admit(key, at: 0)
        _ = dedup.admit(key, at: 1)
        // The window [0, 100) is due at 100, not before.
        #expect(!dedup.hasWork(before: 99))
        #expect(dedup.hasWork(before: 100))
        // An eviction leaves a summary pending: there is work at any time.
        _ = dedup.admit(DeduplicationKey(rule: "b", pid: 1, containerID: "c"), at: 2)
        _ = dedup.admit(DeduplicationKey(rule: "c", pid: 1, containerID: "c"), at: 3)
        #expect(dedup.hasWork(before: 4))
        same(dedup.closeWindows(before: 4).map(\.count), [2])
        #expect(!dedup.hasWork(before: 4))
        // Random streams: whenever hasWork is false, closing reports nothing.
        var state: UInt64 = 0x5EED
        var other = AlertDeduplicator(window: 50, maximumKeys: 8)
        var time: UInt64 = 0
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            time += state >> 60
            if (state >> 40) & 3 == 0 {
                _ = other.admit(DeduplicationKey(rule: "r\((state >> 20) % 12)", pid: 1, containerID: "c"), at: time)
            }
            if !other.hasWork(before: time) { #expect(other.closeWindows(before: time).isEmpty) }
        }
    }

    @Test func tokenBucketPerRule() {
        var limiter = AlertRateLimiter(perSecond: 2, burst: 3)
        let second: UInt64 = 1_000_000_000
        same((0..<5).map { _ in limiter.allow(rule: "a", at: 0) }, [true, true, true, false, false])
        same(limiter.allow(rule: "b", at: 0), true)
        same(limiter.dropped(rule: "a"), 2)
        // Half a second refills one token.
        same(limiter.allow(rule: "a", at: second / 2), true)
        same(limiter.allow(rule: "a", at: second / 2), false)
        // Long idle refills to the burst, not beyond.
        same((0..<4).map { _ in limiter.allow(rule: "a", at: 100 * second) }, [true, true, true, false])
    }
}
