import FalcoRules

/// Loads inline rules texts named `a.yaml`, `b.yaml`, … in order.
func loadRules(_ texts: String..., engine: EngineVersion = .supported) -> RuleSet {
    let names = "abcdefgh".map { "\($0).yaml" }
    return RulesLoader(engineVersion: engine).load(
        texts.enumerated().map { (path: names[$0.offset], text: $0.element) }
    )
}

/// A complete rule item named `name`.
func ruleItem(_ name: String, condition: String = "evt.type=open", extra: String = "") -> String {
    """
    - rule: \(name)
      desc: d
      condition: \(condition)
      output: o
      priority: WARNING
    \(extra)
    """
}

extension RuleSet {
    /// The codes of the errors, as text.
    var errorCodes: [String] { errors.map { "\($0.code)" } }
}
