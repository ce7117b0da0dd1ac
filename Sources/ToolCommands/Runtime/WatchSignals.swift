import Dispatch
import Foundation
import Synchronization

/// The signals a live `watch` obeys: SIGTERM and SIGINT stop it (the outputs are flushed), SIGHUP reloads
/// the rules. Handlers only set flags; the event loop reads them between two polls of the sensor.
final class WatchSignals {
    /// The flags the handlers set, shared with them.
    private final class Flags: Sendable {
        let stopRequested = Atomic<Bool>(false)
        let reloads = Atomic<Int>(0)
    }

    private let flags = Flags()
    private var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers; the signals' default actions are off until ``restore()``.
    init() {
        let queue = DispatchQueue(label: "bulkhead.watch.signals")
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let flags = self.flags
            source.setEventHandler {
                if number == SIGHUP {
                    flags.reloads.add(1, ordering: .relaxed)
                } else {
                    flags.stopRequested.store(true, ordering: .relaxed)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// True once SIGTERM or SIGINT arrived (or ``requestStop()`` was called).
    var shouldStop: Bool { flags.stopRequested.load(ordering: .relaxed) }

    /// Asks the loop to stop, as SIGTERM does.
    func requestStop() { flags.stopRequested.store(true, ordering: .relaxed) }

    /// The SIGHUPs received since the last call (0 or more), resetting the count.
    func takeReloadRequests() -> Int { flags.reloads.exchange(0, ordering: .relaxed) }

    /// Cancels the handlers and gives the signals their default actions back.
    func restore() {
        for source in sources { source.cancel() }
        sources = []
        for number in [SIGTERM, SIGINT, SIGHUP] { signal(number, SIG_DFL) }
    }
}
