import AlertChannels
import AlertFormats
import Foundation

/// The running outputs of one `watch`: one non-blocking ``AlertDispatcher`` per format (text lines, JSON
/// alerts), each with a bounded queue per channel. Serializes each alert once per format in use.
final class WatchOutputs {
    private let outputs: [WatchChannelFactory.Output]
    private let text: AlertDispatcher?
    private let json: AlertDispatcher?
    /// For each output, its dispatcher (true: JSON) and its index there.
    private let placement: [(json: Bool, index: Int)]

    /// Starts the channels' threads.
    init(_ outputs: [WatchChannelFactory.Output], queueSize: Int) {
        self.outputs = outputs
        var placement: [(json: Bool, index: Int)] = []
        var textChannels: [any AlertChannel] = []
        var jsonChannels: [any AlertChannel] = []
        for output in outputs {
            if output.format == .json {
                placement.append((true, jsonChannels.count))
                jsonChannels.append(output.channel)
            } else {
                placement.append((false, textChannels.count))
                textChannels.append(output.channel)
            }
        }
        self.placement = placement
        text = textChannels.isEmpty ? nil : AlertDispatcher(channels: textChannels, capacity: queueSize)
        json = jsonChannels.isEmpty ? nil : AlertDispatcher(channels: jsonChannels, capacity: queueSize)
    }

    /// Queues `alert` on every output; never blocks on I/O.
    func send(_ alert: Alert) {
        let severity = alert.priority.syslogSeverity
        if let text { text.dispatch(AlertMessage(text: alert.textLine, time: alert.time, severity: severity)) }
        if let json { json.dispatch(AlertMessage(text: alert.jsonLine, time: alert.time, severity: severity)) }
    }

    /// Stops accepting, waits up to `timeout` seconds in all for the queues to drain, closes the channels;
    /// returns the counts per output (in the order given) and the last error of each output that had one.
    func close(timeout: Double) -> (deliveries: [WatchStatistics.Delivery], errors: [String: String]) {
        let deadline = Date(timeIntervalSinceNow: timeout)
        for dispatcher in [text, json].compactMap({ $0 }) {
            dispatcher.close(timeout: max(0, deadline.timeIntervalSinceNow))
        }
        let textStatistics = text?.statistics() ?? []
        let jsonStatistics = json?.statistics() ?? []
        let textErrors = text?.lastErrors() ?? [:]
        let jsonErrors = json?.lastErrors() ?? [:]
        var deliveries: [WatchStatistics.Delivery] = []
        var errors: [String: String] = [:]
        for (output, place) in zip(outputs, placement) {
            let statistics = place.json ? jsonStatistics[place.index] : textStatistics[place.index]
            deliveries.append(WatchStatistics.Delivery(label: output.label, statistics: statistics))
            if statistics.failed > 0, let error = (place.json ? jsonErrors : textErrors)[output.channel.name] {
                errors[output.label] = error.message
            }
        }
        return (deliveries, errors)
    }
}
