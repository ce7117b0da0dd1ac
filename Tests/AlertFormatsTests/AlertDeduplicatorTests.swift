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
