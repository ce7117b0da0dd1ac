/// Validators for the typed labels of a label schema (DL3052–DL3058), matching the libraries
/// hadolint uses: network-uri's `parseURI`, timerep's RFC 3339 parser, semver's `fromText` and
/// email-validate's `isValid`. Their behaviour was checked case by case against hadolint 2.15.1.
enum LabelValueFormats {
    // MARK: - Character classes (ASCII)

    private static func isAlpha(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
    private static func isUnreserved(_ c: UInt8) -> Bool {
        isAlpha(c) || isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_")
            || c == UInt8(ascii: "~")
    }
    private static func isSubDelim(_ c: UInt8) -> Bool { "!$&'()*+,;=".utf8.contains(c) }

    // MARK: - Git hash (DL3055)

    /// 7 or 40 lower-case hexadecimal digits.
    static func isGitHash(_ value: String) -> Bool {
        let u = Array(value.utf8)
        return (u.count == 7 || u.count == 40) && u.allSatisfy { isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    // MARK: - URI (DL3052)

    /// An absolute URI per RFC 3986: `scheme:hier-part[?query][#fragment]`.
    static func isURI(_ value: String) -> Bool {
        let b = Array(value.utf8)
        var p = 0
        guard p < b.count, isAlpha(b[p]) else { return false }
        while p < b.count, isAlpha(b[p]) || isDigit(b[p]) || "+-.".utf8.contains(b[p]) { p += 1 }
        guard p < b.count, b[p] == UInt8(ascii: ":") else { return false }
        p += 1
        let slash = UInt8(ascii: "/")
        if p + 1 < b.count, b[p] == slash, b[p + 1] == slash {
            p += 2
            var end = p
            while end < b.count, !"/?#".utf8.contains(b[end]) { end += 1 }
            guard isAuthority(b[p..<end]) else { return false }
            p = end
        }
        // Path (abempty, absolute, rootless or empty): pchars and slashes.
        guard scanChars(b, &p, extra: "/") else { return false }
        if p < b.count, b[p] == UInt8(ascii: "?") {
            p += 1
            guard scanChars(b, &p, extra: "/?") else { return false }
        }
        if p < b.count, b[p] == UInt8(ascii: "#") {
            p += 1
            guard scanChars(b, &p, extra: "/?") else { return false }
        }
        return p == b.count
    }

    /// Advances over pchars (unreserved, pct-encoded, sub-delims, `:`, `@`) and `extra`; false on a
    /// bad percent escape.
    private static func scanChars(_ b: [UInt8], _ p: inout Int, extra: String) -> Bool {
        while p < b.count {
            let c = b[p]
            if c == UInt8(ascii: "%") {
                guard p + 2 < b.count, isHex(b[p + 1]), isHex(b[p + 2]) else { return false }
                p += 3
            } else if isUnreserved(c) || isSubDelim(c) || c == UInt8(ascii: ":") || c == UInt8(ascii: "@")
                || extra.utf8.contains(c)
            {
                p += 1
            } else {
                return true
            }
        }
        return true
    }

    /// `[userinfo@]host[:port]`.
    private static func isAuthority(_ a: ArraySlice<UInt8>) -> Bool {
        var host = a
        if let at = a.firstIndex(of: UInt8(ascii: "@")) {
            let userinfo = Array(a[a.startIndex..<at])
            var q = 0
            guard scanChars(userinfo, &q, extra: ""), q == userinfo.count else { return false }
            host = a[(at + 1)...]
        }
        var port: ArraySlice<UInt8> = []
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = Array(host[(host.startIndex + 1)..<close])
            guard isIPv6(literal) || isIPvFuture(literal) else { return false }
            let rest = host[(close + 1)...]
            if let first = rest.first {
                guard first == UInt8(ascii: ":") else { return false }
                port = rest.dropFirst()
            }
        } else {
            if let colon = host.firstIndex(of: UInt8(ascii: ":")) {
                port = host[(colon + 1)...]
                host = host[host.startIndex..<colon]
            }
            let name = Array(host)
            var q = 0
            while q < name.count {
                if name[q] == UInt8(ascii: "%") {
                    guard q + 2 < name.count, isHex(name[q + 1]), isHex(name[q + 2]) else { return false }
                    q += 3
                } else if isUnreserved(name[q]) || isSubDelim(name[q]) {
                    q += 1
                } else {
                    return false
                }
            }
        }
        return port.allSatisfy(isDigit)
    }

    /// `v` + one hex digit + `.` + unreserved or sub-delims characters (network-uri's reading).
    private static func isIPvFuture(_ b: [UInt8]) -> Bool {
        guard b.count >= 4, b[0] == UInt8(ascii: "v"), isHex(b[1]), b[2] == UInt8(ascii: ".") else { return false }
        return b[3...].allSatisfy { isUnreserved($0) || isSubDelim($0) }
    }

    /// An IPv6 address (RFC 4291 text form, optionally ending in dotted IPv4).
    static func isIPv6(_ bytes: [UInt8]) -> Bool {
        var b = bytes
        // RFC 6874 zone id: `%25` followed by unreserved characters or percent escapes.
        if let percent = b.firstIndex(of: UInt8(ascii: "%")) {
            let zone = Array(b[percent...])
            guard zone.count > 3, zone[1] == UInt8(ascii: "2"), zone[2] == UInt8(ascii: "5") else { return false }
            var q = 3
            while q < zone.count {
                if zone[q] == UInt8(ascii: "%") {
                    guard q + 2 < zone.count, isHex(zone[q + 1]), isHex(zone[q + 2]) else { return false }
                    q += 3
                } else if isUnreserved(zone[q]) {
                    q += 1
                } else {
                    return false
                }
            }
            b = Array(b[..<percent])
        }
        let text = String(decoding: b, as: UTF8.self)
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count <= 2, !halves.contains(where: { $0.contains("::") }) else { return false }
        func groups(_ s: Substring, allowIPv4: Bool) -> Int? {
            if s.isEmpty { return 0 }
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            var count = 0
            for (i, part) in parts.enumerated() {
                if allowIPv4, i == parts.count - 1, part.contains(".") {
                    guard isIPv4(part) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(part.utf8.count), part.utf8.allSatisfy(isHex) else { return nil }
                    count += 1
                }
            }
            return count
        }
        if halves.count == 1 {
            return groups(halves[0], allowIPv4: true) == 8
        }
        guard let left = groups(halves[0], allowIPv4: false), let right = groups(halves[1], allowIPv4: true) else {
            return false
        }
        return left + right <= 7
    }

    private static func isIPv4(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                guard (1...3).contains(part.count), part.utf8.allSatisfy(isDigit), let n = Int(part) else {
                    return false
                }
                return n <= 255
            }
    }

    // MARK: - RFC 3339 (DL3053)

    /// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH[:]MM)`, `T`/`Z` in either case, blanks around allowed,
    /// calendar-checked (leap seconds allowed).
    static func isRFC3339(_ value: String) -> Bool {
        var b = ArraySlice(value.utf8)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        while let f = b.first, isSpace(f) { b = b.dropFirst() }
        while let l = b.last, isSpace(l) { b = b.dropLast() }
        let s = Array(b)
        var p = 0
        func digits(_ n: Int) -> Int? {
            guard p + n <= s.count, s[p..<(p + n)].allSatisfy(isDigit) else { return nil }
            defer { p += n }
            return s[p..<(p + n)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        func expect(_ c: Character) -> Bool {
            guard p < s.count, let a = c.asciiValue, s[p] | 0x20 == a | 0x20 else { return false }
            p += 1
            return true
        }
        var negative = false
        if p < s.count, s[p] == UInt8(ascii: "-") {
            negative = true
            p += 1
        }
        let yearStart = p
        while p < s.count, isDigit(s[p]) { p += 1 }
        guard p > yearStart, p - yearStart <= 18 else { return false }
        let year = (s[yearStart..<p].reduce(0) { $0 * 10 + Int($1 - 0x30) }) * (negative ? -1 : 1)
        guard expect("-"), let month = digits(2), expect("-"), let day = digits(2), expect("T"),
            let hour = digits(2), expect(":"), let minute = digits(2), expect(":"), let second = digits(2)
        else { return false }
        if p < s.count, s[p] == UInt8(ascii: ".") {
            p += 1
            while p < s.count, isDigit(s[p]) { p += 1 }
        }
        if expect("Z") {
            // UTC
        } else if p < s.count, s[p] == UInt8(ascii: "+") || s[p] == UInt8(ascii: "-") {
            p += 1
            guard digits(2) != nil else { return false }
            if p < s.count, s[p] == UInt8(ascii: ":") { p += 1 }
            guard digits(2) != nil else { return false }
        } else {
            return false
        }
        guard p == s.count else { return false }
        guard (1...12).contains(month), hour <= 23, minute <= 59, second <= 60 else { return false }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day >= 1 && day <= days[month - 1]
    }

    // MARK: - Semantic version (DL3056)

    /// `MAJOR.MINOR.PATCH[-pre][+build]` as the semver library reads it: leading zeros allowed,
    /// identifiers of `[0-9A-Za-z-]` separated by dots, an empty or dot-terminated list allowed.
    static func isSemVer(_ value: String) -> Bool {
        let b = Array(value.utf8)
        var p = 0
        for i in 0..<3 {
            if i > 0 {
                guard p < b.count, b[p] == UInt8(ascii: ".") else { return false }
                p += 1
            }
            let start = p
            while p < b.count, isDigit(b[p]) { p += 1 }
            guard p > start else { return false }
        }
        func identifiers() {
            while true {
                let start = p
                while p < b.count, isAlpha(b[p]) || isDigit(b[p]) || b[p] == UInt8(ascii: "-") { p += 1 }
                guard p > start else { return }
                if p < b.count, b[p] == UInt8(ascii: ".") { p += 1 }
            }
        }
        if p < b.count, b[p] == UInt8(ascii: "-") {
            p += 1
            identifiers()
        }
        if p < b.count, b[p] == UInt8(ascii: "+") {
            p += 1
            identifiers()
        }
        return p == b.count
    }

    // MARK: - E-mail address (DL3058)

    /// An RFC 5322 addr-spec as email-validate 2.3 accepts it: dot-atom or quoted local part of at
    /// most 64 octets, comments and folding white space around atoms, a host name (labels of
    /// letters, digits and inner hyphens, at most 63 octets each, optional final dot, at most 253
    /// octets) or a domain literal, and at most 254 octets overall.
    static func isEmail(_ value: String) -> Bool {
        var parser = EmailParser(Array(value.utf8))
        return parser.parse()
    }

    private struct EmailParser {
        let b: [UInt8]
        var p = 0

        init(_ bytes: [UInt8]) { b = bytes }

        mutating func parse() -> Bool {
            guard let local = dottedAtoms(), local.count <= 64 else { return false }
            guard eat(UInt8(ascii: "@")) else { return false }
            // The host-name reading wins whenever it succeeds; a literal is tried only otherwise.
            guard let domain = domainName() ?? domainLiteral() else { return false }
            return p == b.count && local.count + domain.count + 1 <= 254
        }

        mutating func eat(_ c: UInt8) -> Bool {
            guard p < b.count, b[p] == c else { return false }
            p += 1
            return true
        }

        static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
        static func isObsNoWsCtl(_ c: UInt8) -> Bool {
            (c >= 1 && c <= 8) || c == 11 || c == 12 || (c >= 14 && c <= 31) || c == 127
        }
        static func isWsp(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

        /// Folding white space; false when none.
        mutating func fws() -> Bool {
            let start = p
            if p < b.count, Self.isWsp(b[p]) {
                while p < b.count, Self.isWsp(b[p]) { p += 1 }
                let save = p
                if eat(0x0D), eat(0x0A), p < b.count, Self.isWsp(b[p]) {
                    while p < b.count, Self.isWsp(b[p]) { p += 1 }
                } else {
                    p = save
                }
                return true
            }
            while true {
                let save = p
                guard eat(0x0D), eat(0x0A), p < b.count, Self.isWsp(b[p]) else {
                    p = save
                    break
                }
                while p < b.count, Self.isWsp(b[p]) { p += 1 }
            }
            return p > start
        }

        mutating func quotedPair() -> Bool {
            guard p + 1 < b.count, b[p] == UInt8(ascii: "\\") else { return false }
            let c = b[p + 1]
            guard (c >= 0x21 && c <= 0x7E) || Self.isWsp(c) || c == 0x0A || c == 0x0D || Self.isObsNoWsCtl(c) || c == 0
            else { return false }
            p += 2
            return true
        }

        mutating func comment() -> Bool {
            let save = p
            guard eat(UInt8(ascii: "(")) else { return false }
            while true {
                if p < b.count, Self.isCommentText(b[p]) {
                    while p < b.count, Self.isCommentText(b[p]) { p += 1 }
                } else if quotedPair() || comment() || fws() {
                    continue
                } else {
                    break
                }
            }
            guard eat(UInt8(ascii: ")")) else {
                p = save
                return false
            }
            return true
        }

        static func isCommentText(_ c: UInt8) -> Bool {
            (c >= 33 && c <= 39) || (c >= 42 && c <= 91) || (c >= 93 && c <= 126) || isObsNoWsCtl(c)
        }

        mutating func cfws() {
            while comment() || fws() {}
        }

        static func isAtomText(_ c: UInt8) -> Bool { isAlnum(c) || "!#$%&'*+/=?^_`{|}~-".utf8.contains(c) }

        mutating func quotedString() -> [UInt8]? {
            let save = p
            guard eat(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = [UInt8(ascii: "\"")]
            while true {
                let before = p
                _ = fws()
                let contentStart = p
                if p < b.count, Self.isQuotedText(b[p]) {
                    while p < b.count, Self.isQuotedText(b[p]) { p += 1 }
                    out.append(contentsOf: b[contentStart..<p])
                } else if quotedPair() {
                    out.append(contentsOf: b[contentStart..<p])
                } else {
                    p = before
                    break
                }
            }
            _ = fws()
            guard eat(UInt8(ascii: "\"")) else {
                p = save
                return nil
            }
            out.append(UInt8(ascii: "\""))
            return out
        }

        static func isQuotedText(_ c: UInt8) -> Bool {
            c == 33 || (c >= 35 && c <= 91) || (c >= 93 && c <= 126) || isObsNoWsCtl(c)
        }

        /// One cfws-wrapped atom or quoted string.
        mutating func word() -> [UInt8]? {
            let save = p
            cfws()
            var value: [UInt8]
            if p < b.count, Self.isAtomText(b[p]) {
                let start = p
                while p < b.count, Self.isAtomText(b[p]) { p += 1 }
                value = Array(b[start..<p])
            } else if let q = quotedString() {
                value = q
            } else {
                p = save
                return nil
            }
            cfws()
            return value
        }

        mutating func dottedAtoms() -> [UInt8]? {
            guard var out = word() else { return nil }
            while true {
                let save = p
                guard eat(UInt8(ascii: ".")), let next = word() else {
                    p = save
                    break
                }
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: next)
            }
            return out
        }

        mutating func label() -> [UInt8]? {
            let save = p
            cfws()
            guard p < b.count, Self.isAlnum(b[p]) else {
                p = save
                return nil
            }
            let start = p
            p += 1
            while p < b.count, Self.isAlnum(b[p]) || b[p] == UInt8(ascii: "-") { p += 1 }
            let content = Array(b[start..<p])
            cfws()
            guard content.count <= 63, content.last != UInt8(ascii: "-") else {
                p = save
                return nil
            }
            return content
        }

        mutating func domainName() -> [UInt8]? {
            guard var out = label() else { return nil }
            while true {
                let save = p
                guard eat(UInt8(ascii: ".")), let next = label() else {
                    p = save
                    break
                }
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: next)
            }
            _ = eat(UInt8(ascii: "."))
            return out.count <= 253 ? out : nil
        }

        mutating func domainLiteral() -> [UInt8]? {
            let save = p
            cfws()
            guard eat(UInt8(ascii: "[")) else {
                p = save
                return nil
            }
            var out: [UInt8] = [UInt8(ascii: "[")]
            while true {
                let before = p
                _ = fws()
                guard p < b.count, Self.isDomainText(b[p]) else {
                    p = before
                    break
                }
                let start = p
                while p < b.count, Self.isDomainText(b[p]) { p += 1 }
                out.append(contentsOf: b[start..<p])
            }
            _ = fws()
            guard eat(UInt8(ascii: "]")) else {
                p = save
                return nil
            }
            cfws()
            out.append(UInt8(ascii: "]"))
            return out
        }

        static func isDomainText(_ c: UInt8) -> Bool {
            (c >= 33 && c <= 90) || (c >= 94 && c <= 126) || isObsNoWsCtl(c)
        }
    }
}
