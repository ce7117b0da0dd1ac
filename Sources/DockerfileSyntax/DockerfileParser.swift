import SecurityModel

/// The line machine behind ``Dockerfile/init(parsing:)``. Works on UTF-8 bytes.
struct DockerfileParser {
    private let source: String
    private let bytes: [UInt8]
    /// Start offsets of physical lines; `lines[i]` is line i+1.
    private var lineStarts: [Int] = []
    private var escape: UInt8 = UInt8(ascii: "\\")

    init(source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") && i + 1 < bytes.count { starts.append(i + 1) }
        if bytes.isEmpty { starts = [] }
        self.lineStarts = starts
    }

    /// Byte range of line `i` (0-based index) including its newline.
    private func fullRange(_ i: Int) -> Range<Int> {
        let start = lineStarts[i]
        let end = i + 1 < lineStarts.count ? lineStarts[i + 1] : bytes.count
        return start..<end
    }

    /// Byte range of line `i` without its line break (`\n` or `\r\n`).
    private func contentRange(_ i: Int) -> Range<Int> {
        let r = fullRange(i)
        var end = r.upperBound
        if end > r.lowerBound, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > r.lowerBound, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return r.lowerBound..<end
    }

    private func isBlank(_ r: Range<Int>) -> Bool { bytes[r].allSatisfy { DockerfileWords.isSpace($0) } }

    private func isComment(_ r: Range<Int>) -> Bool {
        bytes[r].first { !DockerfileWords.isSpace($0) } == UInt8(ascii: "#")
    }

    private func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

    /// Scalar-based column of byte `offset` on the line starting at `lineStart`.
    private func column(of offset: Int, lineStart: Int) -> Int {
        var col = 1
        var i = lineStart
        while i < offset, i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return col
    }

    mutating func parse() -> Dockerfile {
        var nodes: [Dockerfile.Node] = []
        var instructions: [Instruction] = []
        var directives: [ParserDirective] = []
        var comments: [Dockerfile.Comment] = []
        var diagnostics: [SyntaxDiagnostic] = []
        var inDirectivePhase = true
        var i = 0
        while i < lineStarts.count {
            let content = contentRange(i)
            let full = fullRange(i)
            if inDirectivePhase, let directive = parseDirective(content, line: i + 1),
                !directives.contains(where: { $0.name == directive.name })
            {
                directives.append(directive)
                if directive.name == "escape" {
                    if directive.value == "`" {
                        escape = UInt8(ascii: "`")
                    } else if directive.value != "\\" {
                        diagnostics.append(
                            SyntaxDiagnostic(
                                code: "invalid-escape-directive",
                                message: "invalid escape directive '\(directive.value)': must be ` or \\",
                                range: SourceRange(lines: i + 1, i + 1)
                            )
                        )
                    }
                }
                nodes.append(.init(kind: .directive(directive), byteRange: full, line: i + 1))
                i += 1
                continue
            }
            inDirectivePhase = false
            if isBlank(content) {
                nodes.append(.init(kind: .blank, byteRange: full, line: i + 1))
                i += 1
                continue
            }
            if isComment(content) {
                let t = commentText(content)
                comments.append(.init(text: t, line: i + 1))
                nodes.append(.init(kind: .comment(t), byteRange: full, line: i + 1))
                i += 1
                continue
            }
            let (instruction, next, diags) = parseInstruction(startingAt: i, index: instructions.count)
            diagnostics.append(contentsOf: diags)
            let end = next < lineStarts.count ? lineStarts[next] : bytes.count
            nodes.append(
                .init(kind: .instruction(instructions.count), byteRange: lineStarts[i]..<end, line: i + 1)
            )
            instructions.append(instruction)
            i = next
        }
        return Dockerfile(
            source: source,
            nodes: nodes,
            instructions: instructions,
            directives: directives,
            comments: comments,
            diagnostics: diagnostics,
            escapeCharacter: Character(Unicode.Scalar(escape)),
            lineStarts: lineStarts
        )
    }

    private func commentText(_ r: Range<Int>) -> String {
        guard let hash = bytes[r].firstIndex(of: UInt8(ascii: "#")) else { return "" }
        return text((hash + 1)..<r.upperBound).trimmingSpaces
    }

    /// `# name=value` at the top of the file, with a known name.
    private func parseDirective(_ r: Range<Int>, line: Int) -> ParserDirective? {
        guard isComment(r) else { return nil }
        let body = commentText(r)
        guard let eq = body.firstIndex(of: "=") else { return nil }
        let name = String(body[..<eq]).trimmingSpaces.lowercased()
        guard ParserDirective.knownNames.contains(name), !name.contains(" ") else { return nil }
        return ParserDirective(name: name, value: String(body[body.index(after: eq)...]).trimmingSpaces, line: line)
    }

    /// If the content ends with the escape character (optionally followed by blanks), the offset of
    /// that escape character.
    private func continuationEscape(_ r: Range<Int>) -> Int? {
        var end = r.upperBound
        while end > r.lowerBound, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end > r.lowerBound, bytes[end - 1] == escape else { return nil }
        return end - 1
    }

    /// Gathers one instruction starting at line index `first`. Returns the next line index.
    private func parseInstruction(startingAt first: Int, index: Int) -> (Instruction, Int, [SyntaxDiagnostic]) {
        var diagnostics: [SyntaxDiagnostic] = []
        var logical: [UInt8] = []
        var segments: [Instruction.Segment] = []
        var i = first
        var lastLine = first
        while i < lineStarts.count {
            let r = contentRange(i)
            if i > first {
                if isComment(r) || isBlank(r) {
                    i += 1
                    continue
                }
            }
            segments.append(.init(logicalStart: logical.count, rawStart: r.lowerBound, line: i + 1))
            lastLine = i
            if let esc = continuationEscape(r) {
                logical.append(contentsOf: bytes[r.lowerBound..<esc])
                i += 1
                if i >= lineStarts.count { break }
                continue
            }
            logical.append(contentsOf: bytes[r])
            i += 1
            break
        }
        // Trim leading whitespace of the first segment (indentation before the keyword).
        var lead = 0
        while lead < logical.count, DockerfileWords.isSpace(logical[lead]) { lead += 1 }
        if lead > 0 {
            logical.removeFirst(lead)
            segments = segments.map { s in
                var s = s
                if s.logicalStart == 0 {
                    s.rawStart += lead
                } else {
                    s.logicalStart -= lead
                }
                return s
            }
        }
        let firstStart = lineStarts[first]
        let keywordCol = column(of: segments.first?.rawStart ?? firstStart, lineStart: firstStart)
        var instruction = makeInstruction(
            logical: logical,
            segments: segments,
            index: index,
            line: first + 1,
            column: keywordCol,
            diagnostics: &diagnostics
        )

        // Here-documents.
        var next = i
        if instruction.kind.acceptsHeredocs || instruction.kind == .onbuild {
            let markers = HeredocMarker.find(in: instruction.arguments, escape: escape)
            var heredocs: [Heredoc] = []
            for marker in markers {
                var body: [String] = []
                var terminated = false
                let bodyStart = next + 1
                while next < lineStarts.count {
                    let line = text(contentRange(next))
                    next += 1
                    let compared = marker.stripsTabs ? String(line.drop(while: { $0 == "\t" })) : line
                    if compared == marker.delimiter {
                        terminated = true
                        break
                    }
                    body.append(compared)
                }
                lastLine = max(lastLine, next - 1)
                if !terminated {
                    diagnostics.append(
                        SyntaxDiagnostic(
                            code: "unterminated-heredoc",
                            message: "here-document '<<\(marker.delimiter)' is never terminated",
                            range: SourceRange(lines: first + 1, first + 1)
                        )
                    )
                }
                heredocs.append(
                    Heredoc(
                        delimiter: marker.delimiter,
                        stripsLeadingTabs: marker.stripsTabs,
                        isQuoted: marker.quoted,
                        body: body.map { $0 + "\n" }.joined(),
                        bodyStartLine: bodyStart,
                        isTerminated: terminated
                    )
                )
            }
            instruction.heredocs = heredocs
            if !instruction.onbuildTrigger.isEmpty { instruction.onbuildTrigger[0].heredocs = heredocs }
        }
        let rawEnd = next < lineStarts.count ? lineStarts[next] : bytes.count
        instruction.rawText = text(firstStart..<rawEnd)
        instruction.rawOffset = firstStart
        let endContent = contentRange(lastLine)
        instruction.range = SourceRange(
            start: SourcePosition(line: first + 1, column: keywordCol),
            end: SourcePosition(
                line: lastLine + 1,
                column: column(of: endContent.upperBound, lineStart: endContent.lowerBound)
            )
        )
        return (instruction, next, diagnostics)
    }

    /// Builds an instruction from its logical text (also used for ONBUILD triggers).
    private func makeInstruction(
        logical: [UInt8],
        segments: [Instruction.Segment],
        index: Int,
        line: Int,
        column: Int,
        diagnostics: inout [SyntaxDiagnostic]
    ) -> Instruction {
        var k = 0
        while k < logical.count, !DockerfileWords.isSpace(logical[k]) { k += 1 }
        let keyword = String(decoding: logical[0..<k], as: UTF8.self)
        let kind = InstructionKind(rawValue: keyword.uppercased()) ?? .unknown
        let lineRange = SourceRange(lines: line, line)
        if kind == .unknown {
            diagnostics.append(
                SyntaxDiagnostic(
                    code: "unknown-instruction",
                    message: "unknown instruction '\(keyword)'",
                    range: lineRange
                )
            )
        }
        // Flags.
        var flags: [InstructionFlag] = []
        var p = k
        while true {
            while p < logical.count, DockerfileWords.isSpace(logical[p]) { p += 1 }
            guard p + 1 < logical.count, logical[p] == UInt8(ascii: "-"), logical[p + 1] == UInt8(ascii: "-"),
                kind != .unknown
            else { break }
            // Exec-form JSON never starts with "--"; a lone "--" ends flags.
            let start = p
            var quote: UInt8? = nil
            while p < logical.count {
                let c = logical[p]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if DockerfileWords.isSpace(c) {
                    break
                }
                p += 1
            }
            let word = String(decoding: logical[(start + 2)..<p], as: UTF8.self)
            if word.isEmpty { break }
            if let eq = word.firstIndex(of: "=") {
                flags.append(
                    InstructionFlag(
                        name: word[..<eq].lowercased(),
                        value: String(word[word.index(after: eq)...]),
                        logicalOffset: start
                    )
                )
            } else {
                flags.append(InstructionFlag(name: word.lowercased(), value: nil, logicalOffset: start))
            }
        }
        while p < logical.count, DockerfileWords.isSpace(logical[p]) { p += 1 }
        var argsEnd = logical.count
        while argsEnd > p, DockerfileWords.isSpace(logical[argsEnd - 1]) { argsEnd -= 1 }
        let arguments = String(decoding: logical[p..<argsEnd], as: UTF8.self)
        var form = ArgumentForm.shell(arguments)
        if kind.acceptsExecForm, arguments.hasPrefix("["),
            case .array(let items)? = try? JSONParser.parse(arguments),
            let strings = Optional(items.compactMap(\.stringValue)), strings.count == items.count
        {
            form = .exec(strings)
        }
        var trigger: [Instruction] = []
        if kind == .onbuild {
            let triggerLogical = Array(logical[p..<argsEnd])
            let shifted = segments.map { s -> Instruction.Segment in
                var s = s
                s.logicalStart = max(0, s.logicalStart - p)
                if s.logicalStart == 0 { s.rawStart += p }
                return s
            }
            if triggerLogical.isEmpty {
                diagnostics.append(
                    SyntaxDiagnostic(
                        code: "missing-arguments",
                        message: "ONBUILD requires a trigger instruction",
                        range: lineRange
                    )
                )
            } else {
                var t = makeInstruction(
                    logical: triggerLogical,
                    segments: shifted,
                    index: index,
                    line: line,
                    column: column,
                    diagnostics: &diagnostics
                )
                t.range = lineRange
                trigger = [t]
            }
        } else if arguments.isEmpty, kind != .unknown {
            diagnostics.append(
                SyntaxDiagnostic(
                    code: "missing-arguments",
                    message: "\(kind.rawValue) requires at least one argument",
                    range: lineRange
                )
            )
        }
        return Instruction(
            kind: kind,
            keywordAsWritten: keyword,
            rawText: "",
            rawOffset: 0,
            logicalText: String(decoding: logical, as: UTF8.self),
            flags: flags,
            arguments: arguments,
            argumentsOffset: p,
            form: form,
            heredocs: [],
            onbuildTrigger: trigger,
            range: lineRange,
            index: index,
            escapeCharacter: Character(Unicode.Scalar(escape)),
            segments: segments
        )
    }
}
