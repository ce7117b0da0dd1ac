internal import CLibBPF
import Foundation
import SensorRecords

/// One program of the sensor's BPF object and what it serves, read from its ELF section name.
struct SensorProgram {
    /// When the program is attached.
    enum Role: Equatable {
        /// Always (the scheduler tracepoints: process state).
        case always
        /// While the syscall with this number is traced (`tracepoint/syscalls/sys_{enter,exit}_NAME`).
        case syscall(UInt32)
        /// While some traced syscall has no trace event and the raw fallback is on (`tp_btf/sys_exit`).
        case rawFallback
    }

    /// libbpf's program.
    let handle: OpaquePointer
    /// The program's name in the object.
    let name: String
    /// The trace event of a syscall program (`sys_exit_openat`), nil for the others.
    let traceEvent: String?
    let role: Role

    private static let syscallSectionPrefix = "tracepoint/syscalls/"

    /// Every program of `object`, classified. Throws when a syscall program names a syscall the sensor does not
    /// know (the object and ``SyscallNumbers`` disagree).
    static func all(in object: OpaquePointer) throws(KernelSensorError) -> [SensorProgram] {
        var programs: [SensorProgram] = []
        var current = bpf_object__next_program(object, nil)
        while let handle = current {
            let name = String(cString: bpf_program__name(handle))
            let section = String(cString: bpf_program__section_name(handle))
            programs.append(try SensorProgram(handle: handle, name: name, section: section))
            current = bpf_object__next_program(object, handle)
        }
        return programs
    }

    private init(handle: OpaquePointer, name: String, section: String) throws(KernelSensorError) {
        self.handle = handle
        self.name = name
        if section.hasPrefix(Self.syscallSectionPrefix) {
            let event = String(section.dropFirst(Self.syscallSectionPrefix.count))
            let syscall = event.hasPrefix("sys_exit_") ? event.dropFirst(9) : event.dropFirst(10)
            guard event.hasPrefix("sys_exit_") || event.hasPrefix("sys_enter_"),
                let number = SyscallNumbers.numbersByTraceEventName[String(syscall)]
            else {
                throw KernelSensorError(
                    code: .objectInvalid,
                    message: "the BPF program \(name) is on \(section), a syscall the sensor does not know"
                )
            }
            traceEvent = event
            role = .syscall(number)
        } else {
            traceEvent = nil
            role = section == "tp_btf/sys_exit" ? .rawFallback : .always
        }
    }

    /// The syscalls whose every program has its trace event on this kernel (tracefs `events/syscalls/`).
    static func availableSyscalls(_ programs: [SensorProgram]) -> Set<UInt32> {
        var available: Set<UInt32> = []
        var missing: Set<UInt32> = []
        let directory = SensorSupport.syscallEventsDirectory
        for program in programs {
            guard case .syscall(let number) = program.role, let event = program.traceEvent else { continue }
            if let directory, FileManager.default.fileExists(atPath: directory + "/" + event) {
                available.insert(number)
            } else {
                missing.insert(number)
            }
        }
        return available.subtracting(missing)
    }
}
