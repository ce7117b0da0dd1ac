import DockerfileSyntax

/// hadolint's version-pin check for yum and dnf (DL3033, DL3041): `name-version` where the part
/// after the first dash looks like a version, `.rpm` files, and `name-${VAR}` when `VAR` is an ARG
/// or an ENV of the current stage (ENVs are inherited by stages built `FROM` an earlier alias).
struct RpmVersionPins {
    private var isEmpty = true
    private var stageIndex = 0
    private var stageAliases: [Int: String] = [:]
    private var envs: [Int: Set<String>] = [:]
    private var args: Set<String> = []

    private mutating func initialise(stage: Int, alias: String) {
        isEmpty = false
        stageIndex = stage
        stageAliases = [stage: alias]
        envs = [stage: []]
        args = []
    }

    /// Feeds an instruction that is not a RUN (FROM, ENV, ARG update the state).
    mutating func observe(_ instruction: Instruction) {
        switch instruction.kind {
        case .env:
            if isEmpty { initialise(stage: 0, alias: "") }
            envs[stageIndex]?.formUnion(instruction.keyValuePairs.map(\.key))
        case .arg:
            if isEmpty { initialise(stage: 0, alias: "") }
            args.formUnion(instruction.keyValuePairs.map(\.key))
        case .from:
            guard let image = StageImage(instruction) else { return }
            if isEmpty {
                initialise(stage: 1, alias: image.alias ?? "")
                return
            }
            let parent = stageAliases.filter { $0.value == image.name }.keys.min() ?? stageIndex + 1
            let inherited = envs[parent] ?? []
            stageIndex += 1
            stageAliases[stageIndex] = image.alias ?? ""
            envs[stageIndex] = inherited
        default:
            break
        }
    }

    /// True when `package` carries a version.
    func isPinned(_ package: String) -> Bool {
        let parts = package.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count <= 1 { return false }
        if package.hasSuffix(".rpm") { return true }
        if package.contains("$") {
            guard !isEmpty else { return false }
            let names = (envs[stageIndex] ?? []).union(args)
            return names.contains { package.contains("${\($0)}") }
        }
        let rest = parts.dropFirst()
        return rest.allSatisfy { $0.allSatisfy(Self.isVersionCharacter) }
            && rest.contains { $0.first?.isASCII == true && $0.first?.isNumber == true }
    }

    private static func isVersionCharacter(_ c: Character) -> Bool {
        guard c.isASCII else { return false }
        return c.isLetter || c.isNumber || ".~^_:+".contains(c)
    }

    /// Runs the check the way hadolint folds it: once over the instructions (ONBUILD ignored) and
    /// once over the ONBUILD triggers alone. `unpinned` lists what a script leaves unpinned; the
    /// result is the instructions to report with that list.
    static func violations(
        in context: LintContext,
        unpinned: (ExtractedShell, RpmVersionPins) -> [String]
    ) -> [(instruction: Instruction, unpinned: [String])] {
        let instructions = context.instructions
        var result: [(Instruction, [String])] = []
        var main = RpmVersionPins()
        var onbuild = RpmVersionPins()
        for instruction in instructions {
            if instruction.kind == .run {
                let found = unpinned(context.shell(of: instruction), main)
                if !found.isEmpty { result.append((instruction, found)) }
            } else if let trigger = instruction.trigger {
                if trigger.kind == .run {
                    let found = unpinned(context.triggerShell(of: instruction), onbuild)
                    if !found.isEmpty { result.append((instruction, found)) }
                } else {
                    onbuild.observe(trigger)
                }
            } else {
                main.observe(instruction)
            }
        }
        return result
    }
}
