/// The fields of `/proc/<pid>/stat` the sensor needs.
///
/// The command name sits between the first `(` and the **last** `)`: it may itself contain spaces and
/// parentheses, so every later field is read after the last `)`.
public struct ProcStat: Sendable, Hashable {
    /// Field 1, the process (thread group) id.
    public var pid: Int64
    /// Field 2, the kernel command name (at most 15 bytes), invalid UTF-8 repaired.
    public var comm: String
    /// Field 3, the state letter (`R`, `S`, `Z`…).
    public var state: Character
    /// Field 4, the parent process id.
    public var ppid: Int64
    /// Field 5, the process group id.
    public var processGroup: Int64
    /// Field 6, the session id.
    public var session: Int64
    /// Field 7, the controlling terminal device number (0 when none).
    public var ttyNumber: Int64
    /// Field 9, the kernel's `PF_*` flags.
    public var flags: UInt64
    /// Field 22, the start time in clock ticks after boot.
    public var startTimeTicks: UInt64

    /// `PF_KTHREAD`: the task is a kernel thread.
    public static let kernelThreadFlag: UInt64 = 0x0020_0000

    /// Creates the fields.
    public init(
        pid: Int64,
        comm: String,
        state: Character,
        ppid: Int64,
        processGroup: Int64,
        session: Int64,
        ttyNumber: Int64,
        flags: UInt64,
        startTimeTicks: UInt64
    ) {
        self.pid = pid
        self.comm = comm
        self.state = state
        self.ppid = ppid
        self.processGroup = processGroup
        self.session = session
        self.ttyNumber = ttyNumber
        self.flags = flags
        self.startTimeTicks = startTimeTicks
    }

    /// True for a kernel thread (`PF_KTHREAD`).
    public var isKernelThread: Bool { flags & Self.kernelThreadFlag != 0 }

    /// Parses the contents of a `stat` file; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(ProcFileError) -> ProcStat {
        func failure(_ reason: String) -> ProcFileError { ProcFileError(file: file, reason: reason) }
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")),
            let close = bytes.lastIndex(of: UInt8(ascii: ")")), open < close
        else { throw failure("no command name in parentheses") }
        let pidBytes = ProcText.trimmingTrailingWhitespace(bytes[..<open])
        guard let pid = ProcText.signedDecimal(pidBytes), pid >= 0 else {
            throw failure("the process id \"\(ProcText.snippet(pidBytes))\" is not a number")
        }
        let comm = ProcText.text(bytes[(open + 1)..<close])
        let rest = ProcText.trimmingTrailingWhitespace(bytes[(close + 1)...])
        let fields = rest.split(separator: 0x20, omittingEmptySubsequences: true)
        // fields[0] is field 3 (state); field 22 (start time) is fields[19].
        guard fields.count >= 20 else {
            throw failure("\(fields.count + 2) fields after the command name, at least 22 expected")
        }
        func number(_ index: Int, _ name: String) throws(ProcFileError) -> Int64 {
            guard let value = ProcText.signedDecimal(fields[index]) else {
                throw failure("field \(index + 3) (\(name)) \"\(ProcText.snippet(fields[index]))\" is not a number")
            }
            return value
        }
        func unsigned(_ index: Int, _ name: String) throws(ProcFileError) -> UInt64 {
            guard let value = ProcText.unsignedDecimal(fields[index]) else {
                throw failure("field \(index + 3) (\(name)) \"\(ProcText.snippet(fields[index]))\" is not a number")
            }
            return value
        }
        let stateBytes = fields[0]
        guard stateBytes.count == 1, let stateByte = stateBytes.first, stateByte >= 0x41, stateByte <= 0x7A else {
            throw failure("field 3 (state) \"\(ProcText.snippet(stateBytes))\" is not a state letter")
        }
        return ProcStat(
            pid: pid,
            comm: comm,
            state: Character(UnicodeScalar(stateByte)),
            ppid: try number(1, "ppid"),
            processGroup: try number(2, "pgrp"),
            session: try number(3, "session"),
            ttyNumber: try number(4, "tty_nr"),
            flags: try unsigned(6, "flags"),
            startTimeTicks: try unsigned(19, "starttime")
        )
    }
}
