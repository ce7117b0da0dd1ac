import Foundation
import RuntimeEnrichment
import RuntimeEvents
import RuntimeInventory
import Synchronization
import Testing

/// The directory against ``FakeDockerEngine``: inspect decoding through the client, the negative cache, and
/// the watcher surviving the daemon going away.
struct ContainerDirectoryFakeEngineTests {
    static let id = "954213ab1ad5f6bf1c8b2152d1b84b7aae0e1494de57b4ae1513666512771b7e"

    static func inspect(name: String) -> String {
        #"{"Id":"\#(id)","Name":"/\#(name)","Config":{"Image":"registry.local:5000/team/app:2","Labels":{"k":"v"}},"HostConfig":{"Privileged":true},"Image":"sha256:00"}"#
    }

    static func event(_ action: String, name: String) -> String {
        #"{"Type":"container","Action":"\#(action)","Actor":{"ID":"\#(id)","Attributes":{"name":"\#(name)"}},"timeNano":1}"#
    }

    @Test func answersFromTheEngineThenFromTheCacheAndRemembersFailures() throws {
        let engine = try FakeDockerEngine { target in
            if target.hasPrefix("/containers/\(Self.id)/json") { return (200, Self.inspect(name: "web")) }
            return (404, #"{"message":"No such container"}"#)
        }
        defer { engine.stop() }
        let directory = ContainerDirectory(environment: ["DOCKER_HOST": engine.dockerHost])
        let partial = ContainerInfo(id: String(Self.id.prefix(12)), fullID: Self.id)
        let info = directory.container(for: partial)
        #expect(info.name == "web" && info.privileged && info.labels == ["k": "v"])
        #expect(info.imageRepository == "registry.local:5000/team/app" && info.imageTag == "2")
        #expect(directory.container(for: partial) == info)
        let unknown = ContainerInfo(id: "0123456789ab")
        #expect(directory.container(for: unknown) == unknown)
        #expect(directory.container(for: unknown) == unknown)
        let statistics = directory.statistics
        #expect(statistics.fetches == 2 && statistics.hits == 1 && statistics.fetchFailures == 1)
        #expect(statistics.negativeHits == 1 && statistics.cachedContainers == 1)
        #expect(engine.answeredTargets.filter { $0.hasPrefix("/containers/0123456789ab") }.count == 1)
    }

    @Test func theWatcherRefreshesOnEventsAndReconnectsAfterTheDaemonWentAway() throws {
        let phase = Mutex(0)  // 0: first name, 1: renamed
        let eventsSent = Mutex([0: false, 1: false])
        let engine = try FakeDockerEngine { target in
            let current = phase.withLock { $0 }
            if target.hasPrefix("/containers/") {
                return (200, Self.inspect(name: current == 0 ? "first" : "second"))
            }
            if target.hasPrefix("/events") {
                let send = eventsSent.withLock { sent -> Bool in
                    defer { sent[current] = true }
                    return sent[current] == false
                }
                return (
                    200,
                    send
                        ? Self.event(current == 0 ? "start" : "rename", name: current == 0 ? "first" : "second") + "\n"
                        : ""
                )
            }
            return (404, "{}")
        }
        defer { engine.stop() }
        let inbox = EventInbox()
        let directory = ContainerDirectory(
            environment: ["DOCKER_HOST": engine.dockerHost],
            eventWindow: .milliseconds(200),
            maximumBackoff: .milliseconds(200),
            eventObserver: { inbox.record($0) }
        )
        directory.startWatching()
        defer { directory.stop() }
        let partial = ContainerInfo(id: String(Self.id.prefix(12)), fullID: Self.id)
        #expect(inbox.wait(timeout: 20) { $0.action == "start" })
        #expect(directory.container(for: partial).name == "first")
        #expect(directory.statistics.hits == 1)  // the start event cached it

        engine.isAway = true
        #expect(engine.waitForRefusals(3, timeout: 20))
        phase.withLock { $0 = 1 }
        engine.isAway = false
        #expect(inbox.wait(timeout: 20) { $0.action == "rename" })
        #expect(directory.container(for: partial).name == "second")
        let statistics = directory.statistics
        #expect(statistics.reconnects >= 1 && statistics.streamFailures >= 3)
        let eventTargets = engine.answeredTargets.filter { $0.hasPrefix("/events?since=") }
        #expect(eventTargets.allSatisfy { $0.contains("&until=") && $0.contains("filters=") })
    }

    @Test func aSilentDaemonCostsOneShortTimeoutPerContainer() throws {
        let engine = try FakeDockerEngine(silent: true)
        defer { engine.stop() }
        let directory = ContainerDirectory(environment: ["DOCKER_HOST": engine.dockerHost])
        let partial = ContainerInfo(id: String(Self.id.prefix(12)), fullID: Self.id)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(directory.container(for: partial) == partial)
        let first = start.duration(to: clock.now)
        let again = clock.now
        #expect(directory.container(for: partial) == partial)
        print(
            "bulkhead-test-b: silent daemon: first lookup \(first), negative-cache lookup \(again.duration(to: clock.now))"
        )
        #expect(directory.statistics.fetchFailures == 1 && directory.statistics.negativeHits == 1)
    }
}
