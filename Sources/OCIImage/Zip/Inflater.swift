import CZlib

/// Inflates DEFLATE data (raw, as in ZIP entries, or zlib-wrapped, as in cargo-auditable sections) with
/// zlib, never producing more than a given number of bytes: a compression bomb stops at the limit.
public enum Inflater {
    /// Why inflating failed.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The output would exceed the limit (a likely compression bomb).
        case tooLarge(limit: Int)
        /// The compressed data ended early.
        case truncated
        /// zlib reported corrupt data.
        case corrupt(String)

        public var description: String {
            switch self {
            case .tooLarge(let limit): return "inflates to more than \(limit) bytes"
            case .truncated: return "compressed data is truncated"
            case .corrupt(let reason): return "corrupt compressed data (\(reason))"
            }
        }
    }

    /// Stream framing.
    public enum Framing {
        /// Raw DEFLATE (ZIP method 8).
        case raw
        /// zlib header and Adler-32 trailer.
        case zlib
    }

    /// Inflates `input`, producing at most `limit` bytes. `expectedSize` (when known) sizes the buffer.
    public static func inflate(_ input: ArraySlice<UInt8>, framing: Framing, limit: Int, expectedSize: Int? = nil)
        throws(Failure) -> [UInt8]
    {
        var stream = z_stream()
        let windowBits: Int32 = framing == .raw ? -15 : 15
        guard inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        let initial = min(limit, max(expectedSize ?? input.count * 3, 4096))
        output.reserveCapacity(initial)
        let chunk = 64 << 10
        var status: Int32 = Z_OK
        var failure: Failure? = nil
        input.withUnsafeBufferPointer { inputBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
            stream.avail_in = UInt32(clamping: inputBuffer.count)
            var scratch = [UInt8](repeating: 0, count: chunk)
            while true {
                let produced: Int = scratch.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return out.count - Int(stream.avail_out)
                }
                if output.count + produced > limit {
                    failure = .tooLarge(limit: limit)
                    return
                }
                output.append(contentsOf: scratch[0..<produced])
                switch status {
                case Z_STREAM_END: return
                case Z_OK: continue
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 {
                        failure = .truncated
                        return
                    }
                    continue
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    failure = .corrupt(message)
                    return
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
