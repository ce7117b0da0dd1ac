import FeedDownload
import Foundation
import TestSupport
import Testing

/// Retries, limits and verification against a server that injects faults.
@Suite(.enabled(if: FeedServer.enabled))
struct FeedDownloaderFaultTests {
    static let feed = "alpine-secdb-2020/v3.10/main.yaml"

    static func configuration(attempts: Int = 4) -> FeedDownloadConfiguration {
        FeedDownloadConfiguration(
            maxAttempts: attempts,
            baseDelay: .milliseconds(2),
            maxDelay: .milliseconds(20),
            retryAfterCap: .seconds(5),
            idleTimeout: .seconds(1),
            totalTimeout: .seconds(60)
        )
    }

    /// Runs one download against the corpus server; returns the outcome, the server's request count
    /// for `pathAndQuery`, and the staging directory listing afterwards.
    static func run(
        _ pathAndQuery: String,
        configuration: FeedDownloadConfiguration = configuration(),
        expectedSHA256: String? = nil
    ) async throws -> (outcome: Result<FeedDownloadOutcome, FeedDownloadError>, requests: Int, staged: [String]) {
        let root = try #require(FeedServer.vulndb, "corpus vulndb folder missing")
        let staging = try TestDirectory()
        defer { staging.remove() }
        return try await FeedServer.with(root: root) { server in
            let request = FeedRequest(url: server.url(pathAndQuery), name: "main.yaml", expectedSHA256: expectedSHA256)
            let report = await FeedDownloader(configuration: configuration).download([request], into: staging.path)
            let outcome = try #require(report.results.first).outcome
            return (outcome, try await server.requestCount(pathAndQuery), staging.contents())
        }
    }

    static func error(_ outcome: Result<FeedDownloadOutcome, FeedDownloadError>) -> FeedDownloadError? {
        if case .failure(let error) = outcome { return error }
        return nil
    }

    @Test func serviceUnavailableIsRetriedUntilSuccess() async throws {
        let path = "\(Self.feed)?fail=503&count=2"
        let (outcome, requests, staged) = try await Self.run(path)
        let result = try outcome.get()
        #expect(result.attempts == 3)
        #expect(requests == 3)
        #expect(staged == ["main.yaml"])
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        let path = "\(Self.feed)?fail=429&count=1&retry_after=1"
        let start = ContinuousClock.now
        let (outcome, requests, _) = try await Self.run(path)
        let elapsed = ContinuousClock.now - start
        #expect(try outcome.get().attempts == 2)
        #expect(requests == 2)
        // Backoff alone would wait at most 20 ms; Retry-After asks for 1 s.
        #expect(elapsed >= .milliseconds(950))
    }

    @Test func persistentServerErrorGivesUpAfterMaxAttempts() async throws {
        let (outcome, requests, staged) = try await Self.run(
            "\(Self.feed)?fail=500&count=100",
            configuration: Self.configuration(attempts: 3)
        )
        let error = try #require(Self.error(outcome))
        #expect(error.code == .httpStatus)
        #expect(error.httpStatus == 500)
        #expect(error.attempts == 3)
        #expect(requests == 3)
        #expect(staged.isEmpty)
    }

    @Test func notFoundFailsWithoutRetrying() async throws {
        let (outcome, requests, staged) = try await Self.run("alpine-secdb-2020/v9.99/missing.yaml")
        let error = try #require(Self.error(outcome))
        #expect(error.code == .httpStatus)
        #expect(error.httpStatus == 404)
        #expect(error.attempts == 1)
        #expect(requests == 1)
        #expect(error.description.contains("http://127.0.0.1:"))
        #expect(error.description.contains("missing.yaml"))
        #expect(staged.isEmpty)
    }

    @Test func forbiddenIsNotRetriedButRequestTimeoutIs() async throws {
        let forbidden = try await Self.run("\(Self.feed)?status=403")
        #expect(Self.error(forbidden.outcome)?.httpStatus == 403)
        #expect(forbidden.requests == 1)
        let timeout = try await Self.run("\(Self.feed)?fail=408&count=1")
        #expect(try timeout.outcome.get().attempts == 2)
        #expect(timeout.requests == 2)
    }

    @Test func truncatedBodyIsAnErrorAndLeavesNoPartFile() async throws {
        let (outcome, requests, staged) = try await Self.run(
            "\(Self.feed)?truncate=1",
            configuration: Self.configuration(attempts: 2)
        )
        let error = try #require(Self.error(outcome))
        #expect(error.code == .truncated)
        #expect(requests == 2)
        #expect(staged.isEmpty)
    }

    @Test func contentLengthLongerThanTheBodyIsTruncation() async throws {
        let (outcome, _, staged) = try await Self.run(
            "\(Self.feed)?lie=99999999",
            configuration: Self.configuration(attempts: 1)
        )
        #expect(Self.error(outcome)?.code == .truncated)
        #expect(staged.isEmpty)
    }

    @Test func sizeLimitByContentLengthIsNotRetried() async throws {
        var configuration = Self.configuration()
        configuration.maxBytes = 10_000
        let (outcome, requests, staged) = try await Self.run(Self.feed, configuration: configuration)
        let error = try #require(Self.error(outcome))
        #expect(error.code == .tooLarge)
        #expect(requests == 1)
        #expect(staged.isEmpty)
    }

    @Test func sizeLimitWhileStreamingWithoutContentLength() async throws {
        var configuration = Self.configuration()
        configuration.maxBytes = 20_000
        let (outcome, _, staged) = try await Self.run("\(Self.feed)?chunked=1", configuration: configuration)
        #expect(Self.error(outcome)?.code == .tooLarge)
        #expect(staged.isEmpty)
    }

    @Test func chunkedBodyWithinTheLimitDownloads() async throws {
        let root = try #require(FeedServer.vulndb)
        let expected = try TestDirectory.sha256sum((root as NSString).appendingPathComponent(Self.feed))
        let (outcome, _, _) = try await Self.run("\(Self.feed)?chunked=1")
        guard case .downloaded(let feed) = try outcome.get() else {
            Issue.record("expected a download")
            return
        }
        #expect(feed.sha256 == expected)
    }

    @Test func checksumMismatchFailsAndMatchingChecksumPasses() async throws {
        let root = try #require(FeedServer.vulndb)
        let expected = try TestDirectory.sha256sum((root as NSString).appendingPathComponent(Self.feed))
        let wrong = String(repeating: "0", count: 64)
        let bad = try await Self.run(Self.feed, expectedSHA256: wrong)
        let error = try #require(Self.error(bad.outcome))
        #expect(error.code == .checksumMismatch)
        #expect(error.message.contains(expected))
        #expect(bad.requests == 1)
        #expect(bad.staged.isEmpty)
        let good = try await Self.run(Self.feed, expectedSHA256: expected.uppercased())
        #expect(try good.outcome.get().attempts == 1)
        #expect(good.staged == ["main.yaml"])
    }

    @Test func stalledBodyTimesOutAndIsRetried() async throws {
        // Without the idle timeout the server would hang up after 10 s and the error would be a
        // truncation, not a timeout: the error code proves the timer fired (no wall-clock asserts).
        let (outcome, requests, staged) = try await Self.run(
            "\(Self.feed)?stall=10",
            configuration: Self.configuration(attempts: 2)
        )
        let error = try #require(Self.error(outcome))
        #expect(error.code == .timedOut)
        #expect(requests == 2)
        #expect(staged.isEmpty)
    }

    @Test func totalTimeoutStopsASlowDownload() async throws {
        var configuration = Self.configuration()
        configuration.totalTimeout = .milliseconds(600)
        // The dripped body takes ~2.4 s and would complete without the total timeout.
        let (outcome, requests, staged) = try await Self.run("\(Self.feed)?drip=50", configuration: configuration)
        let error = try #require(Self.error(outcome))
        #expect(error.code == .timedOut)
        #expect(requests == 1)
        #expect(staged.isEmpty)
    }

    @Test func connectionRefusedIsANetworkErrorAfterRetries() async throws {
        let staging = try TestDirectory()
        defer { staging.remove() }
        // Port 9 (discard) on 127.0.0.1 is not served here; a refused connection is retried.
        let url = try #require(URL(string: "http://127.0.0.1:9/feed.json"))
        let outcome = await FeedDownloader(configuration: Self.configuration(attempts: 2))
            .download([FeedRequest(url: url, name: "feed.json")], into: staging.path)
        let error = try #require(outcome.failures.first)
        #expect(error.code == .network)
        #expect(error.attempts == 2)
        #expect(error.description.contains("127.0.0.1:9"))
        #expect(staging.contents().isEmpty)
    }

    @Test func cancellationStopsTheDownload() async throws {
        let root = try #require(FeedServer.vulndb)
        let staging = try TestDirectory()
        defer { staging.remove() }
        try await FeedServer.with(root: root) { server in
            let request = FeedRequest(url: server.url("\(Self.feed)?stall=10"), name: "main.yaml")
            var configuration = Self.configuration()
            configuration.idleTimeout = .seconds(30)
            let downloader = FeedDownloader(configuration: configuration)
            let task = Task { () async throws -> FeedDownloadOutcome in
                try await downloader.download(request, into: staging.path)
            }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let result = await task.result
            guard case .failure(let error) = result else {
                Issue.record("expected cancellation, got \(result)")
                return
            }
            #expect((error as? FeedDownloadError)?.code == .cancelled)
            #expect(staging.contents().isEmpty)
        }
    }
}
