import AdvisoryFeeds
import Dispatch
import FeedDownload
import Foundation
import Synchronization
import VulnerabilityStore

/// `bulkhead db update`: downloads the selected feeds (conditional requests, retries), imports the
/// changed ones into a new database beside the live one, carries the unchanged feeds over, and
/// swaps the new file in atomically. Any failure leaves the previous database untouched.
struct DatabaseUpdater {
    var databasePath: String
    var feeds: [FeedSource]
    var downloadConfiguration: FeedDownloadConfiguration
    var log: @Sendable (String) -> Void

    struct Summary {
        var downloaded: [String] = []
        var unchanged: [String] = []
        var importedAdvisories = 0
        var importedEnrichments = 0
        var carriedOver = 0
        var upToDate = false
        var status: DatabaseStatus?
        var skipped: [String] = []
    }

    var cachePath: String { databasePath + ".feeds.json" }

    func update() throws -> Summary {
        var summary = Summary()
        let existing = openExisting()
        let existingSources = Set((try? existing?.sources().map(\.id)) ?? [])
        var cache = loadCache()
        // Validators are only worth sending for feeds whose data the current database still holds.
        let validURLs = Set(feeds.filter { existingSources.contains($0.id) }.flatMap(\.urls))
        cache.entries = cache.entries.filter { validURLs.contains($0.key) }

        let staging = (databasePath as NSString).deletingLastPathComponent + "/staging-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        var requests: [(FeedSource, FeedRequest)] = []
        // `file://` directories (a checkout of an advisory repository) are imported in place: there
        // is nothing to download, and they are always re-read.
        var localDirectories: [String: String] = [:]
        for feed in feeds {
            for (i, url) in feed.urls.enumerated() {
                guard let u = URL(string: url) else { throw UpdateFailure("feed \(feed.id): invalid URL \(url)") }
                // Keep the published file name: parsers recognise documents by it (`main.json`, `list`).
                let file = u.lastPathComponent.isEmpty ? "feed" : u.lastPathComponent
                let request = FeedRequest(url: u, name: "\(feed.id)-\(i)-\(file)")
                var isDirectory: ObjCBool = false
                if u.isFileURL, FileManager.default.fileExists(atPath: u.path, isDirectory: &isDirectory),
                    isDirectory.boolValue
                {
                    localDirectories[request.name] = u.path
                }
                requests.append((feed, request))
            }
        }
        let remote = requests.map(\.1).filter { localDirectories[$0.name] == nil }
        var report = download(remote, staging: staging, cache: cache)
        if !report.failures.isEmpty {
            throw UpdateFailure(
                "download failed, the database was not changed:\n"
                    + report.failures.map { "  \($0)" }.joined(separator: "\n")
            )
        }
        var outcomes: [String: FeedDownloadOutcome] = [:]
        for result in report.results { if case .success(let o) = result.outcome { outcomes[result.request.name] = o } }
        func wasDownloaded(_ name: String) -> Bool {
            if localDirectories[name] != nil { return true }
            if case .downloaded = outcomes[name] { return true }
            return false
        }
        // A feed changed when any of its documents was downloaded (not 304), or when the current
        // database does not hold it yet.
        let changed = feeds.filter { feed in
            !existingSources.contains(feed.id) || requests.contains { $0.0.id == feed.id && wasDownloaded($0.1.name) }
        }
        summary.unchanged = feeds.map(\.id).filter { id in !changed.contains { $0.id == id } }
        if changed.isEmpty, let existing {
            summary.upToDate = true
            summary.status = try existing.status()
            saveCache(report.cache)
            return summary
        }
        // A feed with several URLs of which only some changed: fetch the others unconditionally.
        let refetch = requests.filter { feed, request in
            changed.contains { $0.id == feed.id } && !wasDownloaded(request.name)
        }
        if !refetch.isEmpty {
            var fresh = report.cache
            for (_, r) in refetch { fresh.entries[r.url.absoluteString] = nil }
            let again = download(refetch.map(\.1), staging: staging, cache: fresh)
            if !again.failures.isEmpty {
                throw UpdateFailure(again.failures.map { "\($0)" }.joined(separator: "\n"))
            }
            for result in again.results {
                if case .success(let o) = result.outcome { outcomes[result.request.name] = o }
            }
            report.cache = again.cache
        }

        let importer = FeedImporter()
        let now = ISO8601DateFormatter().string(from: Date())
        let changedIDs = Set(changed.map(\.id))
        let status = try VulnerabilityDatabaseBuilder.build(path: databasePath, builtAt: now) { builder in
            if let existing { summary.carriedOver = try builder.carryOver(from: existing, exceptSources: changedIDs) }
            for feed in changed {
                var files: [String] = []
                var downloads: [DownloadedFeed] = []
                for (f, request) in requests where f.id == feed.id {
                    if let directory = localDirectories[request.name] {
                        files.append(directory)
                        continue
                    }
                    guard case .downloaded(let d)? = outcomes[request.name] else {
                        throw UpdateFailure("feed \(feed.id): \(request.url) was not downloaded")
                    }
                    files.append(d.path)
                    downloads.append(d)
                }
                let counts: FeedImporter.Counts
                do { counts = try importer.importFiles(files, feed: feed, into: builder) } catch let error as FeedError
                {
                    throw UpdateFailure("feed \(feed.id): \(error) — the database was not changed")
                }
                summary.importedAdvisories += counts.advisories
                summary.importedEnrichments += counts.enrichments
                summary.skipped += counts.skipped.prefix(3).map { "\(feed.id): \($0)" }
                summary.downloaded.append(feed.id)
                log("imported \(feed.id): \(counts.advisories) advisories, \(counts.enrichments) enrichment records")
                try builder.recordSource(
                    FeedSourceRecord(
                        id: feed.id,
                        url: feed.urls.joined(separator: " "),
                        kind: feed.kind.rawValue,
                        updatedAt: now,
                        recordCount: counts.advisories + counts.enrichments,
                        checksumSHA256: downloads.map(\.sha256).joined(separator: ","),
                        etag: downloads.first?.etag,
                        lastModified: downloads.first?.lastModified
                    )
                )
            }
        }
        summary.status = status
        saveCache(report.cache)
        return summary
    }

    private func openExisting() -> VulnerabilityDatabase? {
        guard FileManager.default.fileExists(atPath: databasePath) else { return nil }
        do { return try VulnerabilityDatabase.open(path: databasePath) } catch {
            log("warning: the existing database cannot be used (\(error)); building a new one")
            return nil
        }
    }

    private func download(_ requests: [FeedRequest], staging: String, cache: FeedCacheState) -> FeedDownloadReport {
        let downloader = FeedDownloader(configuration: downloadConfiguration)
        let box = ResultBox<FeedDownloadReport>()
        let done = DispatchSemaphore(value: 0)
        let log = self.log
        // The caller is synchronous (the CLI, or an in-process test on the cooperative pool): run
        // the download on Dispatch's own threads so blocking here cannot starve the tasks it waits for.
        Task(executorPreference: DispatchTaskExecutor.shared) {
            let report = await downloader.download(requests, into: staging, cache: cache) { progress in
                if progress.isComplete {
                    log("downloaded \(progress.name) (\(progress.receivedBytes) bytes, attempt \(progress.attempt))")
                }
            }
            box.set(report)
            done.signal()
        }
        done.wait()
        return box.get() ?? FeedDownloadReport(results: [], cache: cache)
    }

    private func loadCache() -> FeedCacheState {
        guard let data = FileManager.default.contents(atPath: cachePath),
            let state = try? FeedCacheState(jsonData: data)
        else {
            return FeedCacheState()
        }
        return state
    }

    private func saveCache(_ state: FeedCacheState) {
        guard let data = try? state.jsonData() else { return }
        try? data.write(to: URL(fileURLWithPath: cachePath), options: .atomic)
    }
}

/// An update error for the user (exit 2).
struct UpdateFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// A lock-protected slot to hand a value out of a `Task`.
final class ResultBox<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    func set(_ v: Value) { value.withLock { $0 = v } }
    func get() -> Value? { value.withLock { $0 } }
}

/// Runs task jobs on a concurrent Dispatch queue instead of the cooperative pool.
final class DispatchTaskExecutor: TaskExecutor {
    static let shared = DispatchTaskExecutor()
    private let queue = DispatchQueue(label: "bulkhead.feed-download", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { unowned.runSynchronously(on: executor) }
    }
}
