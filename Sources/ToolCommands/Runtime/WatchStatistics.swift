import AlertChannels
import Foundation

/// Counts and timings of one `watch` run, and the `--stats` line.
struct WatchStatistics {
    /// Per-output delivery counts, with the output's label.
    struct Delivery {
        var label: String
        var statistics: ChannelStatistics
    }

    var events = 0
    /// Rule matches (alerts raised, before de-duplication and rate limiting).
    var alerts = 0
    /// Alerts handed to the outputs (summaries included).
    var sent = 0
    var decodeNanoseconds: UInt64 = 0
    var evaluateNanoseconds: UInt64 = 0
    var outputNanoseconds: UInt64 = 0

    /// Nanoseconds on a monotonic clock.
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// The process's peak resident set, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        guard getrusage(Int32(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
    }

    /// `{"stats":{"events":N,"alerts":N,"dropped":N,"decodeSeconds":x,"evaluateSeconds":y,
    /// "outputSeconds":z,"wallSeconds":w,"evaluatedEventsPerSecond":r,"peakRSSBytes":b,"channels":[…]}}`.
    /// `dropped` is the alerts the outputs lost: dropped (queue full), discarded (not sent before the flush
    /// timeout) and failed (delivery failed after retries), summed over the outputs.
    /// A live watch adds `"sensor":{…}` (``LiveWatch/statisticsJSON``).
    func jsonLine(deliveries: [Delivery], wallNanoseconds: UInt64, sensor: String? = nil) -> String {
        let dropped = deliveries.reduce(0) {
            $0 + $1.statistics.dropped + $1.statistics.discarded + $1.statistics.failed
        }
        let evaluateSeconds = Double(evaluateNanoseconds) / 1e9
        let rate = evaluateSeconds > 0 ? Double(events) / evaluateSeconds : 0
        let channels = deliveries.map { delivery in
            let s = delivery.statistics
            return "{\"name\":\(Self.quoted(delivery.label)),\"delivered\":\(s.delivered),"
                + "\"dropped\":\(s.dropped + s.discarded),"
                + "\"failed\":\(s.failed)}"
        }
        return "{\"stats\":{\"events\":\(events),\"alerts\":\(alerts),\"dropped\":\(dropped),"
            + "\"decodeSeconds\":\(Self.seconds(decodeNanoseconds)),"
            + "\"evaluateSeconds\":\(Self.seconds(evaluateNanoseconds)),"
            + "\"outputSeconds\":\(Self.seconds(outputNanoseconds)),"
            + "\"wallSeconds\":\(Self.seconds(wallNanoseconds)),"
            + "\"evaluatedEventsPerSecond\":\(String(format: "%.1f", rate)),"
            + "\"peakRSSBytes\":\(Self.peakResidentBytes()),"
            + "\"channels\":[\(channels.joined(separator: ","))]"
            + (sensor.map { ",\"sensor\":\($0)" } ?? "") + "}}"
    }

    private static func seconds(_ nanoseconds: UInt64) -> String {
        String(format: "%.6f", Double(nanoseconds) / 1e9)
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
