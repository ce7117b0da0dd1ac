/// A set of named flags with its raw bit pattern, such as `O_RDWR|O_CREAT` or `PTRACE_ATTACH`.
///
/// `names` is what rules compare (`evt.arg.flags contains O_CREAT`); `raw` is what the kernel passed. The names
/// that the engine and the process table test on every event are also classified once, into ``wellKnown``, so
/// that those tests compare bits instead of strings.
public struct FlagSet: Sendable, Hashable {
    /// The bit pattern.
    public var raw: UInt64
    /// The flag names, in the order the sensor listed them.
    public var names: [String] {
        didSet { wellKnown = WellKnown(names) }
    }
    /// Which of the names tested on every event the set holds (kept in step with ``names``).
    public private(set) var wellKnown: WellKnown

    /// Creates a flag set.
    public init(raw: UInt64 = 0, names: [String]) {
        self.raw = raw
        self.names = names
        wellKnown = WellKnown(names)
    }

    /// True when the set holds a flag named `name`.
    public func contains(_ name: String) -> Bool { names.contains(name) }

    /// True when the set holds every flag of `flags`: a bit test.
    @inlinable
    public func contains(_ flags: WellKnown) -> Bool { wellKnown.isSuperset(of: flags) }

    /// True when the set holds any flag of `flags`: a bit test.
    @inlinable
    public func containsAny(_ flags: WellKnown) -> Bool { !wellKnown.isDisjoint(with: flags) }

    /// The names joined with `|`, as Falco prints flags.
    public var description: String { names.joined(separator: "|") }

    /// The flag names tested on every open, clone and dup, by name.
    public struct WellKnown: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16

        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// `O_WRONLY`.
        public static let writeOnly = WellKnown(rawValue: 1 << 0)
        /// `O_RDWR`.
        public static let readWrite = WellKnown(rawValue: 1 << 1)
        /// `O_CREAT`.
        public static let create = WellKnown(rawValue: 1 << 2)
        /// `O_CLOEXEC`.
        public static let closeOnExec = WellKnown(rawValue: 1 << 3)
        /// `SOCK_CLOEXEC`.
        public static let socketCloseOnExec = WellKnown(rawValue: 1 << 4)
        /// `MFD_CLOEXEC`.
        public static let memfdCloseOnExec = WellKnown(rawValue: 1 << 5)
        /// `O_DIRECTORY`.
        public static let directory = WellKnown(rawValue: 1 << 6)
        /// `CLONE_THREAD`.
        public static let cloneThread = WellKnown(rawValue: 1 << 7)
        /// `O_EXEC`.
        public static let exec = WellKnown(rawValue: 1 << 8)

        /// The well-known flags among `names`.
        init(_ names: [String]) {
            var bits: UInt16 = 0
            for name in names {
                switch name {
                case "O_WRONLY": bits |= Self.writeOnly.rawValue
                case "O_RDWR": bits |= Self.readWrite.rawValue
                case "O_CREAT": bits |= Self.create.rawValue
                case "O_CLOEXEC": bits |= Self.closeOnExec.rawValue
                case "SOCK_CLOEXEC": bits |= Self.socketCloseOnExec.rawValue
                case "MFD_CLOEXEC": bits |= Self.memfdCloseOnExec.rawValue
                case "O_DIRECTORY": bits |= Self.directory.rawValue
                case "CLONE_THREAD": bits |= Self.cloneThread.rawValue
                case "O_EXEC": bits |= Self.exec.rawValue
                default: continue
                }
            }
            rawValue = bits
        }
    }
}
