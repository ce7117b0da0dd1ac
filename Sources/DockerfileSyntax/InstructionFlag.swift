/// A `--name=value` (or bare `--name`) flag of an instruction (`COPY --from=build`, `RUN --mount=…`).
public struct InstructionFlag: Sendable, Hashable {
    /// Lower-cased name without dashes (`from`, `mount`, `chown`).
    public var name: String
    /// Value after `=`, quotes kept as written; nil for a bare flag.
    public var value: String?
    /// Offset of the flag's first byte in the instruction's logical text.
    public var logicalOffset: Int

    public init(name: String, value: String?, logicalOffset: Int) {
        self.name = name
        self.value = value
        self.logicalOffset = logicalOffset
    }
}
