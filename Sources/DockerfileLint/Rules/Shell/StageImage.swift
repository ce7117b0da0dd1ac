import DockerfileSyntax

/// A `FROM` as hadolint compares them: the whole base image (name, tag, digest, alias, platform).
struct StageImage: Hashable, Sendable {
    var registry: String?
    /// The image name without registry, tag and digest (what a later `FROM <alias>` would name).
    var name: String
    var tag: String?
    var digest: String?
    var alias: String?
    var platform: String?

    init?(_ instruction: Instruction) {
        guard let parts = instruction.fromParts else { return nil }
        registry = parts.image.registry
        name = parts.image.repository
        tag = parts.image.tag
        digest = parts.image.digest
        alias = parts.stageName
        platform = parts.platform
    }
}

/// hadolint's "forgot to clean up" rules (DL3009, DL3060) report a RUN only when its stage ends up
/// in the built image: the last stage, or a stage whose alias a `FROM` names.
struct StageCleanupTracker {
    private var lastFrom: StageImage?
    private var current: StageImage?
    private var fromNames: Set<String> = []
    private var forgotten: [(instruction: Instruction, stage: StageImage?)] = []

    /// Feeds a `FROM`.
    mutating func enter(_ from: Instruction) {
        guard let image = StageImage(from) else { return }
        current = image
        lastFrom = image
        fromNames.insert(image.name)
    }

    /// Records a RUN that forgot to clean up, in the current stage.
    mutating func remember(_ run: Instruction) { forgotten.append((run, current)) }

    /// The remembered RUNs that are reported.
    var reported: [Instruction] {
        forgotten.filter { entry in
            if entry.stage == lastFrom { return true }
            if let alias = entry.stage?.alias, fromNames.contains(alias) { return true }
            return false
        }.map(\.instruction)
    }
}
