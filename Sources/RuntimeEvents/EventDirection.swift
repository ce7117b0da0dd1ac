/// Whether an event was recorded on entry to a system call or on its exit (`evt.dir` `>` / `<`).
///
/// Rules evaluate exit events; entry events are kept only for completeness.
public enum EventDirection: String, Sendable, Hashable, CaseIterable {
    /// System call entry (`>`).
    case enter = ">"
    /// System call exit (`<`), the default.
    case exit = "<"
}
