/// Fields that Falco's own engine knows but Bulkhead's event model does not serve yet. A rule using one of
/// them is skipped with a warning rather than rejected, since Falco itself would load it.
enum FalcoOnlyFields {
    /// Exact field names.
    static let names: Set<String> = [
        "proc.exe_ino", "proc.exe_ino.ctime_duration_pidns_start",
    ]

    /// True when `reference` (possibly with an argument) names one of ``names``.
    static func contains(_ reference: String) -> Bool {
        let name = reference.firstIndex(of: "[").map { String(reference[..<$0]) } ?? reference
        return names.contains(name)
    }
}
