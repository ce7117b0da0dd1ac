import DockerfileSyntax

/// How hadolint's Dockerfile parser reads the arguments of some instructions, re-implemented on
/// ``Instruction/logicalText`` so that the parity rules in this folder see the same values hadolint
/// sees (trailing blanks kept, quotes kept where hadolint keeps them, `localhost:5000/app` read as
/// image `localhost` with tag `5000/app`, …).
///
/// Every reader returns nil where hadolint would reject the instruction (it then reports a parse
/// error and nothing else), so rules skip such instructions.
enum HadolintArguments {
    // MARK: - Characters

    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let doubleQuote = UInt8(ascii: "\"")
    static let singleQuote = UInt8(ascii: "'")

    /// Space or tab.
    static func isBlank(_ c: UInt8) -> Bool { c == space || c == tab }

    /// Space, tab or line feed.
    static func isWhitespace(_ c: UInt8) -> Bool { c == space || c == tab || c == newline }

    static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Plain text arguments

    /// The text after the keyword and the blanks that follow it, up to the end of the logical line,
    /// trailing blanks included (hadolint's reading of `USER`, `WORKDIR`, `MAINTAINER`, `ARG`, …).
    static func restOfLine(_ instruction: Instruction) -> String {
        let b = Array(instruction.logicalText.utf8)
        var p = 0
        while p < b.count, !isBlank(b[p]) { p += 1 }
        while p < b.count, isBlank(b[p]) { p += 1 }
        return string(b[p...])
    }

    /// A text without one layer of surrounding `"` and `'` characters (hadolint's `dropQuotes`,
    /// which strips any run of quote characters at both ends).
    static func dropQuotes(_ text: String) -> String {
        var s = Substring(text)
        while let f = s.first, f == "\"" || f == "'" { s = s.dropFirst() }
        while let l = s.last, l == "\"" || l == "'" { s = s.dropLast() }
        return String(s)
    }

    /// `C:…` style paths.
    static func isWindowsAbsolute(_ path: String) -> Bool {
        let chars = Array(path.prefix(2))
        return chars.count == 2 && chars[0].isLetter && chars[1] == ":"
    }

    /// The suffixes hadolint treats as archives (`ADD` extracts them).
    static let archiveExtensions = [
        ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz",
        ".txz", ".xz",
    ]

    /// True when `path` (quotes dropped) ends in one of ``archiveExtensions``.
    static func isArchive(_ path: String) -> Bool {
        let p = dropQuotes(path)
        return archiveExtensions.contains { p.hasSuffix($0) }
    }

    /// True when `path` (quotes dropped) starts with `http://` or `https://`.
    static func isURL(_ path: String) -> Bool {
        let p = dropQuotes(path)
        return p.hasPrefix("https://") || p.hasPrefix("http://")
    }

    // MARK: - ARG

    /// The (first) name an `ARG` declares, as hadolint reads it.
    static func argumentName(_ instruction: Instruction) -> String? {
        guard instruction.kind == .arg else { return nil }
        let rest = restOfLine(instruction)
        let name = rest.utf8.prefix { !isWhitespace($0) && $0 != UInt8(ascii: "=") }
        if name.isEmpty { return rest.isEmpty ? nil : rest }
        return string(ArraySlice(name))
    }

    // MARK: - FROM

    /// A `FROM` as hadolint reads it.
    struct BaseImage: Hashable {
        /// `--platform=` value as written.
        var platform: String?
        /// Registry, only when the first path component contains a dot (`gcr.io`).
        var registry: String?
        /// Image name without registry, tag or digest (`library/alpine`).
        var name: String
        var tag: String?
        var digest: String?
        /// The `AS` name, as written.
        var alias: String?

        /// The alias when there is one, else the image name (how hadolint names a stage).
        var stageName: String { alias ?? name }
    }

    /// The parts of a `FROM` (or nil when hadolint could not parse it).
    static func baseImage(_ instruction: Instruction) -> BaseImage? {
        guard instruction.kind == .from else { return nil }
        let b = Array(restOfLine(instruction).utf8)
        var p = 0
        var platform: String? = nil
        let platformFlag = Array("--platform=".utf8)
        if b.count >= platformFlag.count, Array(b[0..<platformFlag.count]) == platformFlag {
            p = platformFlag.count
            let start = p
            while p < b.count, !isWhitespace(b[p]) { p += 1 }
            guard p > start, p < b.count else { return nil }
            platform = string(b[start..<p])
            while p < b.count, isBlank(b[p]) { p += 1 }
        }
        if p + 1 < b.count, b[p] == UInt8(ascii: "-"), b[p + 1] == UInt8(ascii: "-") { return nil }
        // Registry: `domain.tld/` where the domain part is read up to the first dot.
        var registry: String? = nil
        var q = p
        if let domain = expandedRun(b, &q, stopAt: { $0 == UInt8(ascii: ".") }), q < b.count,
            b[q] == UInt8(ascii: ".")
        {
            q += 1
            if let tld = expandedRun(b, &q, stopAt: { $0 == UInt8(ascii: "/") }), q < b.count,
                b[q] == UInt8(ascii: "/")
            {
                registry = domain + "." + tld
                p = q + 1
            }
        }
        let tagOrDigest: (UInt8) -> Bool = { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: ":") }
        guard let name = expandedRun(b, &p, stopAt: tagOrDigest) else { return nil }
        var tag: String? = nil
        if p < b.count, b[p] == UInt8(ascii: ":") {
            p += 1
            guard let t = expandedRun(b, &p, stopAt: tagOrDigest) else { return nil }
            tag = t
        }
        var digest: String? = nil
        if p < b.count, b[p] == UInt8(ascii: "@") {
            let start = p + 1
            var e = start
            while e < b.count, !isWhitespace(b[e]), b[e] != UInt8(ascii: "@") { e += 1 }
            if e > start {
                digest = string(b[start..<e])
                p = e
            }
        }
        var alias: String? = nil
        var a = p
        while a < b.count, isBlank(b[a]) { a += 1 }
        if a > p, a + 2 < b.count, b[a] | 0x20 == UInt8(ascii: "a"), b[a + 1] | 0x20 == UInt8(ascii: "s"),
            isBlank(b[a + 2])
        {
            a += 2
            while a < b.count, isBlank(b[a]) { a += 1 }
            let start = a
            while a < b.count, !isWhitespace(b[a]) { a += 1 }
            if a > start { alias = string(b[start..<a]) }
        }
        return BaseImage(platform: platform, registry: registry, name: name, tag: tag, digest: digest, alias: alias)
    }

    /// Reads a run of characters up to whitespace or `stopAt`, treating `${…}` as opaque (so the
    /// `:` of `${X:-y}` does not end it). Nil when nothing was read.
    private static func expandedRun(_ b: [UInt8], _ p: inout Int, stopAt: (UInt8) -> Bool) -> String? {
        var out: [UInt8] = []
        let dollar = UInt8(ascii: "$")
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        while p < b.count {
            if b[p] == dollar {
                out.append(dollar)
                p += 1
                guard p < b.count, b[p] == open else { continue }
                out.append(open)
                p += 1
                var depth = 1
                while true {
                    while p < b.count, b[p] != open, b[p] != close, !isWhitespace(b[p]) {
                        out.append(b[p])
                        p += 1
                    }
                    guard p < b.count, b[p] == open || b[p] == close else { break }
                    out.append(b[p])
                    if b[p] == open {
                        depth += 1
                        p += 1
                    } else {
                        p += 1
                        if depth <= 1 { break }
                        depth -= 1
                    }
                }
                continue
            }
            let start = p
            while p < b.count, !isWhitespace(b[p]), !stopAt(b[p]), b[p] != dollar { p += 1 }
            if p == start { break }
            out.append(contentsOf: b[start..<p])
        }
        return out.isEmpty ? nil : string(out[...])
    }

    // MARK: - ENV and LABEL pairs

    /// One `key=value` of an `ENV` or `LABEL`, quotes removed as hadolint removes them.
    struct Pair: Hashable {
        var key: String
        var value: String
    }

    /// The pairs of an `ENV` or `LABEL` (nil when hadolint could not parse them).
    static func pairs(_ instruction: Instruction) -> [Pair]? {
        guard instruction.kind == .env || instruction.kind == .label else { return nil }
        let esc = instruction.escapeCharacter.asciiValue ?? UInt8(ascii: "\\")
        let b = Array(restOfLine(instruction).utf8)
        var p = 0
        var result: [Pair] = []
        while true {
            guard let key = singleValue(b, &p, escape: esc, accept: { $0 != UInt8(ascii: "=") }) else { return nil }
            let value: String
            if p < b.count, b[p] == UInt8(ascii: "=") {
                p += 1
                guard let v = singleValue(b, &p, escape: esc, accept: { !isBlank($0) }) else { return nil }
                value = v
            } else if p < b.count, isBlank(b[p]) {
                while p < b.count, isBlank(b[p]) { p += 1 }
                guard p < b.count else { return nil }
                value = string(b[p...])
                p = b.count
            } else {
                return nil
            }
            result.append(Pair(key: key, value: value))
            guard p < b.count, isBlank(b[p]) else { break }
            while p < b.count, isBlank(b[p]) { p += 1 }
            if p == b.count { break }
        }
        return p == b.count ? result : nil
    }

    /// A value made of quoted and unquoted pieces. Nil on an unterminated quote.
    private static func singleValue(_ b: [UInt8], _ p: inout Int, escape: UInt8, accept: (UInt8) -> Bool) -> String? {
        var out: [UInt8] = []
        while p < b.count {
            let c = b[p]
            if c == doubleQuote || c == singleQuote {
                p += 1
                out.append(contentsOf: escapedString(b, &p, escape: escape, quotes: [c], accept: { _ in true }))
                guard p < b.count, b[p] == c else { return nil }
                p += 1
                continue
            }
            let piece = escapedString(
                b,
                &p,
                escape: escape,
                quotes: [space, tab],
                accept: { accept($0) && $0 != doubleQuote && $0 != singleQuote }
            )
            if piece.isEmpty { break }
            out.append(contentsOf: piece)
        }
        return string(out[...])
    }

    /// Characters up to a quote character in `quotes`; an escape character before one of them
    /// yields that character, other escape characters are kept.
    private static func escapedString(
        _ b: [UInt8],
        _ p: inout Int,
        escape: UInt8,
        quotes: [UInt8],
        accept: (UInt8) -> Bool
    ) -> [UInt8] {
        var out: [UInt8] = []
        while p < b.count {
            let start = p
            while p < b.count, b[p] != escape, b[p] != newline, !quotes.contains(b[p]), accept(b[p]) { p += 1 }
            if p > start {
                out.append(contentsOf: b[start..<p])
                continue
            }
            guard p < b.count, b[p] == escape else { break }
            var e = p
            while e < b.count, b[e] == escape { e += 1 }
            if e < b.count, quotes.contains(b[e]) {
                guard p + 1 < b.count, quotes.contains(b[p + 1]) else { break }
                out.append(b[p + 1])
                p += 2
            } else {
                out.append(contentsOf: b[p..<e])
                p = e
            }
        }
        return out
    }

    // MARK: - COPY and ADD

    /// Sources and destination of a `COPY` or `ADD`, as hadolint reads them: exec-form strings
    /// decoded, shell-form words split at blanks with quotes kept.
    struct FileList: Hashable {
        var sources: [String]
        var target: String
        /// `--from` value as written (COPY only).
        var from: String?
    }

    /// The file list of a `COPY`/`ADD` (nil when hadolint would reject it).
    static func fileList(_ instruction: Instruction) -> FileList? {
        guard instruction.kind == .copy || instruction.kind == .add else { return nil }
        let from = instruction.kind == .copy ? instruction.flag("from") : nil
        var words: [String]
        switch instruction.form {
        case .exec(let items):
            words = items
        case .shell(let text):
            if instruction.kind == .copy, !instruction.heredocs.isEmpty {
                let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                let target = parts.filter { !$0.hasPrefix("<<") }.joined(separator: " ")
                guard !target.isEmpty else { return nil }
                return FileList(sources: instruction.heredocs.map(\.delimiter), target: target, from: from)
            }
            words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        }
        guard words.count >= 2, let target = words.last else { return nil }
        return FileList(sources: Array(words.dropLast()), target: target, from: from)
    }

    // MARK: - Top-level instructions

    /// The instructions hadolint's rules see (top level; ONBUILD triggers stay wrapped), with
    /// unknown instructions left out.
    static func instructions(_ all: [Instruction]) -> [Instruction] {
        all.filter { $0.kind != .unknown }
    }
}
