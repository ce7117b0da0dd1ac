/// Typed views of the common instructions, computed from the parsed arguments.
extension Instruction {
    /// The parts of a `FROM`: image, `AS` name, `--platform`.
    public struct FromParts: Sendable, Hashable {
        public var image: ImageReference
        public var stageName: String?
        public var platform: String?
    }

    /// For `FROM`, its parts; nil for other instructions or an empty FROM.
    public var fromParts: FromParts? {
        guard kind == .from else { return nil }
        let words = DockerfileWords.split(arguments, escape: escapeCharacter).map(\.value)
        guard let image = words.first else { return nil }
        var name: String? = nil
        if words.count >= 3, words[1].lowercased() == "as" { name = words[2] }
        return FromParts(image: ImageReference(image), stageName: name, platform: flag("platform"))
    }

    /// The parts of `COPY`/`ADD`: sources, destination and flags.
    public struct CopyParts: Sendable, Hashable {
        public var sources: [String]
        public var destination: String
        /// `--from` value.
        public var from: String?
        public var chown: String?
        public var chmod: String?
    }

    /// For `COPY` and `ADD`, its parts (here-documents count as sources named `<<EOF`).
    public var copyParts: CopyParts? {
        guard kind == .copy || kind == .add else { return nil }
        let words = argumentWords
        guard let dest = words.last, words.count >= 2 || !heredocs.isEmpty else { return nil }
        return CopyParts(
            sources: Array(words.dropLast()),
            destination: dest,
            from: flag("from"),
            chown: flag("chown"),
            chmod: flag("chmod")
        )
    }

    /// `ENV`, `LABEL` and `ARG` pairs.
    public var keyValuePairs: [DockerfileWords.KeyValue] {
        switch kind {
        case .env, .label:
            return DockerfileWords.keyValuePairs(arguments, escape: escapeCharacter, legacyForm: true)
        case .arg:
            return DockerfileWords.keyValuePairs(arguments, escape: escapeCharacter, legacyForm: false)
        default:
            return []
        }
    }

    /// The shell script of a `RUN` (shell form, exec form, or here-document bodies that feed the
    /// shell); nil for other instructions.
    public var runScript: ShellScript? {
        guard kind == .run else { return nil }
        switch form {
        case .exec(let words):
            return ShellScript(execForm: words)
        case .shell(let text):
            if !heredocs.isEmpty {
                // `RUN <<EOF` runs the body; `RUN cmd <<EOF` feeds it to cmd. Both are parsed.
                let bodies = heredocs.map(\.body).joined(separator: "\n")
                let head = HeredocMarker.stripMarkers(text)
                let combined = head.trimmingSpaces.isEmpty ? bodies : head + "\n" + bodies
                return ShellScript(parsing: combined)
            }
            return ShellScript(parsing: text)
        }
    }
}

extension HeredocMarker {
    /// The text with `<<EOF` markers removed.
    static func stripMarkers(_ text: String) -> String {
        var out = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if word.hasPrefix("<<") { continue }
            if !out.isEmpty { out += " " }
            out += word
        }
        return out
    }
}
