internal import Foundation
internal import Glibc
public import ImageSources
public import RuntimeEvents
public import RuntimeInventory
import Synchronization

/// What the Docker Engine knows about the containers events come from (name, image, labels, mounts,
/// privileged, pod), cached, so that the live loop can fill in `ContainerInfo` for every event.
///
/// ``container(for:)`` answers from the cache; on a miss it asks the engine synchronously with short
/// timeouts (``lookupTimeout`` to connect and ``lookupTimeout`` of silence at most), and remembers a failure
/// for ``negativeCacheDuration`` so that a dead or slow daemon costs at most one attempt per container per
/// period. ``startWatching()`` follows the engine's container events on a background thread to refresh
/// entries (`start`, `rename`, `die`…) and forget destroyed containers, reconnecting with backoff when the
/// daemon goes away. Thread-safe.
public final class ContainerDirectory: Sendable {
    /// Timeouts of a lookup made on a cache miss.
    public let lookupTimeout: Duration
    /// How long a failed lookup is remembered.
    public let negativeCacheDuration: Duration
    /// Length of one event-stream request (`since`…`until`); bounds how late ``stop()`` returns.
    public let eventWindow: Duration
    /// Longest wait between two attempts to reach a daemon that is away.
    public let maximumBackoff: Duration
    /// Largest number of cached containers (failures included); beyond it the cache is emptied by half.
    public let maximumEntries: Int

    private let client: DockerEngineClient?
    private let clientProblem: String?
    private let eventObserver: (@Sendable (DockerContainerEvent) -> Void)?
    private let state = Mutex(State())

    private enum Entry {
        case found(ContainerInfo)
        case failed(until: ContinuousClock.Instant)
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var statistics = ContainerDirectoryStatistics()
        var watching = false
        var stopRequested = false
        var watcherRunning = false
    }

    /// A directory over the engine `client`.
    ///
    /// - Parameters:
    ///   - lookupTimeout: connect and idle-read timeout of a lookup on a cache miss (250 ms).
    ///   - negativeCacheDuration: how long a failed lookup is remembered (5 s).
    ///   - eventWindow: length of one event-stream request (1 s).
    ///   - maximumBackoff: longest wait between reconnection attempts (5 s).
    ///   - maximumEntries: cache bound (4096).
    ///   - eventObserver: called on the watcher thread after each container event is applied (it must not
    ///     call ``stop()``).
    public init(
        client: DockerEngineClient,
        lookupTimeout: Duration = .milliseconds(250),
        negativeCacheDuration: Duration = .seconds(5),
        eventWindow: Duration = .seconds(1),
        maximumBackoff: Duration = .seconds(5),
        maximumEntries: Int = 4096,
        eventObserver: (@Sendable (DockerContainerEvent) -> Void)? = nil
    ) {
        self.client = client
        self.clientProblem = nil
        self.lookupTimeout = lookupTimeout
        self.negativeCacheDuration = negativeCacheDuration
        self.eventWindow = max(eventWindow, .milliseconds(100))
        self.maximumBackoff = maximumBackoff
        self.maximumEntries = max(16, maximumEntries)
        self.eventObserver = eventObserver
    }

    /// A directory over the engine `DOCKER_HOST` names in `environment` (the process environment when nil),
    /// else `/var/run/docker.sock`. An unusable `DOCKER_HOST` gives a directory that returns every partial
    /// information unchanged (see ``problem``).
    public init(
        environment: [String: String]? = nil,
        lookupTimeout: Duration = .milliseconds(250),
        negativeCacheDuration: Duration = .seconds(5),
        eventWindow: Duration = .seconds(1),
        maximumBackoff: Duration = .seconds(5),
        maximumEntries: Int = 4096,
        eventObserver: (@Sendable (DockerContainerEvent) -> Void)? = nil
    ) {
        do {
            self.client = try DockerEngineClient(environment: environment)
            self.clientProblem = nil
        } catch {
            self.client = nil
            self.clientProblem = String(describing: error)
        }
        self.lookupTimeout = lookupTimeout
        self.negativeCacheDuration = negativeCacheDuration
        self.eventWindow = max(eventWindow, .milliseconds(100))
        self.maximumBackoff = maximumBackoff
        self.maximumEntries = max(16, maximumEntries)
        self.eventObserver = eventObserver
    }

    /// Why no engine can be asked (an invalid `DOCKER_HOST`), or nil.
    public var problem: String? { clientProblem }

    /// The counters so far.
    public var statistics: ContainerDirectoryStatistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.cachedContainers = state.entries.values.count { if case .found = $0 { true } else { false } }
            return statistics
        }
    }

    // MARK: - Lookups

    /// The full information of the container `partial` names (by `fullID`, else `id`): from the cache, else
    /// asked of the engine now (bounded by ``lookupTimeout``). The host, an unknown container, an engine
    /// that does not answer or a recent failure give `partial` back unchanged. Never throws, never blocks
    /// longer than the lookup timeouts.
    public func container(for partial: ContainerInfo) -> ContainerInfo {
        if partial.isHost { return partial }
        let key = Self.key(partial)
        guard !key.isEmpty else { return partial }
        let now = ContinuousClock.now
        let cached: ContainerInfo?? = state.withLock { state in
            switch state.entries[key] {
            case .found(let info):
                state.statistics.hits += 1
                return .some(info)
            case .failed(let until) where now < until:
                state.statistics.negativeHits += 1
                return .some(nil)
            default:
                state.statistics.fetches += 1
                return nil
            }
        }
        if let cached { return cached ?? partial }
        let reference = partial.fullID ?? partial.id
        let timeouts = HTTPTimeouts(connect: lookupTimeout, read: lookupTimeout)
        guard let info = fetch(reference, timeouts: timeouts) else {
            state.withLock { state in
                state.statistics.fetchFailures += 1
                store(.failed(until: ContinuousClock.now.advanced(by: negativeCacheDuration)), key: key, in: &state)
            }
            return partial
        }
        state.withLock { state in store(.found(info), key: key, in: &state) }
        return info
    }

    /// Lists the running containers and caches each one; returns how many were cached (0 when the engine
    /// does not answer).
    @discardableResult
    public func prime() -> Int {
        guard let client else { return 0 }
        var background = client
        background.timeouts = Self.backgroundTimeouts
        guard let ids = try? background.listContainers(all: false) else { return 0 }
        var count = 0
        for id in ids {
            guard let info = fetch(id, timeouts: Self.backgroundTimeouts) else { continue }
            state.withLock { state in store(.found(info), key: Self.key(info), in: &state) }
            count += 1
        }
        return count
    }

    /// Forgets everything cached (full information and failures).
    public func removeAll() {
        state.withLock { $0.entries.removeAll() }
    }

    // MARK: - Watching

    /// Starts following the engine's container events on a background thread (once; later calls do
    /// nothing until ``stop()``).
    public func startWatching() {
        guard client != nil else { return }
        let start = state.withLock { state -> Bool in
            guard !state.watching else { return false }
            state.watching = true
            state.stopRequested = false
            state.watcherRunning = true
            return true
        }
        guard start else { return }
        let thread = Thread { [self] in
            watch()
            state.withLock { $0.watcherRunning = false }
        }
        thread.name = "bulkhead-container-events"
        thread.start()
    }

    /// Stops the watcher and waits for its thread to end (at most about one ``eventWindow`` plus a timeout).
    public func stop() {
        let wasWatching = state.withLock { state -> Bool in
            state.stopRequested = true
            let was = state.watching
            state.watching = false
            return was
        }
        guard wasWatching else { return }
        while state.withLock({ $0.watcherRunning }) { usleep(10_000) }
    }

    private var stopRequested: Bool { state.withLock { $0.stopRequested } }

    private func watch() {
        guard let client else { return }
        var since = Self.wallClockNanoseconds()
        var failures = 0
        let http = SocketHTTPClient(
            endpoint: client.endpoint,
            timeouts: HTTPTimeouts(connect: .seconds(1), read: eventWindow + .seconds(2))
        )
        while !stopRequested {
            let until = max(since, Self.wallClockNanoseconds()) + Self.nanoseconds(eventWindow)
            let filters = "%7B%22type%22%3A%5B%22container%22%5D%7D"
            let target = "/events?since=\(Self.timestamp(since))&until=\(Self.timestamp(until))&filters=\(filters)"
            do {
                var response = try http.send(HTTPRequest(method: "GET", target: target))
                let body = try response.readBody(limit: 64 * 1024 * 1024)
                guard response.status == 200 else { throw WatchFailure.status(response.status) }
                if failures > 0 {
                    // The daemon may have restarted: what is cached may be stale.
                    state.withLock { state in
                        state.statistics.reconnects += 1
                        state.entries.removeAll()
                    }
                    failures = 0
                }
                var splitter = JSONLineSplitter()
                var number = 0
                for line in splitter.append(body + [0x0A]) {
                    number += 1
                    guard let event = try? DockerContainerEvent.parse(line, subject: "event \(number)") ?? nil else {
                        continue
                    }
                    apply(event)
                }
                // Events up to `until` (or up to now, when the engine ended the stream early) have been seen.
                let now = Self.wallClockNanoseconds()
                since = min(until, now)
                if now < until { pause(.milliseconds(100)) }
            } catch {
                failures += 1
                state.withLock { $0.statistics.streamFailures += 1 }
                let backoff = min(Duration.milliseconds(100) * (1 << min(failures - 1, 10)), maximumBackoff)
                pause(backoff)
            }
        }
    }

    private enum WatchFailure: Error {
        case status(Int)
    }

    private func apply(_ event: DockerContainerEvent) {
        let key = String(event.containerID.prefix(12))
        switch event.effect {
        case .evict:
            state.withLock { _ = $0.entries.removeValue(forKey: key) }
        case .refresh:
            if let info = fetch(event.containerID, timeouts: Self.backgroundTimeouts) {
                state.withLock { state in store(.found(info), key: key, in: &state) }
            } else {
                state.withLock { _ = $0.entries.removeValue(forKey: key) }
            }
        case .none:
            break
        }
        state.withLock { $0.statistics.eventsApplied += 1 }
        eventObserver?(event)
    }

    /// Sleeps `duration` in short slices, returning early when ``stop()`` is called.
    private func pause(_ duration: Duration) {
        let deadline = ContinuousClock.now.advanced(by: duration)
        while !stopRequested, ContinuousClock.now < deadline { usleep(20_000) }
    }

    // MARK: - Helpers

    private static let backgroundTimeouts = HTTPTimeouts(connect: .seconds(2), read: .seconds(5))

    private func fetch(_ reference: String, timeouts: HTTPTimeouts) -> ContainerInfo? {
        guard var engine = client else { return nil }
        engine.timeouts = timeouts
        guard let body = try? engine.inspectContainer(reference) else { return nil }
        return try? DockerContainerInspectDecoder.containerInfo(from: body, subject: "container \(reference)")
    }

    private func store(_ entry: Entry, key: String, in state: inout State) {
        if state.entries[key] == nil, state.entries.count >= maximumEntries {
            let now = ContinuousClock.now
            state.entries = state.entries.filter { _, entry in
                if case .failed(let until) = entry { return now < until }
                return true
            }
            if state.entries.count >= maximumEntries {
                let keep = state.entries.keys.prefix(maximumEntries / 2)
                state.entries = state.entries.filter { keep.contains($0.key) }
            }
        }
        state.entries[key] = entry
    }

    private static func key(_ info: ContainerInfo) -> String { String((info.fullID ?? info.id).prefix(12)) }

    private static func wallClockNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(max(0, now.tv_sec)) * 1_000_000_000 + UInt64(max(0, now.tv_nsec))
    }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds / 1_000_000_000))
    }

    /// `seconds.nanoseconds`, the form the engine's `since` and `until` accept.
    private static func timestamp(_ nanoseconds: UInt64) -> String {
        let fraction = String(nanoseconds % 1_000_000_000)
        return "\(nanoseconds / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }
}
