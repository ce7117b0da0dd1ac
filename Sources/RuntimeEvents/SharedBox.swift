/// An immutable value in a shared reference: copying the holder retains one object instead of every string and
/// array of the value, and holders built from the same box compare with one pointer comparison. Never written
/// once made (a change makes a new box), so it is safe to share across threads.
@usableFromInline
final class SharedBox<Value: Hashable & Sendable>: Hashable, Sendable {
    @usableFromInline let value: Value

    @usableFromInline
    init(_ value: Value) { self.value = value }

    @usableFromInline
    static func == (a: SharedBox, b: SharedBox) -> Bool { a === b || a.value == b.value }

    @usableFromInline
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
