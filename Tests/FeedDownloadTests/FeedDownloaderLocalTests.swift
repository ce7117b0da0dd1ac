import FeedDownload
import Foundation
import TestSupport
import Testing

/// `file://` mirrors, request validation and the cache state's JSON.
struct FeedDownloaderLocalTests {
    static let fast = FeedDownloadConfiguration(baseDelay: .milliseconds(1), maxDelay: .milliseconds(5))

    @Test func fileURLIsCopiedWithItsChecksum() async throws {
        guard let source = Corpus.path("vulndb/osv/crates-rustsec-osv.tar.gz") else {
            #expect(!Corpus.integrationRequired, "corpus vulndb/osv missing")
            return
        }
        let staging = try TestDirectory()
        defer { staging.remove() }
        let expected = try TestDirectory.sha256sum(source)
        let request = FeedRequest(url: URL(fileURLWithPath: source), name: "crates.tar.gz", expectedSHA256: expected)
        let events = ProgressLog()
        let outcome = try await FeedDownloader(configuration: Self.fast)
            .download(request, into: staging.file("nested/dir")) { events.append($0) }
        guard case .downloaded(let feed) = outcome else {
            Issue.record("expected a copy, got \(outcome)")
            return
        }
        #expect(feed.sha256 == expected)
        #expect(try TestDirectory.sha256sum(feed.path) == expected)
        #expect(feed.path == staging.file("nested/dir/crates.tar.gz"))
        #expect(events.all.last?.isComplete == true)
        #expect(events.all.last?.receivedBytes == feed.byteCount)
    }

    @Test func fileURLChecksumMismatchAndSizeLimit() async throws {
        guard let source = Corpus.path("vulndb/debian-security-tracker/DLA-list.txt") else {
            #expect(!Corpus.integrationRequired, "corpus vulndb/debian-security-tracker missing")
            return
        }
        let staging = try TestDirectory()
        defer { staging.remove() }
        let url = URL(fileURLWithPath: source)
        do {
            _ = try await FeedDownloader(configuration: Self.fast)
                .download(FeedRequest(url: url, name: "dla", expectedSHA256: "ab"), into: staging.path)
            Issue.record("a wrong checksum was accepted")
        } catch {
            #expect(error.code == .checksumMismatch)
        }
        var small = Self.fast
        small.maxBytes = 1000
        do {
            _ = try await FeedDownloader(configuration: small).download(
                FeedRequest(url: url, name: "dla"),
                into: staging.path
            )
            Issue.record("a file over the limit was accepted")
        } catch {
            #expect(error.code == .tooLarge)
        }
        #expect(staging.contents().isEmpty)
    }

    @Test func missingLocalFileIsAFileSystemError() async throws {
        let staging = try TestDirectory()
        defer { staging.remove() }
        let url = URL(fileURLWithPath: staging.file("absent.json"))
        do {
            _ = try await FeedDownloader().download(FeedRequest(url: url, name: "copy.json"), into: staging.path)
            Issue.record("a missing file was copied")
        } catch {
            #expect(error.code == .fileSystem)
            #expect(error.description.contains("absent.json"))
            #expect(error.attempts == 1)
        }
    }

    @Test(arguments: ["ftp://example.org/feed.json", "data:text/plain,hello", "http:///nohost"])
    func unsupportedURLsAreRejected(_ text: String) async throws {
        let url = try #require(URL(string: text))
        do {
            _ = try await FeedDownloader().download(FeedRequest(url: url, name: "x"), into: "/nonexistent-staging")
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.code == .unsupportedURL)
            #expect(error.attempts == 0)
        }
    }

    @Test(arguments: ["", ".", "..", "../escape", "a/b", "feed.part"])
    func unsafeStagingNamesAreRejected(_ name: String) async throws {
        let url = try #require(URL(string: "https://example.org/feed.json"))
        do {
            _ = try await FeedDownloader().download(FeedRequest(url: url, name: name), into: "/nonexistent-staging")
            Issue.record("'\(name)' was accepted")
        } catch {
            #expect(error.code == .invalidRequest)
        }
    }

    @Test func duplicateStagingNamesInABatchFail() async throws {
        guard let source = Corpus.path("vulndb/alpine-secdb-2020/v3.9/main.yaml") else {
            #expect(!Corpus.integrationRequired, "corpus alpine-secdb-2020 missing")
            return
        }
        let staging = try TestDirectory()
        defer { staging.remove() }
        let url = URL(fileURLWithPath: source)
        let report = await FeedDownloader().download(
            [FeedRequest(url: url, name: "same"), FeedRequest(url: url, name: "same")],
            into: staging.path
        )
        #expect((try? report.results[0].outcome.get()) != nil)
        #expect(report.failures.map(\.code) == [.invalidRequest])
        #expect(staging.contents() == ["same"])
    }

    @Test func cacheStateRoundTripsThroughJSON() throws {
        let url = try #require(URL(string: "https://example.org/feed.json"))
        var state = FeedCacheState()
        state[url] = FeedCacheEntry(
            etag: "\"abc\"",
            lastModified: "Tue, 15 Nov 1994 12:45:26 GMT",
            sha256: String(repeating: "a", count: 64),
            byteCount: 42,
            fetchedAt: Date(timeIntervalSince1970: 1_700_000_000.75)
        )
        let data = try state.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("2023-11-14T22:13:20Z"))
        #expect(try FeedCacheState(jsonData: data) == state)
        #expect(throws: (any Error).self) { try FeedCacheState(jsonData: Data("{\"entries\": 3}".utf8)) }
    }

    @Test func recordingANotModifiedOutcomeKeepsTheChecksum() throws {
        let url = try #require(URL(string: "https://example.org/feed.json"))
        var state = FeedCacheState()
        state[url] = FeedCacheEntry(etag: "\"old\"", lastModified: "then", sha256: "digest", byteCount: 7)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        state.record(.notModified(etag: "\"new\"", lastModified: nil, attempts: 1), for: url, at: now)
        #expect(
            state[url]
                == FeedCacheEntry(etag: "\"new\"", lastModified: "then", sha256: "digest", byteCount: 7, fetchedAt: now)
        )
    }
}
