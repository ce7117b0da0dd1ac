/// Byte offsets of `struct sensor_event` (`Sources/KernelSensor/BPF/sensor_event.h`): the ABI between the BPF
/// program and this decoder. Both sides change together, with ``abiVersion``.
public enum SensorRecordLayout {
    /// `SENSOR_ABI_VERSION`.
    public static let abiVersion: UInt16 = 1
    /// `sizeof(struct sensor_event)`.
    public static let size = 448

    static let abiVersionOffset = 0
    static let kind = 2
    static let syscallNumber = 4
    static let timestamp = 8
    static let pid = 16
    static let tid = 20
    static let ppid = 24
    static let uid = 28
    static let gid = 32
    static let auxPID = 36
    static let auxTGID = 40
    static let pathLength = 44
    static let result = 48
    static let flags = 56
    static let cgroupID = 64
    static let addressFamily = 72
    static let port = 74
    static let mode = 76
    static let address = 80
    static let comm = 96
    static let commLength = 16
    static let cgroupName = 112
    static let cgroupNameLength = 80
    static let path = 192
    static let pathCapacity = 256
}
