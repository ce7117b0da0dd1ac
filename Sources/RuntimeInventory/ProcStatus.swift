/// The fields of `/proc/<pid>/status` the sensor needs: ids, credentials, capabilities, namespace pids.
public struct ProcStatus: Sendable, Hashable {
    /// `Name`, the command name (escaped by the kernel), when present.
    public var name: String?
    /// `Tgid`, the thread group (process) id.
    public var tgid: Int64
    /// `Pid`, the thread id.
    public var pid: Int64
    /// `PPid`, the parent process id.
    public var ppid: Int64
    /// `Uid`: real, effective, saved and filesystem user ids.
    public var userIDs: [Int64]
    /// `Gid`: real, effective, saved and filesystem group ids.
    public var groupIDs: [Int64]
    /// `CapEff`, `CapPrm`, `CapInh`; zero when absent.
    public var capabilityEffective: UInt64
    /// `CapPrm`.
    public var capabilityPermitted: UInt64
    /// `CapInh`.
    public var capabilityInheritable: UInt64
    /// `NSpid`: the pid in each nested pid namespace, outermost first; empty when absent.
    public var namespacePIDs: [Int64]
    /// `NSpgid`: the process group id in each nested pid namespace; empty when absent.
    public var namespaceProcessGroups: [Int64]
    /// `Kthread` (kernels from 6.11): 1 for kernel threads, nil when absent.
    public var kernelThread: Bool?

    /// Creates the fields.
    public init(
        name: String? = nil,
        tgid: Int64,
        pid: Int64,
        ppid: Int64,
        userIDs: [Int64],
        groupIDs: [Int64],
        capabilityEffective: UInt64 = 0,
        capabilityPermitted: UInt64 = 0,
        capabilityInheritable: UInt64 = 0,
        namespacePIDs: [Int64] = [],
        namespaceProcessGroups: [Int64] = [],
        kernelThread: Bool? = nil
    ) {
        self.name = name
        self.tgid = tgid
        self.pid = pid
        self.ppid = ppid
        self.userIDs = userIDs
        self.groupIDs = groupIDs
        self.capabilityEffective = capabilityEffective
        self.capabilityPermitted = capabilityPermitted
        self.capabilityInheritable = capabilityInheritable
        self.namespacePIDs = namespacePIDs
        self.namespaceProcessGroups = namespaceProcessGroups
        self.kernelThread = kernelThread
    }

    /// Real user id.
    public var uid: Int64 { userIDs.first ?? -1 }
    /// Effective user id (the real one when only one is listed).
    public var euid: Int64 { userIDs.dropFirst().first ?? uid }
    /// Real group id.
    public var gid: Int64 { groupIDs.first ?? -1 }
    /// Effective group id (the real one when only one is listed).
    public var egid: Int64 { groupIDs.dropFirst().first ?? gid }
    /// The pid inside the innermost pid namespace (`proc.vpid`), when `NSpid` is present.
    public var vpid: Int64? { namespacePIDs.last }
    /// The process group inside the innermost pid namespace (`proc.vpgid`), when `NSpgid` is present.
    public var vpgid: Int64? { namespaceProcessGroups.last }

    /// Parses the contents of a `status` file; `file` names it in errors. `Tgid`, `Pid`, `PPid`, `Uid` and
    /// `Gid` are required; the others are optional. Unknown lines are ignored.
    public static func parse(_ bytes: [UInt8], file: String) throws(ProcFileError) -> ProcStatus {
        func failure(_ reason: String) -> ProcFileError { ProcFileError(file: file, reason: reason) }
        var name: String?
        var tgid: Int64?
        var pid: Int64?
        var ppid: Int64?
        var userIDs: [Int64]?
        var groupIDs: [Int64]?
        var capabilities: [UInt64] = [0, 0, 0]
        var namespacePIDs: [Int64] = []
        var namespaceGroups: [Int64] = []
        var kernelThread: Bool?
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                if ProcText.trimmingTrailingWhitespace(line).isEmpty { continue }
                throw failure("line \(lineNumber) \"\(ProcText.snippet(line))\" has no \"Key:\"")
            }
            let key = line[line.startIndex..<colon]
            let value = ProcText.trimmingTrailingWhitespace(ProcText.trimmingLeadingBlanks(line[(colon + 1)...]))
            func integer() throws(ProcFileError) -> Int64 {
                guard let number = ProcText.signedDecimal(value) else {
                    throw failure(
                        "line \(lineNumber): \(ProcText.text(key)) \"\(ProcText.snippet(value))\" is not a number"
                    )
                }
                return number
            }
            func integers(minimum: Int) throws(ProcFileError) -> [Int64] {
                var numbers: [Int64] = []
                for part in value.split(whereSeparator: { $0 == 0x09 || $0 == 0x20 }) {
                    guard let number = ProcText.signedDecimal(part) else {
                        throw failure(
                            "line \(lineNumber): \(ProcText.text(key)) \"\(ProcText.snippet(value))\" is not a list of numbers"
                        )
                    }
                    numbers.append(number)
                }
                guard numbers.count >= minimum else {
                    throw failure(
                        "line \(lineNumber): \(ProcText.text(key)) has \(numbers.count) numbers, \(minimum) expected"
                    )
                }
                return numbers
            }
            func mask() throws(ProcFileError) -> UInt64 {
                guard let number = ProcText.hexadecimal(value) else {
                    throw failure(
                        "line \(lineNumber): \(ProcText.text(key)) \"\(ProcText.snippet(value))\" is not a hexadecimal mask"
                    )
                }
                return number
            }
            switch ProcText.text(key) {
            case "Name": name = ProcText.text(value)
            case "Tgid": tgid = try integer()
            case "Pid": pid = try integer()
            case "PPid": ppid = try integer()
            case "Uid": userIDs = try integers(minimum: 2)
            case "Gid": groupIDs = try integers(minimum: 2)
            case "CapEff": capabilities[0] = try mask()
            case "CapPrm": capabilities[1] = try mask()
            case "CapInh": capabilities[2] = try mask()
            case "NSpid": namespacePIDs = try integers(minimum: 1)
            case "NSpgid": namespaceGroups = try integers(minimum: 1)
            case "Kthread": kernelThread = try integer() != 0
            default: continue
            }
        }
        guard let tgid, let pid, let ppid else { throw failure("no Tgid, Pid or PPid line") }
        guard let userIDs, let groupIDs else { throw failure("no Uid or Gid line") }
        return ProcStatus(
            name: name,
            tgid: tgid,
            pid: pid,
            ppid: ppid,
            userIDs: userIDs,
            groupIDs: groupIDs,
            capabilityEffective: capabilities[0],
            capabilityPermitted: capabilities[1],
            capabilityInheritable: capabilities[2],
            namespacePIDs: namespacePIDs,
            namespaceProcessGroups: namespaceGroups,
            kernelThread: kernelThread
        )
    }
}
