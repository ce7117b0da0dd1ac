/// A line of a colon-separated account database (`/etc/passwd`, `/etc/group`, `/etc/shadow`).
struct AccountLine: Sendable, Hashable {
    /// 1-based line number.
    var lineNumber: Int
    var fields: [Substring]

    var name: Substring { fields.first ?? "" }
    /// Field 2: the password (or `x` / `!` / `*`).
    var password: Substring? { fields.count > 1 ? fields[1] : nil }
    /// Field 3 as a number: the UID of passwd, the GID of group.
    var numericID: Int? { fields.count > 2 ? Int(fields[2]) : nil }
}

/// Parses account databases leniently: blank lines, comments and NIS `+`/`-` entries are skipped, lines with
/// too few fields are kept (checks decide what they need), nothing throws.
enum AccountFile {
    static func lines(_ text: String) -> [AccountLine] {
        var result: [AccountLine] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            guard let first = line.first, first != "#", first != "+", first != "-" else { continue }
            result.append(
                AccountLine(lineNumber: number, fields: line.split(separator: ":", omittingEmptySubsequences: false))
            )
        }
        return result
    }

    /// UID of user `name` in `/etc/passwd` text.
    static func uid(of name: String, passwd: String) -> Int? {
        lines(passwd).first { $0.name == name }?.numericID
    }
}
