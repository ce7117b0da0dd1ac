import DockerfileSyntax

/// Stage relations the security rules need: which stage a stage is built on, and which stages end up
/// in the final image.
extension LintContext {
    /// The earlier stage `stage` is based on (`FROM builder`), if any.
    func inheritedStage(of stage: Stage) -> Stage? {
        guard stage.baseIsStage else { return nil }
        let name = stage.baseImage.raw.lowercased()
        return stages.last { $0.index < stage.index && $0.name == name }
    }

    /// The final stage followed by the stages it is built on, nearest first.
    var finalImageStages: [Stage] {
        guard let final = finalStage else { return [] }
        var chain = [final]
        var current = final
        while let parent = inheritedStage(of: current), !chain.contains(where: { $0.index == parent.index }) {
            chain.append(parent)
            current = parent
        }
        return chain
    }

    /// True when `name` (a `--from` value) names a stage of this file: its `AS` name or its index.
    func namesStageOfThisFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        if stages.contains(where: { $0.name == lower }) { return true }
        if let n = Int(name), n >= 0, n < stages.count { return true }
        return false
    }
}

/// One `RUN --mount=…` specification.
struct MountSpecification: Sendable, Hashable {
    /// Fields as written, keys lower-cased, values unquoted.
    var fields: [String: String]

    /// `type` (`bind` when not given).
    var type: String { fields["type"]?.lowercased() ?? "bind" }
    /// Mount point.
    var target: String? { fields["target"] ?? fields["dst"] ?? fields["destination"] }
    /// `from` (a stage or an image), if given.
    var from: String? { fields["from"] }

    init(_ spec: String) {
        var fields: [String: String] = [:]
        for part in spec.trimmedAndUnquoted.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1)
            let key = String(kv[0]).trimmedAndUnquoted.lowercased()
            let value = kv.count > 1 ? String(kv[1]).trimmedAndUnquoted : ""
            fields[key] = value
        }
        self.fields = fields
    }
}

extension Instruction {
    /// The `--mount` flags of a `RUN`.
    var mountSpecifications: [MountSpecification] {
        flags.filter { $0.name == "mount" }.compactMap { $0.value.map(MountSpecification.init) }
    }

    /// True when a `--mount=type=cache` targets `path` or a directory below or above it.
    func hasCacheMount(covering paths: [String]) -> Bool {
        mountSpecifications.contains { mount in
            guard mount.type == "cache", let target = mount.target else { return false }
            let t = target.hasSuffix("/") ? String(target.dropLast()) : target
            return paths.contains { t.hasPrefix($0) || $0.hasPrefix(t + "/") || t == $0 }
        }
    }

    /// The script text a `RUN` executes: the shell-form text plus here-document bodies, or the exec-form
    /// words joined.
    var executedScriptText: String {
        switch form {
        case .exec(let words): return words.joined(separator: " ")
        case .shell(let text):
            if heredocs.isEmpty { return text }
            return ([text] + heredocs.map(\.body)).joined(separator: "\n")
        }
    }
}

/// Finds `$NAME` / `${NAME…}` references in text.
enum VariableReferenceScanner {
    /// The names among `names` that `text` references.
    static func referenced(_ names: Set<String>, in text: String) -> [String] {
        guard !names.isEmpty else { return [] }
        var found: [String] = []
        let b = Array(text.utf8)
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "$"), i + 1 < b.count else {
                i += 1
                continue
            }
            var j = i + 1
            if b[j] == UInt8(ascii: "{") { j += 1 }
            let start = j
            while j < b.count, isIdentifier(b[j]) { j += 1 }
            if j > start {
                let name = String(decoding: b[start..<j], as: UTF8.self)
                if names.contains(name), !found.contains(name) { found.append(name) }
            }
            i = max(j, i + 1)
        }
        return found
    }

    private static func isIdentifier(_ c: UInt8) -> Bool { SecretScanner.isAlnum(c) || c == UInt8(ascii: "_") }
}
