/// One-number `/proc` files (`loginuid`, `sessionid`) and the boot time line of `/proc/stat`.
public enum ProcNumberFile {
    /// The "unset" value of `loginuid` and `sessionid` (`(uint32_t)-1`).
    public static let unsetAuditID: UInt64 = 4_294_967_295

    /// Parses `loginuid` or `sessionid`: a decimal number, optional newline; `4294967295` (unset) is -1.
    public static func parseAuditID(_ bytes: [UInt8], file: String) throws(ProcFileError) -> Int64 {
        let text = ProcText.trimmingTrailingWhitespace(bytes[...])
        guard let value = ProcText.unsignedDecimal(text), value <= unsetAuditID else {
            throw ProcFileError(file: file, reason: "\"\(ProcText.snippet(text))\" is not a 32-bit unsigned number")
        }
        return value == unsetAuditID ? -1 : Int64(value)
    }

    /// The `btime` line of `/proc/stat`: boot time, seconds since the epoch.
    public static func parseBootTime(_ bytes: [UInt8], file: String) throws(ProcFileError) -> Int64 {
        for line in bytes.split(separator: 0x0A) where line.starts(with: Array("btime ".utf8)) {
            let value = ProcText.trimmingTrailingWhitespace(ProcText.trimmingLeadingBlanks(line.dropFirst(6)))
            guard let seconds = ProcText.signedDecimal(value), seconds >= 0 else {
                throw ProcFileError(file: file, reason: "btime \"\(ProcText.snippet(value))\" is not a number")
            }
            return seconds
        }
        throw ProcFileError(file: file, reason: "no btime line")
    }
}
