import FalcoRules
import RuleEngine
import SecurityModel

/// Reads rules files and directories named on the command line and loads them into one ``RuleSet``.
struct RulesFileLoading {
    /// The loaded rules, the files read (as displayed) and the inputs that could not be read.
    struct Loaded {
        var ruleSet: RuleSet
        var files: [String]
        var errors: [TargetError]
    }

    /// Largest rules file read, in bytes.
    var maximumSize = 16 * 1_048_576

    /// Loads `paths` in order; a directory contributes its `*.yaml` and `*.yml` files in alphabetical order.
    func load(_ paths: [String], io: CommandIO) -> Loaded {
        var discovery = DockerfileDiscovery(baseDirectory: io.currentDirectory)
        discovery.accepts = { name in
            let lower = name.lowercased()
            return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
        }
        discovery.kind = "rules files (*.yaml, *.yml)"
        discovery.noneFoundCode = "no-rules-files"
        let (inputs, discoveryErrors) = discovery.expand(paths)
        var errors = discoveryErrors
        let reader = SourceFileReader(maximumSize: maximumSize)
        var texts: [(path: String, text: String)] = []
        for input in inputs {
            switch reader.read(path: input.path, display: input.display, io: io) {
            case .text(let text): texts.append((path: input.display, text: text))
            case .failure(let error): errors.append(error)
            }
        }
        return Loaded(ruleSet: RulesLoader().load(texts), files: texts.map(\.path), errors: errors)
    }

    /// `ruleSet` without the rules the loader skipped (fields the event model does not serve).
    static func loadable(_ ruleSet: RuleSet) -> RuleSet {
        var copy = ruleSet
        copy.rules.removeAll(where: \.skipped)
        return copy
    }
}
