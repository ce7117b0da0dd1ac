import Foundation
import Testing

@testable import FeedDownload

struct RetryPolicyTests {
    let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1), retryAfterCap: .seconds(3))

    @Test func backoffDoublesWithinItsJitterBandAndIsCapped() {
        let seeds: [Double] = [0, 0.25, 0.5, 1]
        for attempt in 1...6 {
            let full = min(100.0 * pow(2, Double(attempt - 1)), 1000)
            for unit in seeds {
                let wait = policy.delay(afterAttempt: attempt, retryAfter: nil, randomUnit: unit)
                #expect(wait >= .milliseconds(Int64(full / 2)))
                #expect(wait <= .milliseconds(Int64(full) + 1))
            }
        }
    }

    @Test func retryAfterIsHonouredUpToTheCap() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(2), randomUnit: 0) == .seconds(2))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(100), randomUnit: 0) == .seconds(3))
    }

    @Test func retryAfterParsesSecondsAndDates() {
        #expect(RetryPolicy.parseRetryAfter("120") == .seconds(120))
        #expect(RetryPolicy.parseRetryAfter(" 7 ") == .seconds(7))
        #expect(RetryPolicy.parseRetryAfter("-1") == nil)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
        let now = Date(timeIntervalSince1970: 784_903_526)  // Tue, 15 Nov 1994 12:45:26 GMT
        #expect(RetryPolicy.parseRetryAfter("Tue, 15 Nov 1994 12:46:26 GMT", now: now) == .seconds(60))
    }

    @Test func onlyTimeoutRateLimitAndServerErrorsAreRetryable() {
        let retryable = (100...599).filter(RetryPolicy.isRetryable(status:))
        #expect(retryable == [408, 429] + Array(500...599))
    }
}
