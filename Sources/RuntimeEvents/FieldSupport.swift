/// Helpers shared by the field extractors: time text, errno names, globs, paths and ancestry.
enum FieldSupport {
    /// `YYYY-MM-DD`, `HH:MM:SS` and the 9-digit nanoseconds of a Unix time in nanoseconds (UTC).
    static func civil(_ nanoseconds: UInt64) -> (date: String, time: String, fraction: String) {
        let seconds = Int64(nanoseconds / 1_000_000_000)
        let fraction = nanoseconds % 1_000_000_000
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        // Civil-from-days (proleptic Gregorian), valid for any non-negative day count.
        let z = days + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        let time = "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        return (date, time, pad(Int64(fraction), 9))
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Linux errno names by number.
    static let errnoNames: [Int64: String] = [
        1: "EPERM", 2: "ENOENT", 3: "ESRCH", 4: "EINTR", 5: "EIO", 6: "ENXIO", 7: "E2BIG", 8: "ENOEXEC",
        9: "EBADF", 10: "ECHILD", 11: "EAGAIN", 12: "ENOMEM", 13: "EACCES", 14: "EFAULT", 15: "ENOTBLK",
        16: "EBUSY", 17: "EEXIST", 18: "EXDEV", 19: "ENODEV", 20: "ENOTDIR", 21: "EISDIR", 22: "EINVAL",
        23: "ENFILE", 24: "EMFILE", 25: "ENOTTY", 26: "ETXTBSY", 27: "EFBIG", 28: "ENOSPC", 29: "ESPIPE",
        30: "EROFS", 31: "EMLINK", 32: "EPIPE", 33: "EDOM", 34: "ERANGE", 35: "EDEADLK", 36: "ENAMETOOLONG",
        37: "ENOLCK", 38: "ENOSYS", 39: "ENOTEMPTY", 40: "ELOOP", 61: "ENODATA", 75: "EOVERFLOW",
        88: "ENOTSOCK", 89: "EDESTADDRREQ", 90: "EMSGSIZE", 91: "EPROTOTYPE", 92: "ENOPROTOOPT",
        93: "EPROTONOSUPPORT", 95: "EOPNOTSUPP", 97: "EAFNOSUPPORT", 98: "EADDRINUSE", 99: "EADDRNOTAVAIL",
        100: "ENETDOWN", 101: "ENETUNREACH", 103: "ECONNABORTED", 104: "ECONNRESET", 105: "ENOBUFS",
        106: "EISCONN", 107: "ENOTCONN", 110: "ETIMEDOUT", 111: "ECONNREFUSED", 113: "EHOSTUNREACH",
        114: "EALREADY", 115: "EINPROGRESS", 122: "EDQUOT",
    ]

    /// Falco's `evt.res`: `SUCCESS` for a non-negative result, else the errno name (or the number).
    static func resultText(_ result: Int64) -> String {
        guard result < 0 else { return "SUCCESS" }
        let errno = result == Int64.min ? Int64.max : -result
        return errnoNames[errno] ?? String(result)
    }

    /// Shell-style match with `*` and `?` (iterative, linear backtracking).
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let t = Array(text.unicodeScalars)
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// The directory part of a path (`/etc` for `/etc/shadow`, `/` for `/x`), or the path for a directory.
    /// A file descriptor's name as Falco's `fd.name` gives it: file and directory paths made absolute against
    /// `cwd` and with `.`, `..` and repeated `/` resolved lexically; other names (sockets, pipes) unchanged.
    static func resolvedName(_ fd: FileDescriptorInfo, cwd: String?) -> String {
        guard fd.kind == .file || fd.kind == .directory, !fd.name.isEmpty else { return fd.name }
        if isCleanAbsolutePath(fd.name) { return fd.name }
        if fd.name.hasPrefix("/") { return PathResolution.resolve(fd.name, against: nil) }
        // `<UNKNOWN>/…`: relative to a directory descriptor the table did not know, not to the working directory.
        guard let cwd, cwd.hasPrefix("/"), !fd.name.hasPrefix(PathResolution.unknownDirectory) else { return fd.name }
        return PathResolution.resolve(fd.name, against: cwd)
    }

    /// True for an absolute path that lexical resolution leaves unchanged: no empty, `.` or `..` component
    /// and no trailing `/` (except `/` itself).
    static func isCleanAbsolutePath(_ path: String) -> Bool {
        if let clean = path.utf8.withContiguousStorageIfAvailable({ isCleanAbsolutePath($0) }) { return clean }
        return Array(path.utf8).withUnsafeBufferPointer { isCleanAbsolutePath($0) }
    }

    static func isCleanAbsolutePath(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        guard let first = bytes.first, first == slash else { return false }
        if bytes.count == 1 { return true }
        if bytes[bytes.count - 1] == slash { return false }
        var componentStart = 1
        var index = 1
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == slash {
                let length = index - componentStart
                if length == 0 { return false }
                if length == 1, bytes[componentStart] == dot { return false }
                if length == 2, bytes[componentStart] == dot, bytes[componentStart + 1] == dot { return false }
                componentStart = index + 1
            }
            index += 1
        }
        return true
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last path component.
    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The thread of the `n`-th ancestor: 0 is the event's own thread, 1 its parent (looked up by the event's
    /// `ppid`), and so on through the table.
    static func ancestor(_ event: RuntimeEvent, _ table: ProcessTable, _ n: Int) -> ThreadInfo? {
        if n == 0 { return event.thread }
        // The parent, known and not the process itself, then its (n-1)-th ancestor; only that thread is copied.
        let ppid = event.thread.ppid
        guard n > 0, ppid != event.thread.pid else { return nil }
        return table.ancestorThread(of: ppid, generation: n - 1)
    }

    /// All known ancestors, parent first.
    static func ancestors(_ event: RuntimeEvent, _ table: ProcessTable) -> [ThreadInfo] {
        guard let parent = table.process(event.thread.ppid), parent.pid != event.thread.pid else { return [] }
        return [parent.thread] + table.ancestors(of: parent.pid).map(\.thread).filter { $0.pid != event.thread.pid }
    }

    /// An ancestor by index, or all ancestors as a list, mapped by `value`.
    static func ancestorField(
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        _ argument: FieldArgument?,
        _ value: (ThreadInfo) -> FieldValue
    ) -> FieldValue? {
        if case .index(let n) = argument { return ancestor(event, table, n).map(value) }
        let all = ancestors(event, table)
        return all.isEmpty ? nil : .list(all.map(value))
    }

    /// The descriptor an event is about: the event's own, else the table's entry for its `fd` argument.
    static func descriptor(_ event: RuntimeEvent, _ table: ProcessTable) -> FileDescriptorInfo? {
        if let fd = event.fd { return fd }
        guard let number = event.argument("fd")?.integerValue else { return nil }
        return table.fileDescriptor(number, of: event.thread.pid)
    }

    /// True when `command` equals the process's `exe` + `args` (or `exePath` + `args`).
    static func runs(_ thread: ThreadInfo, _ command: [String]?) -> Bool {
        guard let command, let first = command.first else { return false }
        let rest = Array(command.dropFirst())
        return thread.args == rest && (thread.exe == first || thread.exePath == first || thread.comm == first)
    }
}
