internal import FalcoCondition

/// Loads Falco rules files into a validated, merged ``RuleSet``, with conditions kept as text.
///
/// Files are read in the order given; items are applied in order, so that a later definition replaces an
/// earlier one of the same name (keeping its position), `append: true` and `override:` modify an earlier
/// one, and an item with only `enabled` toggles an earlier rule. Every problem becomes a
/// ``RulesDiagnostic`` naming the file, the 1-based line and the item; an item with an error is skipped and
/// loading goes on with the next item and the next file. The loader is pure: the caller reads the files.
public struct RulesLoader: Sendable {
    /// The engine version that `required_engine_version` is checked against.
    public var engineVersion: EngineVersion
    /// Whether conditions, exceptions and outputs are checked after loading (parse, macro and list
    /// expansion, fields served by the event model). True by default.
    public var validatesConditions = true
    /// Most YAML nodes one document may expand to, aliases and merge keys counted at each use (YAML alias
    /// bombs are an ``RulesDiagnostic/Code-swift.struct/invalidYAML`` error naming the document's line).
    public var maximumYAMLNodes = RulesLoader.defaultMaximumYAMLNodes
    /// Most levels of `and`/`or`/`not` an expanded condition may nest (see ``ConditionExpander``): code that
    /// walks expanded conditions recursively (the rule engine's compiler) needs at most this many levels.
    public var maximumConditionDepth = ConditionExpander.defaultMaximumDepth
    /// Most nodes (list items included) an expanded condition may have (see ``ConditionExpander``).
    public var maximumConditionSize = ConditionExpander.defaultMaximumSize

    /// The default ``maximumYAMLNodes``: room for a 200 000-item list, not for an alias bomb.
    public static let defaultMaximumYAMLNodes = 1_000_000

    /// Creates a loader for the given engine version.
    public init(engineVersion: EngineVersion = .supported) {
        self.engineVersion = engineVersion
    }

    /// Loads `files` (path and text) in the given order.
    public func load(_ files: [(path: String, text: String)]) -> RuleSet {
        var state = LoadState(engineVersion: engineVersion, maximumYAMLNodes: maximumYAMLNodes)
        for file in files { state.read(path: file.path, text: file.text) }
        var ruleSet = state.ruleSet
        if validatesConditions {
            ConditionValidation.validate(
                &ruleSet,
                maximumDepth: maximumConditionDepth,
                maximumSize: maximumConditionSize
            )
        }
        return ruleSet
    }

    /// Loads one file.
    public func load(path: String, text: String) -> RuleSet { load([(path: path, text: text)]) }

    /// Loads the files of a rules directory in alphabetical (byte-wise) order of their paths, as Falco reads
    /// `rules.d/`.
    public func loadDirectory(_ files: [(path: String, text: String)]) -> RuleSet {
        load(files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) })
    }
}
