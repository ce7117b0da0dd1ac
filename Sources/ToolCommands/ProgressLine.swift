/// A one-line progress indicator on standard error, shown only on a terminal and for long runs.
struct ProgressLine: Sendable {
    let io: CommandIO
    let total: Int
    let label: String

    private var enabled: Bool { io.stderrIsTerminal && total >= 50 }

    func update(_ done: Int) {
        guard enabled, done % 10 == 0 else { return }
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        io.writeErr("\r\(label) \(bar) \(done)/\(total)")
    }

    func finish() {
        guard enabled else { return }
        io.writeErr("\r" + String(repeating: " ", count: label.count + 45) + "\r")
    }
}
