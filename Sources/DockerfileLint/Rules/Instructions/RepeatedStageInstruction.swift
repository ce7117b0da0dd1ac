import DockerfileSyntax

/// Shared logic of the "only the last one counts" rules (HEALTHCHECK, CMD, ENTRYPOINT): every
/// occurrence of `kind` after the first one in the same stage. `FROM` starts a new stage;
/// instructions before the first `FROM` count as one stage, and ONBUILD triggers are not counted.
enum RepeatedStageInstruction {
    static func repeats(of kind: InstructionKind, in instructions: [Instruction]) -> [Instruction] {
        var seen = false
        var result: [Instruction] = []
        for ins in instructions {
            if ins.kind == .from {
                seen = false
            } else if ins.kind == kind {
                if seen { result.append(ins) }
                seen = true
            }
        }
        return result
    }
}
