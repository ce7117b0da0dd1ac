extension EventFields {
    /// Calls `body` with the raw bytes of `evt.buffer` (the `data` argument of read/write/send/receive events):
    /// recorded bytes as they are, a recorded string as its UTF-8. Nil when the event has no such buffer.
    ///
    /// `bcontains` and `bstartswith` compare these bytes; the `evt.buffer` field's text form reads them as UTF-8.
    public static func withBuffer<R>(of event: RuntimeEvent, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        withArgumentBytes(of: event, named: "data", textForOthers: false, body)
    }

    /// Calls `body` with the raw bytes of argument `name` (`evt.arg.<name>`): bytes as recorded, any other
    /// value as the text `evt.arg.<name>` gives. Nil when the event has no such argument.
    public static func withArgumentBytes<R>(
        of event: RuntimeEvent,
        named name: String,
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        withArgumentBytes(of: event, named: name, textForOthers: true, body)
    }

    private static func withArgumentBytes<R>(
        of event: RuntimeEvent,
        named name: String,
        textForOthers: Bool,
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        switch event.argument(name) {
        case .bytes(let bytes): return bytes.withUnsafeBufferPointer(body)
        case .string(var text): return text.withUTF8(body)
        case .some(let other) where textForOthers:
            var text = other.text
            return text.withUTF8(body)
        default: return nil
        }
    }
}
