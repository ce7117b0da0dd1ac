/// A Pod Security Standards level. `restricted` includes every `baseline` control.
public enum PSSLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case baseline
    case restricted

    public static func < (lhs: PSSLevel, rhs: PSSLevel) -> Bool {
        lhs == .baseline && rhs == .restricted
    }
}
