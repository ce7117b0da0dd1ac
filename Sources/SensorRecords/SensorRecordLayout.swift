/// Byte offsets of `struct sensor_event`, `struct sensor_event2` and `struct sensor_exec_event`
/// (`Sources/KernelSensor/BPF/sensor_event.h`): the ABI between the BPF program and this decoder. Both sides
/// change together, with ``abiVersion``; `SensorRecordLayoutTests` compares these numbers with the header's
/// `SENSOR_OFFSET_*` definitions.
public enum SensorRecordLayout {
    /// `SENSOR_ABI_VERSION`.
    public static let abiVersion: UInt16 = 2
    /// `sizeof(struct sensor_event)`: every record has at least these bytes.
    public static let size = 544
    /// `sizeof(struct sensor_event2)`: a record with a second path (rename, link, symlink, mount).
    public static let sizeWithSecondPath = 800
    /// `sizeof(struct sensor_exec_event)`: a record of a completed exec, with credentials and argv.
    public static let execSize = 4688

    static let abiVersionOffset = 0
    static let kind = 2
    static let syscallNumber = 4
    static let timestamp = 8
    static let pid = 16
    static let tid = 20
    static let ppid = 24
    static let uid = 28
    static let gid = 32
    static let euid = 36
    static let egid = 40
    static let auxPID = 44
    static let auxTGID = 48
    static let pathLength = 52
    static let secondPathLength = 54
    static let result = 56
    static let cgroupID = 64
    static let arguments = 72
    static let argumentCount = 6
    static let addressFamily = 120
    static let socketType = 122
    static let localPort = 124
    static let remotePort = 126
    static let localAddress = 128
    static let remoteAddress = 144
    static let comm = 160
    static let commLength = 16
    static let cgroupName = 176
    static let cgroupNameLength = 80
    static let aux = 256
    static let auxLength = 32
    static let path = 288
    static let pathCapacity = 256
    static let secondPath = 544
    static let capEffective = 544
    static let capPermitted = 552
    static let capInheritable = 560
    static let loginUID = 568
    static let tty = 572
    static let sid = 576
    static let vpid = 580
    static let execFlags = 584
    static let argvLength = 588
    static let argv = 592
    static let argvCapacity = 4096

    /// `SENSOR_EXEC_FROM_MEMFD`.
    static let execFromMemfd: UInt32 = 1

    /// The named offsets and sizes, keyed by their `SENSOR_OFFSET_*` / `SENSOR_SIZE_*` names in the C header.
    public static let cDefinitions: [String: Int] = [
        "SENSOR_SIZE_EVENT": size, "SENSOR_SIZE_EVENT2": sizeWithSecondPath, "SENSOR_SIZE_EXEC_EVENT": execSize,
        "SENSOR_OFFSET_ABI_VERSION": abiVersionOffset, "SENSOR_OFFSET_KIND": kind, "SENSOR_OFFSET_NR": syscallNumber,
        "SENSOR_OFFSET_TIMESTAMP": timestamp, "SENSOR_OFFSET_PID": pid, "SENSOR_OFFSET_TID": tid,
        "SENSOR_OFFSET_PPID": ppid, "SENSOR_OFFSET_UID": uid, "SENSOR_OFFSET_GID": gid, "SENSOR_OFFSET_EUID": euid,
        "SENSOR_OFFSET_EGID": egid, "SENSOR_OFFSET_AUX_PID": auxPID, "SENSOR_OFFSET_AUX_TGID": auxTGID,
        "SENSOR_OFFSET_PATH_LEN": pathLength, "SENSOR_OFFSET_PATH2_LEN": secondPathLength,
        "SENSOR_OFFSET_RET": result, "SENSOR_OFFSET_CGROUP_ID": cgroupID, "SENSOR_OFFSET_ARGS": arguments,
        "SENSOR_OFFSET_SA_FAMILY": addressFamily, "SENSOR_OFFSET_SOCK_TYPE": socketType,
        "SENSOR_OFFSET_LOCAL_PORT": localPort, "SENSOR_OFFSET_REMOTE_PORT": remotePort,
        "SENSOR_OFFSET_LOCAL_ADDR": localAddress, "SENSOR_OFFSET_REMOTE_ADDR": remoteAddress,
        "SENSOR_OFFSET_COMM": comm, "SENSOR_OFFSET_CGROUP_NAME": cgroupName, "SENSOR_OFFSET_AUX": aux,
        "SENSOR_OFFSET_PATH": path, "SENSOR_OFFSET_PATH2": secondPath,
        "SENSOR_OFFSET_CAP_EFFECTIVE": capEffective, "SENSOR_OFFSET_CAP_PERMITTED": capPermitted,
        "SENSOR_OFFSET_CAP_INHERITABLE": capInheritable, "SENSOR_OFFSET_LOGINUID": loginUID,
        "SENSOR_OFFSET_TTY": tty, "SENSOR_OFFSET_SID": sid, "SENSOR_OFFSET_VPID": vpid,
        "SENSOR_OFFSET_EXEC_FLAGS": execFlags, "SENSOR_OFFSET_ARGV_LEN": argvLength, "SENSOR_OFFSET_ARGV": argv,
        "SENSOR_ARGV_LEN": argvCapacity, "SENSOR_PATH_LEN": pathCapacity, "SENSOR_COMM_LEN": commLength,
        "SENSOR_CGROUP_LEN": cgroupNameLength, "SENSOR_AUX_LEN": auxLength, "SENSOR_ABI_VERSION": Int(abiVersion),
    ]
}
