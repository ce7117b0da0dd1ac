/// The argument of a field reference: `proc.aname[2]` (an index), `evt.arg.flags`, `container.label[app]`
/// or `container.mount.dest[/proc*]` (a key).
public enum FieldArgument: Sendable, Hashable {
    case index(Int)
    case key(String)

    /// Which arguments a field takes.
    public enum Kind: String, Sendable, Hashable {
        /// No argument.
        case none
        /// An index, optional (`proc.aname` and `proc.aname[2]`).
        case optionalIndex
        /// A key, required (`evt.arg.flags`, `container.label.app`).
        case key
        /// A key, optional (`proc.env` and `proc.env[HOME]`).
        case optionalKey
        /// An index or a key, required (`container.mount.dest[0]`, `container.mount.dest[/proc*]`).
        case indexOrKey
    }
}
