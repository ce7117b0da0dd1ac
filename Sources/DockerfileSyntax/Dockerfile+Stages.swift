extension Dockerfile {
    /// The build stages, in order. Instructions before the first `FROM` belong to no stage.
    public var stages: [Stage] {
        var result: [Stage] = []
        var names: Set<String> = []
        let fromIndices = instructions.indices.filter { instructions[$0].kind == .from }
        for (n, idx) in fromIndices.enumerated() {
            let end = n + 1 < fromIndices.count ? fromIndices[n + 1] : instructions.count
            guard let from = instructions[idx].fromParts else { continue }
            var stage = Stage(
                index: n,
                name: from.stageName?.lowercased(),
                baseImage: from.image,
                platform: from.platform,
                fromIndex: idx,
                instructionIndices: idx..<end
            )
            stage.baseIsStage = names.contains(from.image.raw.lowercased())
            if let name = stage.name { names.insert(name) }
            result.append(stage)
        }
        return result
    }

    /// The stage containing instruction `index`, if any.
    public func stage(containing index: Int) -> Stage? {
        stages.last { $0.instructionIndices.contains(index) }
    }

    /// `ARG` names declared before the first `FROM` with their defaults (the global build args).
    public var globalArguments: [String: String?] {
        var args: [String: String?] = [:]
        for ins in instructions {
            if ins.kind == .from { break }
            if ins.kind == .arg {
                for kv in ins.keyValuePairs { args[kv.key] = kv.value }
            }
        }
        return args
    }
}
