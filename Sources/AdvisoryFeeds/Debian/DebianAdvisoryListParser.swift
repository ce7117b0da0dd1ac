public import AdvisoryModel

/// Parses the Debian Security Tracker's `data/DSA/list` and `data/DLA/list` text files.
///
/// ```
/// [01 Apr 2023] DLA-3380-1 firmware-nonfree - security update
/// 	{CVE-2020-12362 CVE-2020-12363}
/// 	[buster] - firmware-nonfree 20190114+really20220913-0+deb10u1
/// 	[lenny] - vlc <not-affected> (Vulnerable code not present)
/// 	NOTE: fixed in testing at time of DSA
/// ```
///
/// One ``Advisory`` per CVE named in the document (id = the CVE, `related` = every DSA/DLA naming
/// it, `published` = the earliest of their dates as `YYYY-MM-DD`); an advisory naming no CVE becomes
/// one ``Advisory`` whose id is the DSA/DLA id. Each `[release] - package version` line becomes an
/// ``AffectedPackage`` with the range *introduced 0, fixed version*; `<not-affected>` →
/// ``AffectedStatus/notAffected``, `<end-of-life>` → ``AffectedStatus/endOfLife``, `<unfixed>`,
/// `<no-dsa>` and `<postponed>` → ``AffectedStatus/notFixed``, `<ignored>` →
/// ``AffectedStatus/willNotFix``. An entry whose title says `REJECTED` is marked withdrawn.
/// Unknown tags and unparsable versions are skipped with a reason; lines that fit no form are
/// malformed.
public struct DebianAdvisoryListParser: FeedParser {
    /// The `source` given to every advisory (`debian-dsa` or `debian-dla`).
    public let source: String

    /// Creates the parser.
    public init(source: String) {
        self.source = source
    }

    /// True for the file names this parser reads (see the type documentation).
    public func accepts(path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name == "list" || name.hasSuffix("-list.txt") || name.hasSuffix("-list")
    }

    /// Parses one document; malformed input throws ``FeedError`` naming the file and the field or line.
    public func parse(_ document: FeedDocument) throws(FeedError) -> FeedRecords {
        var state = ParseState(path: document.path, source: source)
        var lineNumber = 0
        var start = 0
        let bytes = document.bytes
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = String(decoding: bytes[start..<lineEnd], as: UTF8.self)
            try state.consume(line: line, number: lineNumber)
            start = end + 1
        }
        state.flush()
        return FeedRecords(advisories: state.advisories, skipped: state.skipped)
    }

    /// One DSA/DLA entry being read.
    private struct Entry {
        var id: String
        var date: String?
        var title: String
        var withdrawn: Bool
        var cves: [String] = []
        var affected: [AffectedPackage] = []
    }

    private struct ParseState {
        let path: String
        let source: String
        var current: Entry?
        var advisories: [Advisory] = []
        var indexByID: [String: Int] = [:]
        var skipped: [String] = []

        init(path: String, source: String) {
            self.path = path
            self.source = source
        }

        private func malformed(_ number: Int, _ reason: String) -> FeedError {
            FeedError(.malformed, path: path, reason: "line \(number): \(reason)")
        }

        mutating func consume(line: String, number: Int) throws(FeedError) {
            guard let first = line.unicodeScalars.first else { return }
            if first == "[" {
                flush()
                current = try header(line, number: number)
                return
            }
            let body = line.trimmingFeedWhitespace
            if body.isEmpty { return }
            guard first == " " || first == "\t" else {
                throw malformed(number, "expected an entry header \"[dd Mon yyyy] DSA-…\" or an indented line")
            }
            guard current != nil else { throw malformed(number, "indented line before the first entry header") }
            if body.hasPrefix("{") {
                guard body.hasSuffix("}") else { throw malformed(number, "CVE list without a closing '}'") }
                let ids = body.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                for id in ids where !(current?.cves.contains(String(id)) ?? true) {
                    current?.cves.append(String(id))
                }
            } else if body.hasPrefix("[") {
                if let package = try affectedLine(body, number: number) { current?.affected.append(package) }
            } else if body.hasPrefix("NOTE:") {
                return
            } else {
                throw malformed(number, "unrecognised line \"\(body.prefix(60))\"")
            }
        }

        /// `[dd Mon yyyy] ID package - title`
        private func header(_ line: String, number: Int) throws(FeedError) -> Entry {
            guard let close = line.firstIndex(of: "]") else { throw malformed(number, "entry header without ']'") }
            let dateText = line[line.index(after: line.startIndex)..<close]
            let rest = line[line.index(after: close)...].trimmingFeedWhitespace
            let words = rest.split(separator: " ", maxSplits: 1)
            guard let id = words.first, id.hasPrefix("D") || id.contains("-") else {
                throw malformed(number, "entry header without an advisory id")
            }
            let title = words.count > 1 ? String(words[1]) : ""
            return Entry(
                id: String(id),
                date: Self.isoDate(dateText),
                title: title,
                withdrawn: title.contains("REJECTED")
            )
        }

        /// `[release] - package version-or-<tag> (notes)`
        private mutating func affectedLine(_ body: String, number: Int) throws(FeedError) -> AffectedPackage? {
            guard let close = body.firstIndex(of: "]") else { throw malformed(number, "release line without ']'") }
            let release = body[body.index(after: body.startIndex)..<close].trimmingFeedWhitespace.lowercased()
            let words = body[body.index(after: close)...].split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !release.isEmpty, words.count >= 3, words[0] == "-" else {
                throw malformed(number, "expected \"[release] - package version\"")
            }
            let key = PackageKey(ecosystem: .debian, release: release, name: String(words[1]))
            let version = String(words[2])
            if version.hasPrefix("<") {
                let status: AffectedStatus
                switch version {
                case "<not-affected>": status = .notAffected
                case "<end-of-life>": status = .endOfLife
                case "<unfixed>", "<no-dsa>", "<postponed>": status = .notFixed
                case "<ignored>": status = .willNotFix
                default:
                    skipped.append("\(path): line \(number): unknown tag \(version)")
                    return nil
                }
                return AffectedPackage(key: key, status: status)
            }
            do {
                try VersionScheme.dpkg.validate(version)
            } catch {
                skipped.append("\(path): line \(number): unparsable version \"\(version)\" (\(error))")
                return nil
            }
            return AffectedPackage(
                key: key,
                ranges: [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(version)])]
            )
        }

        /// Ends the current entry, merging it into the advisories.
        mutating func flush() {
            guard let entry = current else { return }
            current = nil
            let ids = entry.cves.isEmpty ? [entry.id] : entry.cves
            for id in ids {
                let index: Int
                if let existing = indexByID[id] {
                    index = existing
                } else {
                    index = advisories.count
                    indexByID[id] = index
                    advisories.append(
                        Advisory(id: id, source: source, summary: entry.title.isEmpty ? nil : entry.title)
                    )
                }
                if id != entry.id, !advisories[index].related.contains(entry.id) {
                    advisories[index].related.append(entry.id)
                }
                if let date = entry.date, advisories[index].published.map({ date < $0 }) ?? true {
                    advisories[index].published = date
                }
                if entry.withdrawn, advisories[index].withdrawn == nil {
                    advisories[index].withdrawn = entry.date ?? ""
                }
                advisories[index].affected += entry.affected
            }
        }

        private static let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]

        /// `01 Apr 2023` → `2023-04-01`; nil when the date is not in that form.
        static func isoDate(_ text: Substring) -> String? {
            let parts = text.split(separator: " ")
            guard parts.count == 3, let day = Int(parts[0]), (1...31).contains(day),
                let month = months.firstIndex(of: String(parts[1])), parts[2].count == 4, Int(parts[2]) != nil
            else { return nil }
            let dayText = day < 10 ? "0\(day)" : "\(day)"
            let monthText = month < 9 ? "0\(month + 1)" : "\(month + 1)"
            return "\(parts[2])-\(monthText)-\(dayText)"
        }
    }
}
