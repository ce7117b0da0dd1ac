/// Linux capability names as Docker accepts them (`SYS_ADMIN`, `CAP_SYS_ADMIN`, `sys_admin`).
enum Capabilities {
    /// Docker's default capability set (CIS Docker Benchmark 5.4).
    static let dockerDefault: Set<String> = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]

    /// `cap_sys_admin` → `SYS_ADMIN`.
    static func normalized(_ name: String) -> String {
        let upper = name.uppercased().trimmingSpaces()
        return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
    }

    /// Normalised names of `list`.
    static func normalized(_ list: [String]?) -> [String] { (list ?? []).map { normalized($0) } }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
