import FeedDownload
import Foundation
import TestSupport
import Testing

/// Downloads of real corpus feeds from a local server: fresh, conditional, concurrent, progress.
@Suite(.enabled(if: FeedServer.enabled))
struct FeedDownloaderHTTPTests {
    static let feeds = [
        "alpine-secdb-2020/v3.10/main.yaml",
        "debian-security-tracker/DSA-list.txt",
        "osv/go-vulndb-osv.tar.gz",
        "osv/pypi-pypa-advisory-database.tar.gz",
    ]

    static let fast = FeedDownloadConfiguration(
        maxAttempts: 4,
        baseDelay: .milliseconds(2),
        maxDelay: .milliseconds(20),
        idleTimeout: .seconds(2),
        totalTimeout: .seconds(60)
    )

    @Test func freshDownloadWritesTheExactBytesAndChecksum() async throws {
        let root = try #require(FeedServer.vulndb, "corpus vulndb folder missing")
        let staging = try TestDirectory()
        defer { staging.remove() }
        try await FeedServer.with(root: root) { server in
            let requests = Self.feeds.map { feed in
                FeedRequest(url: server.url(feed), name: (feed as NSString).lastPathComponent)
            }
            let report = await FeedDownloader(configuration: Self.fast)
                .download(requests, into: staging.path)
            #expect(report.failures.isEmpty, "\(report.failures)")
            for (feed, result) in zip(Self.feeds, report.results) {
                let source = (root as NSString).appendingPathComponent(feed)
                guard case .success(.downloaded(let downloaded)) = result.outcome else {
                    Issue.record("\(feed): \(result.outcome)")
                    continue
                }
                let expectedDigest = try TestDirectory.sha256sum(source)
                #expect(downloaded.sha256 == expectedDigest)
                #expect(try TestDirectory.sha256sum(downloaded.path) == expectedDigest)
                let size = try #require(try FileManager.default.attributesOfItem(atPath: source)[.size] as? Int)
                #expect(downloaded.byteCount == Int64(size))
                #expect(downloaded.attempts == 1)
                #expect(downloaded.path == staging.file((feed as NSString).lastPathComponent))
                // The server's ETag is the first 32 hex digits of the SHA-256, quoted.
                #expect(downloaded.etag == "\"\(expectedDigest.prefix(32))\"")
                #expect(downloaded.lastModified?.hasSuffix("GMT") == true)
                let entry = try #require(report.cache[result.request.url])
                #expect(entry.sha256 == expectedDigest)
                #expect(entry.etag == downloaded.etag)
                #expect(entry.byteCount == Int64(size))
                #expect(entry.fetchedAt != nil)
            }
            #expect(staging.contents() == Self.feeds.map { ($0 as NSString).lastPathComponent }.sorted())
        }
    }

    @Test func secondRunWithUnchangedStateIsNotModified() async throws {
        let root = try #require(FeedServer.vulndb, "corpus vulndb folder missing")
        let staging = try TestDirectory()
        defer { staging.remove() }
        try await FeedServer.with(root: root) { server in
            let feed = "debian-security-tracker/DSA-list.txt"
            let request = FeedRequest(url: server.url(feed), name: "DSA-list.txt")
            let downloader = FeedDownloader(configuration: Self.fast)
            let first = await downloader.download([request], into: staging.path)
            #expect(first.failures.isEmpty)
            let before = try FileManager.default.attributesOfItem(atPath: staging.file("DSA-list.txt"))
            let second = await downloader.download([request], into: staging.path, cache: first.cache)
            guard case .success(.notModified(let etag, _, let attempts)) = second.results.first?.outcome else {
                Issue.record("expected notModified, got \(String(describing: second.results.first?.outcome))")
                return
            }
            #expect(etag == first.cache[request.url]?.etag)
            #expect(attempts == 1)
            #expect(second.cache[request.url]?.sha256 == first.cache[request.url]?.sha256)
            let after = try FileManager.default.attributesOfItem(atPath: staging.file("DSA-list.txt"))
            #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
            #expect(staging.contents() == ["DSA-list.txt"])
            #expect(try await server.requestCount(feed) == 2)
        }
    }

    @Test func lastModifiedAloneGivesNotModified() async throws {
        let root = try #require(FeedServer.vulndb, "corpus vulndb folder missing")
        let staging = try TestDirectory()
        defer { staging.remove() }
        try await FeedServer.with(root: root) { server in
            let request = FeedRequest(url: server.url("alpine-secdb-2020/v3.10/main.yaml"), name: "main.yaml")
            let downloader = FeedDownloader(configuration: Self.fast)
            let first = try await downloader.download(request, into: staging.path)
            guard case .downloaded(let feed) = first else {
                Issue.record("expected a download, got \(first)")
                return
            }
            let previous = FeedCacheEntry(lastModified: try #require(feed.lastModified))
            let second = try await downloader.download(request, into: staging.path, previous: previous)
            guard case .notModified = second else {
                Issue.record("expected notModified, got \(second)")
                return
            }
        }
    }

    @Test func changedFileIsDownloadedAgainDespiteOldState() async throws {
        let root = try TestDirectory()
        let staging = try TestDirectory()
        defer {
            root.remove()
            staging.remove()
        }
        try Data("first version\n".utf8).write(to: URL(fileURLWithPath: root.file("feed.json")))
        try await FeedServer.with(root: root.path) { server in
            let request = FeedRequest(url: server.url("feed.json"), name: "feed.json")
            let downloader = FeedDownloader(configuration: Self.fast)
            let first = await downloader.download([request], into: staging.path)
            try Data("second, longer version\n".utf8).write(to: URL(fileURLWithPath: root.file("feed.json")))
            let second = await downloader.download([request], into: staging.path, cache: first.cache)
            guard case .success(.downloaded(let feed)) = second.results.first?.outcome else {
                Issue.record("expected a download, got \(String(describing: second.results.first?.outcome))")
                return
            }
            #expect(feed.byteCount == Int64("second, longer version\n".utf8.count))
            #expect(try String(contentsOfFile: feed.path, encoding: .utf8) == "second, longer version\n")
            #expect(second.cache[request.url]?.sha256 != first.cache[request.url]?.sha256)
        }
    }

    @Test func downloadsRunConcurrentlyWithinTheBound() async throws {
        let root = try #require(FeedServer.vulndb, "corpus vulndb folder missing")
        let staging = try TestDirectory()
        defer { staging.remove() }
        try await FeedServer.with(root: root) { server in
            var configuration = Self.fast
            configuration.maxConcurrentDownloads = 3
            let requests = (0..<7).map { index in
                FeedRequest(
                    url: server.url("alpine-secdb-2020/v3.10/main.yaml?delay=0.3&n=\(index)"),
                    name: "f\(index)"
                )
            }
            let report = await FeedDownloader(configuration: configuration).download(requests, into: staging.path)
            #expect(report.failures.isEmpty)
            #expect(report.results.map(\.request.name) == requests.map(\.name))
            let stats = try await server.stats()
            // The server saw exactly the bound in flight at once (each request is held 0.3 s).
            #expect(stats.maxInflight == 3)
            #expect(staging.contents().count == 7)
        }
    }

    @Test func progressReportsReachTheContentLength() async throws {
        let root = try #require(FeedServer.vulndb, "corpus vulndb folder missing")
        let staging = try TestDirectory()
        defer { staging.remove() }
        let source = (root as NSString).appendingPathComponent("osv/go-vulndb-osv.tar.gz")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: source)[.size] as? Int)
        let events = ProgressLog()
        try await FeedServer.with(root: root) { server in
            let request = FeedRequest(url: server.url("osv/go-vulndb-osv.tar.gz"), name: "go.tar.gz")
            _ = try await FeedDownloader(configuration: Self.fast)
                .download(request, into: staging.path) { events.append($0) }
        }
        let log = events.all
        let last = try #require(log.last)
        #expect(last.isComplete)
        #expect(last.receivedBytes == Int64(size))
        #expect(last.expectedBytes == Int64(size))
        #expect(log.allSatisfy { $0.name == "go.tar.gz" && $0.attempt == 1 })
        let received = log.map(\.receivedBytes)
        #expect(received == received.sorted())
    }
}

/// Collects progress events from background threads.
final class ProgressLog: @unchecked Sendable {
    // Invariant: `events` is accessed only with `lock` held.
    private let lock = NSLock()
    private var events: [FeedDownloadProgress] = []

    func append(_ event: FeedDownloadProgress) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    var all: [FeedDownloadProgress] {
        lock.lock()
        defer { lock.unlock() }
        return events
    }
}
