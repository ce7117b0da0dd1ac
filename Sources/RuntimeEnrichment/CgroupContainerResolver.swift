import RuntimeEvents
import RuntimeInventory
import SensorRecords

/// The container of a process from its `/proc/<pid>/cgroup` entries, through the same rule the sensor uses
/// (`SensorEventMapper.container(cgroupName:)`).
enum CgroupContainerResolver {
    /// The first entry whose path (or, failing that, last path component) names a container; the host when
    /// none does.
    static func container(of entries: [ProcCgroupEntry]) -> ContainerInfo {
        for entry in entries where entry.path != "/" {
            let whole = SensorEventMapper.container(cgroupName: entry.path)
            if !whole.isHost { return whole }
            let leaf = SensorEventMapper.container(cgroupName: entry.leafName)
            if !leaf.isHost { return leaf }
        }
        return .host
    }
}
