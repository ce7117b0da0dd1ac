public import SecurityModel

/// One entry of an image's build history, parsed: which Dockerfile instruction produced it and its text.
///
/// `created_by` comes in a few shapes, all handled here:
/// - classic builder, RUN: `/bin/sh -c apt-get update`, with build arguments `|2 A=1 B=2 /bin/sh -c …`;
/// - classic builder, other instructions: `/bin/sh -c #(nop)  ENV A=1`, `/bin/sh -c #(nop) ADD file:… in / `;
/// - BuildKit: `RUN /bin/sh -c apt-get update # buildkit`, `ADD https://x/y.tgz /opt/ # buildkit`, `ENV A=1`;
/// - anything else (`bazel build …`, `apko`): treated as an opaque RUN.
public struct HistoryStep: Sendable, Hashable {
    /// Index in ``ImageMetadata/history``.
    public var index: Int
    /// `created_by` as recorded.
    public var createdBy: String
    /// Upper-case instruction (`RUN`, `ADD`, `COPY`, `ENV` …).
    public var instruction: String
    /// For RUN: the shell script; otherwise the instruction's arguments.
    public var arguments: String
    /// For RUN: what stood between `RUN` and the script (build arguments, `--mount=…` flags).
    public var runPrefix: String
    /// Index of the layer the step created (into ``ImageMetadata/layers``), when it can be told.
    public var layerIndex: Int?

    private static let instructions: Set<String> = [
        "RUN", "ADD", "COPY", "ENV", "ARG", "LABEL", "USER", "WORKDIR", "EXPOSE", "VOLUME", "CMD", "ENTRYPOINT",
        "HEALTHCHECK", "ONBUILD", "SHELL", "STOPSIGNAL", "MAINTAINER", "FROM",
    ]

    /// Parses one history entry.
    public init(index: Int, createdBy: String, layerIndex: Int? = nil) {
        self.index = index
        self.createdBy = createdBy
        self.layerIndex = layerIndex
        var text = Substring(createdBy).trimmingSpaces
        if text.hasSuffix("# buildkit") { text = text.dropLast("# buildkit".count).trimmingSpaces }
        var instruction = "RUN"
        var rest = text
        if let nop = text.firstRange(of: "#(nop)") {
            let after = text[nop.upperBound...].trimmingSpaces
            let (word, remainder) = after.splitFirstWord()
            instruction = word.uppercased()
            rest = remainder
        } else {
            let (word, remainder) = text.splitFirstWord()
            if Self.instructions.contains(String(word)) {
                instruction = String(word)
                rest = remainder
            }
        }
        self.instruction = instruction
        if instruction == "RUN" {
            let (prefix, script) = Self.splitShell(rest)
            self.runPrefix = String(prefix)
            self.arguments = String(script)
        } else {
            self.runPrefix = ""
            self.arguments = String(rest)
        }
    }

    /// Splits `|2 A=1 B=2 /bin/sh -c script` into the part before the script and the script. Without a
    /// recognisable shell invocation the whole text (minus a build-argument prefix) is the script.
    private static func splitShell(_ text: Substring) -> (Substring, Substring) {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        let shells: Set<Substring> = ["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"]
        for (i, word) in words.enumerated() {
            let base = word.split(separator: "/").last ?? word
            guard shells.contains(base) else { continue }
            // The script follows the first `-c` (or `-xc`, `-ec` …) after the shell.
            for j in (i + 1)..<words.count
            where words[j].hasPrefix("-") && !words[j].hasPrefix("--") && words[j].hasSuffix("c") {
                let start = words[j].endIndex
                return (text[..<words[i].startIndex], text[start...].trimmingSpaces)
            }
        }
        // `|2 A=1 B=2 script`: drop the build arguments.
        if words.first?.hasPrefix("|") == true, let n = Int(words[0].dropFirst()), n + 1 <= words.count {
            let start = n + 1 < words.count ? words[n + 1].startIndex : text.endIndex
            return (text[..<start], text[start...])
        }
        return (text[text.startIndex..<text.startIndex], text)
    }

    /// True for steps that run a command.
    public var isRun: Bool { instruction == "RUN" }

    /// The simple commands of a RUN step (empty for other instructions).
    var commands: [ShellCommand] { isRun ? ShellScript.commands(in: arguments) : [] }

    /// True when the RUN step mounts a BuildKit cache at or above `path` (`--mount=type=cache,target=…`),
    /// so nothing it writes there ends up in the layer.
    func mountsCache(covering path: String) -> Bool {
        for word in runPrefix.split(separator: " ") where word.hasPrefix("--mount=") {
            let options = word.dropFirst("--mount=".count).split(separator: ",")
            guard options.contains(where: { $0 == "type=cache" || $0 == "type=tmpfs" }) else { continue }
            for option in options {
                for key in ["target=", "dst=", "destination="] where option.hasPrefix(key) {
                    let target = TreePath.normalize(String(option.dropFirst(key.count)))
                    if path == target || path.hasPrefix(target == "/" ? "/" : target + "/") { return true }
                }
            }
        }
        return false
    }

    /// Parses every history entry of `metadata`, attributing layers when the number of non-empty steps
    /// equals the number of layers.
    public static func steps(of metadata: ImageMetadata) -> [HistoryStep] {
        let nonEmpty = metadata.history.filter { !$0.emptyLayer }.count
        let attribute = nonEmpty == metadata.layers.count
        var layer = 0
        var steps: [HistoryStep] = []
        steps.reserveCapacity(metadata.history.count)
        for (index, entry) in metadata.history.enumerated() {
            var layerIndex: Int?
            if attribute, !entry.emptyLayer {
                layerIndex = layer
                layer += 1
            }
            steps.append(HistoryStep(index: index, createdBy: entry.createdBy, layerIndex: layerIndex))
        }
        return steps
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return s
    }

    /// The first space-separated word and the trimmed rest.
    func splitFirstWord() -> (Substring, Substring) {
        guard let space = firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (self, self[endIndex...]) }
        return (self[..<space], self[space...].trimmingSpaces)
    }
}
