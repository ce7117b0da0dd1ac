/// What produced a raw sensor record (`enum sensor_kind` in `sensor_event.h`).
public enum SensorRecordKind: UInt16, Sendable, Hashable, CaseIterable {
    /// A traced system call; enter and exit paired in the kernel, ``SensorRecord/syscallNumber`` says which.
    case syscall = 1
    /// `sched_process_exec`: ``SensorRecord/path`` is the executed file, ``SensorRecord/exec`` the new program.
    case processExec = 2
    /// `sched_process_fork`: ``SensorRecord/childTID`` and ``SensorRecord/childPID`` name the new task.
    case processFork = 3
    /// `sched_process_exit`: ``SensorRecord/result`` is the exit code.
    case processExit = 4
}
