/// What a redefining item does with an earlier item of the same name.
enum ItemAction {
    /// A full definition (replaces any earlier one).
    case define
    /// The legacy `append: true`.
    case legacyAppend
    /// `override:` with a mode per key.
    case override([String: OverrideMode])
}
