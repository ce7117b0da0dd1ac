/// A set of named flags with its raw bit pattern, such as `O_RDWR|O_CREAT` or `PTRACE_ATTACH`.
///
/// `names` is what rules compare (`evt.arg.flags contains O_CREAT`); `raw` is what the kernel passed.
public struct FlagSet: Sendable, Hashable {
    /// The bit pattern.
    public var raw: UInt64
    /// The flag names, in the order the sensor listed them.
    public var names: [String]

    /// Creates a flag set.
    public init(raw: UInt64 = 0, names: [String]) {
        self.raw = raw
        self.names = names
    }

    /// True when the set holds a flag named `name`.
    public func contains(_ name: String) -> Bool { names.contains(name) }

    /// The names joined with `|`, as Falco prints flags.
    public var description: String { names.joined(separator: "|") }
}
